package org.fairsend.delivery.internal;

import java.util.Arrays;
import org.fairsend.platform.RuleViolation;

/** What the network reported of a sent message (an SMPP delivery receipt). Stored and sent as its lower-case code. */
enum ReceiptStatus {
    DELIVERED("delivered"),
    EXPIRED("expired"),
    UNDELIVERABLE("undeliverable"),
    REJECTED("rejected");

    private final String code;

    ReceiptStatus(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    /** The value of a stored or received code; a 400 {@link RuleViolation} on an unknown one. */
    public static ReceiptStatus of(String code) {
        for (ReceiptStatus v : values()) if (v.code.equals(code)) return v;
        throw new RuleViolation(400, "status", "status", "status must be one of "
                + String.join(", ", Arrays.stream(values()).map(ReceiptStatus::code).toList()));
    }
}
