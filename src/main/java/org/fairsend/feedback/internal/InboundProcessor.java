package org.fairsend.feedback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.feedback.classify.Kind;
import org.fairsend.platform.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a stored inbound message into what it means: a mailto unsubscribe, bounces, complaints. Ties each
 * report to its message by VERP (the RCPT address), else by the original Message-ID, else by the recipient
 * (within the account when it is known). Whatever cannot be parsed or tied stays in {@code inbound_message}
 * with status {@code unparsed} or {@code unmatched}.
 */
@Service
class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final InboundStore store;
    private final BounceClassifier classifier;
    private final MessageLinks links;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;

    InboundProcessor(InboundStore store, BounceClassifier classifier, MessageLinks links, SentMessages messages,
            FeedbackRecorder recorder) {
        this.store = store;
        this.classifier = classifier;
        this.links = links;
        this.messages = messages;
        this.recorder = recorder;
    }

    /** What the listener accepts at RCPT: VERP bounce and mailto unsubscribe addresses, and the feedback-loop address. */
    boolean accepts(String rcpt, String feedbackLoopAddress) {
        return links.parse(rcpt).isPresent() || clean(rcpt).equals(feedbackLoopAddress);
    }

    /** Stores then processes one message received over SMTP for one recipient. */
    long receive(String mailFrom, String rcpt, String remote, byte[] raw) {
        long id = store.store("smtp", mailFrom, rcpt, remote, raw);
        process(id, rcpt, raw);
        return id;
    }

    void process(long id, String rcpt, byte[] raw) {
        try {
            Optional<MessageLinks.Tagged> tag = links.parse(rcpt);
            if (tag.isPresent() && tag.get().kind() == 'u') {
                Optional<SentMessage> m = messages.find(tag.get().messageId());
                if (m.isEmpty()) {
                    store.finish(id, "unmatched", "mailto unsubscribe for an unknown message", null);
                    return;
                }
                boolean fresh = recorder.unsubscribe(m.get(), m.get().channel(), "mailto", null, null);
                store.finish(id, "processed", "unsubscribe" + (fresh ? "" : " (already)") + " message " + m.get().id(), null);
                return;
            }
            List<Classification> found = classifier.classify(raw);
            Optional<SentMessage> verp = tag.flatMap(t -> messages.find(t.messageId()));
            if (tag.isPresent() && verp.isEmpty()) {
                store.finish(id, "unmatched", "VERP names unknown message " + tag.get().messageId(), null);
                return;
            }
            List<String> outcomes = new ArrayList<>();
            boolean unmatched = false;
            for (Classification c : pick(found, verp)) {
                if (!c.isBounce() && c.kind() != Kind.COMPLAINT) {
                    outcomes.add(c.kind().label() + (c.reason() == null ? "" : " (" + c.reason() + ")"));
                    continue;
                }
                Optional<SentMessage> m = verp.isPresent() ? verp : tie(c);
                if (m.isEmpty()) {
                    unmatched = true;
                    outcomes.add(c.kind().label() + " for " + c.recipient() + ": no message found");
                    continue;
                }
                if (c.kind() == Kind.COMPLAINT) {
                    recorder.complaint(m.get(), c.feedbackType(), "smtp", id);
                } else {
                    recorder.bounce(m.get(), c, "smtp", id);
                }
                outcomes.add(c.kind().label() + " " + c.reason() + " message " + m.get().id());
            }
            boolean acted = outcomes.stream().anyMatch(o -> o.contains(" message "));
            store.finish(id, acted ? "processed" : unmatched ? "unmatched" : "ignored", String.join("; ", outcomes), null);
        } catch (RuntimeException e) {
            log.warn("inbound message {} could not be processed: {}", id, e.toString());
            store.finish(id, "unparsed", null, e.toString());
        }
    }

    /**
     * With VERP the message has one recipient: the report about it (the first bounce or complaint, preferring one
     * naming that recipient) is the one to record; without VERP every reported recipient counts.
     */
    private static List<Classification> pick(List<Classification> found, Optional<SentMessage> verp) {
        if (verp.isEmpty()) return found;
        String recipient = verp.get().recipient();
        Classification best = null;
        for (Classification c : found) {
            if (!c.isBounce() && c.kind() != Kind.COMPLAINT) continue;
            if (recipient.equalsIgnoreCase(c.recipient())) return List.of(c);
            if (best == null) best = c;
        }
        return best != null ? List.of(best) : found;
    }

    /** Without VERP: the original Message-ID, the original sender's VERP address, then the recipient. */
    Optional<SentMessage> tie(Classification c) {
        Optional<SentMessage> m = messages.findByMessageId(c.originalMessageId());
        if (m.isEmpty() && c.originalSender() != null) {
            m = links.parse(c.originalSender()).flatMap(t -> messages.find(t.messageId()));
        }
        if (m.isEmpty() && c.bounceTo() != null) {
            m = links.parse(c.bounceTo()).flatMap(t -> messages.find(t.messageId()));
        }
        if (m.isEmpty() && c.recipient() != null) {
            m = messages.latestTo(Channel.EMAIL, clean(c.recipient()));
        }
        return m;
    }

    static String clean(String address) {
        if (address == null) return "";
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1);
        return a;
    }
}
