package org.fairsend.feedback;

import java.util.Locale;

/** What became of a stored inbound message (SMTP or webhook); shown to the operator ({@link InboundReports}). */
public enum InboundStatus {
    /** Stored, not yet processed. */
    RECEIVED,
    /** Tied to a message by proof and acted on. */
    PROCESSED,
    /** Could not be parsed. */
    UNPARSED,
    /** A bounce or complaint that no proof ties to a message we sent (no signed VERP address or Message-ID). */
    UNMATCHED,
    /** Nothing to act on: an auto-reply, a plain mail, a complaint that is not an ARF report. */
    IGNORED,
    /**
     * A report to the feedback-loop address, or a complaint, not from a reporter the operator configured (DKIM of a
     * configured domain, or a configured source range): stored and shown, counts nothing.
     */
    UNVERIFIED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a code ({@link #code()}, any case); {@link IllegalArgumentException} when there is none. */
    public static InboundStatus of(String code) {
        return valueOf(code.strip().toUpperCase(Locale.ROOT));
    }
}
