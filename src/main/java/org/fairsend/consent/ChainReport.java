package org.fairsend.consent;

import java.time.Instant;
import java.util.UUID;

/**
 * The result of re-computing an account's consent chain: the number of records checked and the first broken
 * link, if any (the record's id and sequence number, and what does not match); the checkpoint the chain was compared
 * with, when one covers the account; and the account's re-chaining under the key, when an older install was upgraded.
 * {@code intact} is false when a link is broken or the chain no longer holds what the checkpoint anchored.
 */
public record ChainReport(UUID accountId, long recordsChecked, boolean intact, Long firstBrokenRecordId,
        Long firstBrokenSeq, String problem, Anchor anchor, Upgrade upgrade) {

    public ChainReport(UUID accountId, long recordsChecked, boolean intact, Long firstBrokenRecordId, Long firstBrokenSeq,
            String problem) {
        this(accountId, recordsChecked, intact, firstBrokenRecordId, firstBrokenSeq, problem, null, null);
    }

    /**
     * The checkpoint (a signed file kept outside the database) the chain was compared with.
     *
     * @param seq the account's head when the checkpoint was written
     * @param matches whether the chain still holds that record with that chain hash
     */
    public record Anchor(String file, Instant writtenAt, long seq, String chainHash, boolean matches) {}

    /**
     * The account's records were re-chained under the key on an install made before it was keyed: how many, whether
     * the old (unkeyed) chain was intact then (and where it broke), and how many erasures made before they were
     * recorded in the chain the upgrade recorded.
     */
    public record Upgrade(Instant at, long records, boolean oldChainIntact, Long oldBrokenSeq, String oldProblem,
            long erasuresRecorded) {}
}
