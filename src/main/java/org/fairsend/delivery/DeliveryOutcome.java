package org.fairsend.delivery;

import org.fairsend.platform.Codes;

/**
 * What became of one attempt at a message, as the send log records it; {@code released} went back to the
 * queue untouched and has no send-log row.
 */
public enum DeliveryOutcome {
    SENT, BLOCKED, FAILED, DEFERRED, HELD, RELEASED, EXPIRED;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The value of a stored or received code; a 400 on an unknown one. */
    public static DeliveryOutcome of(String code) {
        return Codes.of(DeliveryOutcome.class, code, "outcome");
    }
}
