package org.fairsend.reputation.internal;

import org.fairsend.policy.ReputationPolicy;

/** Which outcomes count as blockades: shared by the live listener and the reconciliation. */
final class Mapping {

    private Mapping() {}

    /** A message stopped before the wire because the address is suppressed (R-16: it counts as a blockade). */
    static boolean blockade(String blockedReason) {
        return "suppressed".equals(blockedReason);
    }

    /** A bounce whose reason says the receiving side filtered the message (a send-time refusal is counted once, as failed). */
    static boolean filtered(ReputationPolicy p, String reason, String source) {
        return reason != null && p.filteredReasons().contains(reason) && !"send-time".equals(source);
    }
}
