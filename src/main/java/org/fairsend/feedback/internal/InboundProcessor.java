package org.fairsend.feedback.internal;

import org.fairsend.feedback.UnsubscribeSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.InboundStatus;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.feedback.classify.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a stored inbound message into what it means: a mailto unsubscribe, bounces, complaints. It acts only on
 * what it can prove (docs/ARCHITECTURE.md, "Trust boundaries"):
 * <ul>
 * <li>a report is tied to a message only by proof: the signed VERP address it was sent to, the signed VERP address
 * of the enclosed original (its Return-Path) or of the report's To, or the original's Message-ID whose MAC verifies
 * . Never by "the latest message to that address", so never across accounts;</li>
 * <li>a report to the feedback-loop address, and any complaint, counts only from a feedback-loop reporter the operator
 * configured ({@link ReporterVerifier}); anything else is stored as {@link InboundStatus#UNVERIFIED}, shown to the
 * operator, and counts nothing;</li>
 * <li>only an ARF report ({@code multipart/report; report-type=feedback-report}, RFC 5965) makes a complaint: a
 * plain mail saying "unsubscribe" never does (an unsubscribe by mail goes to the signed {@code u-} address, R-10);</li>
 * <li>a report tied to a message counts for that message's own recipient only, once per message (however many
 * recipients it lists); recording is idempotent per message and recipient ({@link FeedbackRecorder}).</li>
 * </ul>
 * Whatever cannot be parsed or tied stays in {@code inbound_message} with its status.
 */
@Service
class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final InboundStore store;
    private final BounceClassifier classifier;
    private final MessageLinks links;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;
    private final ReporterVerifier reporters;
    private final ProvenMessages proven;

    InboundProcessor(InboundStore store, BounceClassifier classifier, MessageLinks links, SentMessages messages,
            FeedbackRecorder recorder, ReporterVerifier reporters, ProvenMessages proven) {
        this.store = store;
        this.classifier = classifier;
        this.links = links;
        this.messages = messages;
        this.recorder = recorder;
        this.reporters = reporters;
        this.proven = proven;
    }

    /** What the listener accepts at RCPT: VERP bounce and mailto unsubscribe addresses, and the feedback-loop address. */
    boolean accepts(String rcpt, String feedbackLoopAddress) {
        return links.parse(rcpt).isPresent() || clean(rcpt).equals(feedbackLoopAddress);
    }

    /**
     * Stores then processes one message received over SMTP for one recipient.
     *
     * @param peer the SMTP peer's address (a reporter's source range is matched against it)
     */
    long receive(String mailFrom, String rcpt, InetAddress peer, String remote, byte[] raw) {
        long id = store.store("smtp", mailFrom, rcpt, remote, raw);
        process(id, rcpt, peer, raw);
        return id;
    }

    void process(long id, String rcpt, InetAddress peer, byte[] raw) {
        try {
            Optional<MessageLinks.Tagged> tag = links.parse(rcpt);
            if (tag.isPresent() && tag.get().kind() == 'u') {
                unsubscribe(id, tag.get().messageId());
                return;
            }
            List<Classification> found = classifier.classify(raw);
            boolean complaint = found.stream().anyMatch(c -> c.kind() == Kind.COMPLAINT);
            String reporter = null;
            if (tag.isEmpty() || complaint) {
                // the feedback-loop address, or a complaint to a VERP address: only a configured reporter's word counts
                switch (reporters.verify(raw, peer)) {
                    case ReporterVerifier.Verdict.Unverified u -> {
                        store.finish(id, InboundStatus.UNVERIFIED, "not from a configured feedback-loop reporter, counts nothing: " + u.why(), null);
                        return;
                    }
                    case ReporterVerifier.Verdict.Verified v -> reporter = v.reporter();
                }
            }
            if (complaint && !isArf(raw)) {
                store.finish(id, InboundStatus.IGNORED, "a complaint that is not an ARF report (multipart/report;"
                        + " report-type=feedback-report) counts nothing", null, reporter);
                return;
            }
            Optional<SentMessage> verp = tag.flatMap(t -> messages.find(t.messageId()));
            if (tag.isPresent() && verp.isEmpty()) {
                store.finish(id, InboundStatus.UNMATCHED, "VERP names unknown message " + tag.get().messageId(), null, reporter);
                return;
            }
            List<String> outcomes = new ArrayList<>();
            Set<String> done = new HashSet<>();
            boolean acted = false;
            boolean unmatched = false;
            for (Classification c : pick(found, verp)) {
                if (!c.isBounce() && c.kind() != Kind.COMPLAINT) {
                    outcomes.add(c.kind().label() + (c.reason() == null ? "" : " (" + c.reason() + ")"));
                    continue;
                }
                Optional<SentMessage> m = verp.isPresent() ? verp : tie(c);
                if (m.isEmpty()) {
                    if (!unmatched) outcomes.add(c.kind().label() + ": no signed return path or Message-ID of ours ties it to a message");
                    unmatched = true;
                    continue;
                }
                // one report about a message counts once for it, whatever recipients it lists
                if (!done.add(c.kind().label() + ":" + m.get().id())) continue;
                if (c.kind() == Kind.COMPLAINT) {
                    boolean fresh = recorder.complaint(m.get(), c.feedbackType(), "smtp", id).fresh();
                    outcomes.add("complaint " + c.feedbackType() + (fresh ? "" : " (already recorded)") + " message " + m.get().id());
                } else {
                    recorder.bounce(m.get(), c, "smtp", id);
                    outcomes.add(c.kind().label() + " " + c.reason() + " message " + m.get().id());
                }
                acted = true;
            }
            InboundStatus status = acted ? InboundStatus.PROCESSED : unmatched ? InboundStatus.UNMATCHED : InboundStatus.IGNORED;
            store.finish(id, status, String.join("; ", outcomes), null, reporter);
        } catch (RuntimeException | StackOverflowError e) {
            // a parser's deep recursion on a hostile message is that message's problem, never the SMTP session's: it
            // stays stored as unparsed (the parsers bound their depth; this is the second guard)
            log.warn("inbound message {} could not be processed: {}", id, e.toString());
            store.finish(id, InboundStatus.UNPARSED, null, e.toString());
        }
    }

    /** A mail to the signed mailto unsubscribe address of a message (List-Unsubscribe, R-10, X-1). */
    private void unsubscribe(long id, long messageId) {
        Optional<SentMessage> m = messages.find(messageId);
        if (m.isEmpty()) {
            store.finish(id, InboundStatus.UNMATCHED, "mailto unsubscribe for an unknown message", null);
            return;
        }
        boolean fresh = recorder.unsubscribe(m.get(), m.get().channel(), UnsubscribeSource.MAILTO, null, null);
        store.finish(id, InboundStatus.PROCESSED, "unsubscribe" + (fresh ? "" : " (already)") + " message " + m.get().id(), null);
    }

    /**
     * With VERP the message has one recipient: the report about it (the first bounce or complaint, preferring one
     * naming that recipient) is the one to record; without VERP each report is tied on its own proof.
     */
    private static List<Classification> pick(List<Classification> found, Optional<SentMessage> verp) {
        if (verp.isEmpty()) return found;
        String recipient = verp.get().recipient();
        Classification best = null;
        for (Classification c : found) {
            if (!c.isBounce() && c.kind() != Kind.COMPLAINT) continue;
            if (recipient != null && recipient.equalsIgnoreCase(c.recipient())) return List.of(c);
            if (best == null) best = c;
        }
        return best != null ? List.of(best) : found;
    }

    /** Without VERP, only proof ties a report to a message (see {@link ProvenMessages}). */
    Optional<SentMessage> tie(Classification c) {
        return proven.tie(c);
    }

    /** Whether the message is an ARF feedback report: {@code multipart/report; report-type=feedback-report} (RFC 5965). */
    static boolean isArf(byte[] raw) {
        try {
            String type = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Content-Type", null);
            if (type == null) return false;
            ContentType ct = new ContentType(type);
            return ct.match("multipart/report") && "feedback-report".equalsIgnoreCase(ct.getParameter("report-type"));
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    static String clean(String address) {
        if (address == null) return "";
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) a = a.substring(1, a.length() - 1);
        return a;
    }
}
