package org.fairsend.reputation.internal;

import org.fairsend.policy.ReputationPolicy;

/** Which outcomes count as blockades: shared by the live listener and the reconciliation. */
final class Mapping {

    private Mapping() {}

    /** A message stopped before the wire because the address is suppressed (R-16: it counts as a blockade). */
    static boolean blockade(String blockedReason) {
        return "suppressed".equals(blockedReason);
    }

    /** A failure before the wire: the template did not render for this recipient (nothing was sent). */
    static boolean renderError(String failedReason) {
        return "render-error".equals(failedReason);
    }

    /** A permanent refusal at send time (R-16: it counts as sent and as a blockade). */
    static boolean permanent(String failedReason) {
        return "permanent".equals(failedReason);
    }

    /** A bounce whose reason says the receiving side filtered the message (a send-time refusal is counted once, as failed). */
    static boolean filtered(ReputationPolicy p, String reason, String source) {
        return reason != null && p.filteredReasons().contains(reason) && !"send-time".equals(source);
    }
}
