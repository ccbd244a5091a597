package org.fairsend.dedicatedip;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An account's request for a dedicated sending IP.
 *
 * @param monthlyVolume the email volume per month the account expects to send
 * @param domains the account's verified sender domains that will send from the address
 * @param address the assigned address (kept after a release, as history); null before
 * @param warmupStartsOn the first day of the warm-up plan (policy day); null before an assignment
 * @param decisionReason the operator's last reason (assignment, rejection, release)
 */
public record DedicatedIpRequest(UUID id, UUID accountId, DedicatedIpStatus status, long monthlyVolume, List<String> domains, String note,
        String address, LocalDate warmupStartsOn, String decisionReason, Instant createdAt, Instant updatedAt) {}
