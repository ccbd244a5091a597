package org.fairsend.policy;

import java.time.Instant;

/** One version of the policy, as decisions cite it. */
public record PolicySnapshot(int version, Policy policy, String createdBy, String reason, Instant createdAt) {}
