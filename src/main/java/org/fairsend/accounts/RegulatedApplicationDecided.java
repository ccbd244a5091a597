package org.fairsend.accounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A step of a regulated-account application the account is told of by mail (issue 19): approved (until
 * {@code approvedUntil}), rejected, revoked or expired, with the reason. Published on the event publication registry:
 * the notice is not lost if the process stops before it leaves.
 */
public record RegulatedApplicationDecided(UUID applicationId, UUID accountId, String theme, RegulatedAccounts.State state, String reason,
        LocalDate approvedUntil, Instant at) {}
