package org.fairsend.content;

/**
 * The platform's own spam filter (seed 002 §2.1.2: "detected as spam by our filters" is a blockade), as the preflight
 * asks it: a finished message, exactly as it would leave (RFC 5322 bytes with the footer, List-Unsubscribe and the
 * DKIM signature), scored against the policy's threshold ({@code spamFilter.threshold}, rule {@code spam-filter} of
 * docs/RULES.md). Implemented over Rspamd's HTTP API ({@code content.internal.spamfilter}); without a filter configured
 * ({@code fairsend.spam-filter.url}) or when it cannot be reached, the verdict says the check did not run, never that
 * the message passed.
 */
public interface SpamFilter {

    /**
     * One message to score.
     *
     * @param rfc5322 the whole message, headers and body, as the transport would write it
     * @param envelopeFrom the envelope sender (the VERP return path), or null
     * @param recipient the envelope recipient
     */
    record Message(byte[] rfc5322, String envelopeFrom, String recipient) {}

    /** Scores the message; never throws (an unreachable or failing filter is a {@link SpamVerdict.NotRun}). */
    SpamVerdict judge(Message message);
}
