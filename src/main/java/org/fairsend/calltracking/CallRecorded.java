package org.fairsend.calltracking;

import java.time.Instant;
import java.util.UUID;

/**
 * A tracked call to an account's number ended (issue 20): completed (someone answered) or missed. Published inside the
 * transaction that records the provider's event, when the call reaches that outcome (a call first reported missed and
 * then ended with a duration is published again as completed). It carries no caller number: readers take the caller
 * as stored (masked unless the account chose full numbers, R-25; masked after an erasure, X-5) from
 * {@link CallTracking#call(UUID, UUID)}.
 *
 * @param durationSeconds talk time (0 for a missed call)
 */
public record CallRecorded(UUID callId, UUID accountId, String trackedNumber, UUID mediumId, String medium, CallTracking.CallStatus status,
        Instant startedAt, Instant answeredAt, Instant endedAt, int durationSeconds) {}
