package org.fairsend.dedicatedip;

import org.fairsend.platform.Codes;

/**
 * Where a request for a dedicated IP stands. {@code REQUESTED} by the account; the operator {@code REJECTED} it or
 * {@code ASSIGNED} an address of the pool; the warm-up plan runs from its first day ({@code WARMING}) to its end
 * ({@code WARM}: the address carries all the account's email); {@code RELEASED} by the operator, the address back in
 * the pool. Stored as the lower-case code.
 */
public enum DedicatedIpStatus {
    REQUESTED, ASSIGNED, WARMING, WARM, REJECTED, RELEASED;

    public String code() {
        return Codes.code(this);
    }

    public static DedicatedIpStatus of(String code) {
        return Codes.of(DedicatedIpStatus.class, code, "status");
    }

    /** Still in progress or in force: the account can have one such request at a time. */
    public boolean open() {
        return this != REJECTED && this != RELEASED;
    }

    /** The address is the account's (assigned, warming or warm). */
    public boolean holdsAddress() {
        return this == ASSIGNED || this == WARMING || this == WARM;
    }
}
