package org.fairsend.delivery.internal;

import java.util.Arrays;
import org.fairsend.platform.RuleViolation;

/** A message's state in the send queue ({@code outbound_message.status}); {@code released} is not stored: the message goes back to {@code queued}. Stored and sent as its lower-case code. */
enum QueueStatus {
    QUEUED("queued"),
    SENDING("sending"),
    SENT("sent"),
    BLOCKED("blocked"),
    FAILED("failed"),
    HELD("held"),
    CANCELLED("cancelled"),
    RELEASED("released");

    private final String code;

    QueueStatus(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    /** The value of a stored or received code; a 400 {@link RuleViolation} on an unknown one. */
    public static QueueStatus of(String code) {
        for (QueueStatus v : values()) if (v.code.equals(code)) return v;
        throw new RuleViolation(400, "status", "status", "status must be one of "
                + String.join(", ", Arrays.stream(values()).map(QueueStatus::code).toList()));
    }
}
