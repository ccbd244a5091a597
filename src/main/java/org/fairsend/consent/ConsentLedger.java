package org.fairsend.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The consent ledger: append-only. A withdrawal or confirmation is a new record; nothing is updated or
 * deleted, except the personal data kept apart, which erasure removes while the chain stays verifiable.
 * Every record holds the SHA-256 of its canonical content (personal data entering only as its keyed hash) and
 * the chain hash, a keyed MAC over the previous record's chain hash and this content: without the install's
 * key, nobody can recompute a link. The heads are anchored outside the database in signed checkpoint files.
 */
public interface ConsentLedger {

    /** Validates and appends a grant. Throws {@code RuleViolation} naming the field and rule. */
    ConsentRecord grant(UUID accountId, ConsentEvidence evidence);

    /**
     * Appends many grants in one transaction and one lock of the account's chain (imports). Evidence must
     * have been validated with {@link #validate}; addresses must already be normalised.
     *
     * @return the ids of the new records, in order
     */
    List<Long> grantAll(UUID accountId, List<ConsentEvidence> evidence);

    /** The problems with one evidence, empty when it is acceptable (so imports can reject a line, not the file). */
    List<org.fairsend.platform.RuleViolation.Violation> validate(ConsentEvidence evidence);

    /** Records the confirmation of a double opt-in grant, with the time and IP. */
    ConsentRecord confirm(UUID accountId, long grantId, Instant at, String ip, String userAgent);

    /** Records a withdrawal for an address on a channel (an unsubscribe, a STOP, a request). */
    ConsentRecord withdraw(UUID accountId, Channel channel, String address, String provenance, Instant at);

    /** The consent in force for an address on a channel. */
    ConsentState state(UUID accountId, Channel channel, String normalizedAddress);

    /**
     * for each address with consent in force on the channel, how it was collected, in words for the
     * recipient ("You subscribed to ... on ... ."). Addresses without consent in force are absent. One query
     * for the whole collection (the delivery engine calls it per batch).
     */
    java.util.Map<String, String> describeAll(UUID accountId, Channel channel, java.util.Collection<String> normalizedAddresses);

    /** Every record about an address (any channel), oldest first. */
    List<ConsentRecord> recordsFor(UUID accountId, String normalizedAddress);

    Optional<ConsentRecord> find(UUID accountId, long recordId);

    /**
     * Re-computes an account's chain and reports the first broken link, comparing it with the latest checkpoint
     * written outside the database.
     */
    ChainReport verify(UUID accountId);

    /** Verifies every account's chain against the latest checkpoint. */
    List<ChainReport> verifyAll();

    /**
     * Verifies chains against the given checkpoint file (null: the latest), one account or (null) every one.
     */
    List<ChainReport> verify(UUID accountId, java.nio.file.Path checkpoint);

    /**
     * Erases the personal data of every record about an address and appends an erase record (per channel the
     * address has records on) carrying its keyed hash and the reason, so the chain shows the erasure and a personal
     * row deleted any other way is reported. The chain stays verifiable. Returns the number of records whose personal
     * data was erased.
     */
    int erasePersonalData(UUID accountId, String normalizedAddress, String reason);

    /** {@link #erasePersonalData(UUID, String, String)} at the person's request. */
    default int erasePersonalData(UUID accountId, String normalizedAddress) {
        return erasePersonalData(accountId, normalizedAddress, "erasure at the person's request (X-5)");
    }
}
