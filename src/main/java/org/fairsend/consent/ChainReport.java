package org.fairsend.consent;

import java.util.UUID;

/**
 * The result of re-computing an account's consent chain: the number of records checked and the first
 * broken link, if any (the record's id and sequence number, and what does not match).
 */
public record ChainReport(UUID accountId, long recordsChecked, boolean intact, Long firstBrokenRecordId,
        Long firstBrokenSeq, String problem) {}
