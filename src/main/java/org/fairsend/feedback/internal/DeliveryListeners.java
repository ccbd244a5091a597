package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.delivery.MessageFailed;
import org.fairsend.delivery.MessageSent;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What delivery reports and feedback acts on: a permanent failure at send time is a bounce, classified by
 * the same rules as an inbound one ({@link BounceClassifier#classifyReply}); a message accepted for a
 * spamtrap address is a spamtrap hit. Spamtraps are checked after the send (the {@code MessageSent} event,
 * against an in-memory set of hashes): the hit is the fact the sanctions need, and the suppression it adds
 * stops every later message to the trap from that account.
 */
@Component
class DeliveryListeners {

    private static final Logger log = LoggerFactory.getLogger(DeliveryListeners.class);

    private final BounceClassifier classifier;
    private final FeedbackRecorder recorder;
    private final SentMessages messages;
    private final Spamtraps spamtraps;

    DeliveryListeners(BounceClassifier classifier, FeedbackRecorder recorder, SentMessages messages, Spamtraps spamtraps) {
        this.classifier = classifier;
        this.recorder = recorder;
        this.messages = messages;
        this.spamtraps = spamtraps;
    }

    @EventListener
    void failed(MessageFailed e) {
        if (!e.permanent() || e.channel() != Channel.EMAIL) return;
        try {
            Integer code = null;
            if (e.code() != null && e.code().matches("\\d{3}")) code = Integer.valueOf(e.code());
            Classification c = classifier.classifyReply(e.recipient(), code, e.reply());
            if (!c.isBounce()) return;
            SentMessage m = messages.find(e.messageId()).orElse(new SentMessage(e.messageId(), e.accountId(), e.campaignId(),
                    e.channel(), null, e.recipient(), "failed", null));
            recorder.bounce(m, c, "send-time", null);
        } catch (RuntimeException ex) {
            log.error("could not record the send-time bounce of message {}", e.messageId(), ex);
        }
    }

    @EventListener
    void sent(MessageSent e) {
        if (e.recipientHash() == null || !spamtraps.contains(e.recipientHash())) return;
        try {
            recorder.spamtrapHit(e.messageId(), e.accountId(), e.campaignId(), e.channel(), e.recipientHash());
        } catch (RuntimeException ex) {
            log.error("could not record the spamtrap hit of message {}", e.messageId(), ex);
        }
    }
}
