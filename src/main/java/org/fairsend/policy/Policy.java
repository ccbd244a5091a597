package org.fairsend.policy;

import java.util.ArrayList;
import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * The policy document. Every section has the defaults of SPEC.md; a section or value left out of an
 * update keeps its default. Later channels add their sections here.
 */
public record Policy(Retention retention, Hygiene hygiene, Frequency frequency) {

    public Policy {
        if (retention == null) retention = new Retention(null, null);
        if (hygiene == null) hygiene = new Hygiene(null);
        if (frequency == null) frequency = new Frequency(null);
    }

    public static Policy defaults() {
        return new Policy(null, null, null);
    }

    /**
     * prospects' data is kept {@code prospectYears} from collection or their last own contact (a click
     * counts, an open does not); opt-out records are kept at least {@code optOutRecordYears}.
     */
    public record Retention(Integer prospectYears, Integer optOutRecordYears) {
        public Retention {
            if (prospectYears == null) prospectYears = 3;
            if (optOutRecordYears == null) optOutRecordYears = 3;
        }
    }

    /** contacts with no open or click for {@code inactiveMonths} (3 to 6) are inactive. */
    public record Hygiene(Integer inactiveMonths) {
        public Hygiene {
            if (inactiveMonths == null) inactiveMonths = 6;
        }
    }

    /** at most {@code marketingPerRecipientPer30Days} marketing messages per recipient per channel. */
    public record Frequency(Integer marketingPerRecipientPer30Days) {
        public Frequency {
            if (marketingPerRecipientPer30Days == null) marketingPerRecipientPer30Days = 2;
        }
    }

    /** Values outside what the rules allow. */
    public List<Violation> problems() {
        List<Violation> v = new ArrayList<>();
        if (retention.prospectYears() < 1 || retention.prospectYears() > 3) {
            v.add(new Violation("retention.prospectYears", "X-8", "prospects' data is kept at most 3 years (and at least 1)"));
        }
        if (retention.optOutRecordYears() < 3) {
            v.add(new Violation("retention.optOutRecordYears", "X-8", "opt-out records are kept at least 3 years"));
        }
        if (hygiene.inactiveMonths() < 3 || hygiene.inactiveMonths() > 6) {
            v.add(new Violation("hygiene.inactiveMonths", "R-8", "the inactivity window is 3 to 6 months"));
        }
        if (frequency.marketingPerRecipientPer30Days() < 1 || frequency.marketingPerRecipientPer30Days() > 30) {
            v.add(new Violation("frequency.marketingPerRecipientPer30Days", "R-12", "between 1 and 30"));
        }
        return v;
    }
}
