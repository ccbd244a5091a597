package org.fairsend.dedicatedip;

import java.time.Instant;
import java.util.UUID;

/** One step of a request's workflow, as its audit trail shows it: who, when, what, from which state to which, why. */
public record DedicatedIpEvent(long id, UUID requestId, Instant at, String actor, Action action, DedicatedIpStatus from, DedicatedIpStatus to,
        String detail) {

    public enum Action {
        REQUESTED, ASSIGNED, REJECTED, WARMUP_STARTED, WARM, RELEASED;

        public String code() {
            return org.fairsend.platform.Codes.code(this);
        }
    }
}
