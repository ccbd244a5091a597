package org.fairsend.delivery.internal;

import org.fairsend.platform.Codes;

/**
 * What the network reported of a sent message (an SMPP delivery receipt), {@code outbound_message.receipt_status}.
 */
enum ReceiptStatus {
    DELIVERED, EXPIRED, UNDELIVERABLE, REJECTED;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The value of a stored or received code; a 400 on an unknown one. */
    public static ReceiptStatus of(String code) {
        return Codes.of(ReceiptStatus.class, code, "status");
    }
}
