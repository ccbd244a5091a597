package org.fairsend.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The personalised SMS senders (TPOA, R-18, X-6) the operator approved for an account, and the rules a sender
 * must pass. The platform's short code needs no approval.
 */
public interface SmsSenders {

    /** Where a sender named by an account stands: approved by the operator, or not (yet, or any more). */
    enum Status {
        APPROVED, NOT_APPROVED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** As the console shows it ("approved", "not approved"). */
        public String label() {
            return code().replace('_', ' ');
        }

        public static Status of(boolean approved) {
            return approved ? APPROVED : NOT_APPROVED;
        }
    }

    /**
     * An approved sender.
     *
     * @param brandAuthorisation the operator's record of the brand's authorisation, for a protected name (else null)
     */
    record Approved(UUID accountId, String sender, String brandAuthorisation, String approvedBy, Instant approvedAt) {}

    Optional<Approved> approved(UUID accountId, String sender);

    List<Approved> list(UUID accountId);

    /** The sender's findings under the policy in force (regex, protected and generic names, mobile numbers, approval). */
    List<Finding> check(UUID accountId, String sender, boolean marketing);

    /**
     * The operator approves {@code sender} for the account: the sender rules must pass, a protected
     * brand needs {@code brandAuthorisation}; refused with a {@link org.fairsend.platform.RuleViolation} otherwise.
     */
    Approved approve(UUID accountId, String sender, String brandAuthorisation, String actor);

    /** Withdraws an approval; false when the sender was not approved. */
    boolean revoke(UUID accountId, String sender);
}
