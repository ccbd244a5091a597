package org.fairsend.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's freeze of an account (issue 19, seed 002 §1.5: "suspend the campaign or cancel the order and freeze
 * the customer's account"): with a reason, reversible with a reason. While frozen ({@link Account.Status#FROZEN}) nothing
 * leaves on any channel, transactional messages included ({@link AccountDirectory#channelStatus} answers
 * {@code frozen}, and the last-mile gate follows {@link #frozenNow()} and {@link AccountFrozen}); the account's console
 * is read-only and its API writes are refused (problem+json, rule {@code frozen}); reads and exports keep working.
 * Every freeze and its lifting is a row (who, when, why) that the operator and the account see.
 */
public interface AccountFreezes {

    /** One freeze: open while {@code liftedAt} is null. */
    record Freeze(long id, UUID accountId, Instant frozenAt, String frozenBy, String reason, Instant liftedAt, String liftedBy,
            String liftReason) {

        public boolean inForce() {
            return liftedAt == null;
        }
    }

    /**
     * Freezes an active account; publishes {@link AccountFrozen} inside the transaction (the gate of this node knows it
     * before the commit). 422 without a reason, 409 when it is already frozen or terminated, 404 for no such account.
     */
    Freeze freeze(UUID accountId, String actor, String reason);

    /** Lifts the freeze in force; publishes {@link AccountUnfrozen}. 422 without a reason, 409 when it is not frozen. */
    Freeze unfreeze(UUID accountId, String actor, String reason);

    /** The freeze in force, if any. */
    Optional<Freeze> current(UUID accountId);

    /** Every freeze of the account, newest first. */
    List<Freeze> history(UUID accountId);

    /** The accounts frozen now and their freeze: what the last-mile gate of every node follows. */
    Map<UUID, Freeze> frozenNow();
}
