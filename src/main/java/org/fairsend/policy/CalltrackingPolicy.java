package org.fairsend.policy;

import java.util.List;
import java.util.Set;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * Call tracking.
 *
 * @param quarantineDays a released tracked number rests this many days before it is assigned again, so that
 *     callers of its former holder do not reach the next one
 * @param nonGeographic09 whether a redirection may go to a non-geographic 09 number (it belongs to no zone):
 *     {@code refuse} (the strict reading of R-23: only a number of the account's zone) or {@code allow}
 */
public record CalltrackingPolicy(Integer quarantineDays, String nonGeographic09) {

    public static final Set<String> NON_GEOGRAPHIC_RULES = Set.of("refuse", "allow");

    public CalltrackingPolicy {
        if (quarantineDays == null) quarantineDays = 90;
        if (nonGeographic09 == null) nonGeographic09 = "refuse";
    }

    public boolean allows09() {
        return "allow".equals(nonGeographic09);
    }

    void problems(List<Violation> v) {
        if (quarantineDays < 0 || quarantineDays > 730) {
            v.add(new Violation("calltracking.quarantineDays", "R-24", "between 0 and 730 days"));
        }
        if (!NON_GEOGRAPHIC_RULES.contains(nonGeographic09)) {
            v.add(new Violation("calltracking.nonGeographic09", "R-23", "one of " + NON_GEOGRAPHIC_RULES));
        }
    }
}
