package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Codes;

/**
 * A domain an account sends from. Mail may carry it in From only once it is verified.
 *
 * @param status see {@link Status}
 * @param ed25519Selector null when the domain has no Ed25519 key
 */
public record SenderDomain(UUID id, UUID accountId, String domain, Status status, String rsaSelector,
        String ed25519Selector, Instant verifiedAt, String verifiedBy, String verificationReason,
        Instant lastCheckedAt, Instant createdAt) {

    /**
     * Where a sender domain stands (stored as its lower-case code in {@code sender_domain.status}): {@code pending}
     * (created, not yet proven), {@code verified} (by the operator, or by a passing DKIM check), {@code revoked}
     * (the operator withdrew the verification; only the operator can verify again).
     */
    public enum Status {
        PENDING, VERIFIED, REVOKED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static Status of(String code) {
            return Codes.of(Status.class, code, "status");
        }

        /** The code, as pages and messages show it. */
        @Override
        public String toString() {
            return code();
        }
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }
}
