package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A domain an account sends from. Mail may carry it in From only once it is verified.
 *
 * @param status {@code pending} (created, not yet proven), {@code verified} (by the operator, or by a passing
 *     DKIM check), {@code revoked} (the operator withdrew the verification; only the operator can verify again)
 * @param ed25519Selector null when the domain has no Ed25519 key
 */
public record SenderDomain(UUID id, UUID accountId, String domain, String status, String rsaSelector,
        String ed25519Selector, Instant verifiedAt, String verifiedBy, String verificationReason,
        Instant lastCheckedAt, Instant createdAt) {

    public static final String PENDING = "pending";
    public static final String VERIFIED = "verified";
    public static final String REVOKED = "revoked";

    public boolean verified() {
        return VERIFIED.equals(status);
    }
}
