package org.fairsend.policy;

import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * The platform's own spam filter (seed 002 §2.1.2: "detected as spam by our filters" is a blockade): the preflight
 * scores a rendered sample of every email campaign with it (docs/RULES.md, rule {@code spam-filter}).
 *
 * @param threshold a sample scored at or above this blocks the campaign; below it the score and the rules that hit are
 *     shown. The default, 6, is Rspamd's own "add header" score, where a receiving Rspamd files the message as spam.
 */
public record SpamFilterPolicy(Double threshold) {

    public SpamFilterPolicy {
        if (threshold == null) threshold = 6.0;
    }

    public static SpamFilterPolicy defaults() {
        return new SpamFilterPolicy(null);
    }

    void problems(List<Violation> v) {
        // below 1 an ordinary message's incidental rules would block it; above 15 (Rspamd's reject score) spam goes out
        if (threshold.isNaN() || threshold < 1 || threshold > 15) {
            v.add(new Violation("spamFilter.threshold", "spam-filter", "between 1 and 15 (the filter's reject score)"));
        }
    }
}
