package org.fairsend.dedicatedip;

import java.time.Instant;
import java.util.UUID;

/** An address of the operator's pool; {@code heldBy} is the account it is assigned to (null: free). */
public record PoolAddress(String address, String note, Instant addedAt, String addedBy, UUID heldBy, UUID heldByRequest) {}
