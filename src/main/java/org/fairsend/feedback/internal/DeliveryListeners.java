package org.fairsend.feedback.internal;

import java.util.UUID;
import org.fairsend.delivery.MessageFailed;
import org.fairsend.delivery.MessageSent;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.platform.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * What delivery reports and feedback acts on: a permanent failure at send time is a bounce, classified by
 * the same rules as an inbound one ({@link BounceClassifier#classifyReply}); a message accepted for a
 * spamtrap address is a spamtrap hit. Spamtraps are checked after the send (the {@code MessageSent} event,
 * against an in-memory set of hashes): the hit is the fact the sanctions need, and the suppression it adds
 * stops every later message to the trap from that account.
 *
 * <p>Both are records, so both run on the event publication registry (docs/ARCHITECTURE.md, "Events between
 * modules"): a failure leaves the publication incomplete and it is retried when a node restarts. The bounce
 * listens to {@code MessageFailed} itself. {@code MessageSent} comes once per message, so it is filtered in the
 * publishing transaction (a set look-up) and only a spamtrap's message is republished, as {@link SpamtrapReached},
 * to the registry listener that records the hit: the email path writes no registry row per message.
 */
@Component
class DeliveryListeners {

    /** A message was accepted for a spamtrap address; published in the send's transaction, recorded after it. */
    record SpamtrapReached(long messageId, UUID accountId, UUID campaignId, Channel channel, String recipientHash) {}

    private final BounceClassifier classifier;
    private final FeedbackRecorder recorder;
    private final SentMessages messages;
    private final Spamtraps spamtraps;
    private final ApplicationEventPublisher events;

    DeliveryListeners(BounceClassifier classifier, FeedbackRecorder recorder, SentMessages messages, Spamtraps spamtraps,
            ApplicationEventPublisher events) {
        this.classifier = classifier;
        this.recorder = recorder;
        this.messages = messages;
        this.spamtraps = spamtraps;
        this.events = events;
    }

    /** A send-time 5xx is a bounce (and a hard one a suppression, R-11); a failure here is retried on restart. */
    @ApplicationModuleListener
    void failed(MessageFailed e) {
        if (!e.permanent() || e.channel() != Channel.EMAIL) return;
        // the recipient was erased before this publication ran (its address is the marker): they are suppressed already
        if (org.fairsend.platform.ErasedPerson.MARKER.equals(e.recipient())) return;
        Integer code = null;
        if (e.code() != null && e.code().matches("\\d{3}")) code = Integer.valueOf(e.code());
        Classification c = classifier.classifyReply(e.recipient(), code, e.reply());
        if (!c.isBounce()) return;
        SentMessage m = messages.find(e.messageId()).orElse(new SentMessage(e.messageId(), e.accountId(), e.campaignId(),
                e.channel(), null, e.recipient(), "failed", null));
        recorder.bounce(m, c, "send-time", null);
    }

    /** In the send's transaction: only a spamtrap's message goes on, to the registry. */
    @EventListener
    void sent(MessageSent e) {
        if (e.recipientHash() == null || !spamtraps.contains(e.recipientHash())) return;
        events.publishEvent(new SpamtrapReached(e.messageId(), e.accountId(), e.campaignId(), e.channel(), e.recipientHash()));
    }

    @ApplicationModuleListener
    void spamtrap(SpamtrapReached e) {
        recorder.spamtrapHit(e.messageId(), e.accountId(), e.campaignId(), e.channel(), e.recipientHash());
    }
}
