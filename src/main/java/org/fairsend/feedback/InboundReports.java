package org.fairsend.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The inbound messages (SMTP and webhooks) as stored, with what became of each, for the operator's inbound page:
 * feedback owns the table, the console reads it through this port. A report from no configured feedback-loop
 * reporter is {@link InboundStatus#UNVERIFIED}: stored, shown to the operator, counted nothing (docs/ARCHITECTURE.md,
 * "Trust boundaries"). The raw copy is purged after the retention period; the outcome row stays.
 */
public interface InboundReports {

    /**
     * One stored inbound message. Every text in it came from outside (the sender chose the envelope, the report its
     * content): show it escaped.
     *
     * @param source {@code smtp}, or the webhook it came through
     * @param mailFrom the envelope sender; null once purged
     * @param remote the SMTP peer's address (or the webhook caller's)
     * @param size the raw message's size in bytes
     * @param outcome what was done with it, or why nothing was
     * @param error why it could not be processed, if it could not
     * @param reporter the configured feedback-loop reporter it was verified as coming from; null when none
     * @param purgedAt when the raw copy and the envelope sender were purged (retention); null while kept
     */
    record Inbound(long id, Instant receivedAt, String source, String mailFrom, String rcpt, String remote, int size,
            InboundStatus status, String outcome, String error, Instant processedAt, String reporter, Instant purgedAt) {}

    /** Newest first, {@code status} null for every status, {@code beforeId} null from the newest; at most 500. */
    List<Inbound> list(InboundStatus status, Long beforeId, int limit);

    Optional<Inbound> find(long id);

    /** The message as it arrived; empty when there is no such message or its raw copy was purged. */
    Optional<byte[]> raw(long id);
}
