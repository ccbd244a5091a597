package org.fairsend.reputation;

import java.time.Instant;
import java.util.UUID;

/** The operator reversed a step of the sanctions ladder, with a reason; the incident no longer counts. */
public record SanctionReversed(long incidentId, UUID accountId, UUID campaignId, String actor, String reason, Instant at) {}
