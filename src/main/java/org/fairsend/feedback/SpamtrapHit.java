package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;

/** A message reached an address on the operator's spamtrap list; published inside the recording transaction. */
public record SpamtrapHit(long hitId, long messageId, UUID accountId, UUID campaignId, String addressHash, Instant at) {}
