package org.fairsend.delivery.internal;

import org.fairsend.platform.Codes;

/**
 * A message's state in the send queue ({@code outbound_message.status}); {@code released} is not stored: the
 * message goes back to {@code queued}.
 */
enum QueueStatus {
    QUEUED, SENDING, SENT, BLOCKED, FAILED, HELD, CANCELLED, RELEASED;

    /** Its lower-case code, on the wire and in the database. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return Codes.code(this);
    }

    /** The value of a stored or received code; a 400 on an unknown one. */
    public static QueueStatus of(String code) {
        return Codes.of(QueueStatus.class, code, "status");
    }
}
