package org.fairsend.delivery;

/**
 * The one outcome type of a transport attempt, decided in one classifier per channel (SMTP replies,
 * SMPP command statuses, voice provider answers).
 */
public sealed interface DeliveryResult {

    /** What the peer answered (SMTP reply line, SMPP status, provider message). */
    String reply();

    /**
     * Accepted by the next hop; {@code providerRef} is its id for the message when it gave one; {@code sourceAddress} the
     * local address the message left from (email: the SMTP connection's source IP, issue 19), null when not known.
     */
    record Delivered(String providerRef, String reply, String sourceAddress) implements DeliveryResult {
        public Delivered(String providerRef, String reply) {
            this(providerRef, reply, null);
        }

        /** The same answer, from {@code source}. */
        public Delivered from(String source) {
            return new Delivered(providerRef, reply, source);
        }
    }

    /** Try again later (SMTP 4xx, SMPP throttling, provider 5xx or time-out). */
    record TemporaryFailure(String code, String reply) implements DeliveryResult {}

    /**
     * Why the last-mile gate kept a message back: its run was paused or stopped, its address suppressed since the claim,
     * or its account frozen by the operator (issue 19).
     */
    enum Withholding {
        RELEASED, SUPPRESSED, FROZEN;

        public String code() {
            return org.fairsend.platform.Codes.code(this);
        }
    }

    /**
     * Not sent: the last-mile gate, asked by the transport once its connection was ready (the last moment
     * before the wire), found the message must not leave ({@code why}: {@code RELEASED} when its run was
     * paused or stopped, else why it is blocked).
     */
    record Withheld(Withholding why) implements DeliveryResult {

        /** The reason's code, as the send log records a block. */
        public String reason() {
            return why.code();
        }

        @Override
        public String reply() {
            return reason();
        }
    }

    /** Will never succeed (SMTP 5xx, SMPP permanent error): recorded at once as a failure/bounce. */
    record PermanentFailure(String code, String reply) implements DeliveryResult {}
}
