package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;

/** The operator froze an account (issue 19): published inside the freezing transaction. */
public record AccountFrozen(UUID accountId, String reason, String actor, Instant at) {}
