package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;

/** The operator lifted an account's freeze (issue 19): published inside the lifting transaction. */
public record AccountUnfrozen(UUID accountId, String reason, String actor, Instant at) {}
