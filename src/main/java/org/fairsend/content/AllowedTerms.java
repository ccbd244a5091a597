package org.fairsend.content;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The terms and names the operator allows per account: a brand, a shop or a place of the account that
 * contains a word of a theme ("Casino Shop", "Tabac de la Gare"). Screening does not report a match lying inside one
 * of them, for that account only. Every addition and removal is kept with its actor, time and reason.
 */
public interface AllowedTerms {

    /** One allowed term in force. */
    record AllowedTerm(long id, UUID accountId, String term, String reason, String addedBy, Instant addedAt) {}

    /** The account's allowed terms in force, alphabetical. */
    List<AllowedTerm> list(UUID accountId);

    /** A term as it was allowed, and removed if it was (who and when): the audit trail of the account's terms. */
    record Change(long id, String term, String reason, String addedBy, Instant addedAt, String removedBy, Instant removedAt) {}

    /** Every term ever allowed for the account, latest first. */
    List<Change> history(UUID accountId);

    /**
     * The operator allows a term for an account.
     *
     * @throws org.fairsend.platform.RuleViolation (problem+json) for a missing or malformed term or reason, or a term
     *     already allowed
     */
    AllowedTerm add(UUID accountId, String term, String reason, String actor);

    /** Removes an allowed term of the account; false when the account has no such term in force. */
    boolean remove(UUID accountId, long id, String actor);
}
