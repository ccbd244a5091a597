package org.fairsend.campaigns.internal;

/**
 * The answer to a transactional message accepted for sending (email or SMS, 202): its id in the send queue, the
 * normalised recipient, and its state ({@code queued}: it still passes the last-mile gate before it leaves).
 */
record QueuedMessage(long messageId, String to, State status) {

    enum State {
        QUEUED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static QueuedMessage queued(long messageId, String to) {
        return new QueuedMessage(messageId, to, State.QUEUED);
    }
}
