package org.fairsend.delivery;

import java.util.Arrays;
import org.fairsend.platform.RuleViolation;

/** What became of one attempt at a message, as the send log records it: {@code released} went back to the queue untouched and has no send-log row. Stored and sent as its lower-case code. */
public enum DeliveryOutcome {
    SENT("sent"),
    BLOCKED("blocked"),
    FAILED("failed"),
    DEFERRED("deferred"),
    HELD("held"),
    RELEASED("released"),
    EXPIRED("expired");

    private final String code;

    DeliveryOutcome(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    /** The value of a stored or received code; a 400 {@link RuleViolation} on an unknown one. */
    public static DeliveryOutcome of(String code) {
        for (DeliveryOutcome v : values()) if (v.code.equals(code)) return v;
        throw new RuleViolation(400, "outcome", "outcome", "outcome must be one of "
                + String.join(", ", Arrays.stream(values()).map(DeliveryOutcome::code).toList()));
    }
}
