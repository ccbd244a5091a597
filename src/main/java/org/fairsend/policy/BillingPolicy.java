package org.fairsend.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * The monthly statements (issue 19, seed 002 §2.4). {@code subscriptionProration}: how a month in which the account was
 * in service only part of the time (opened, or terminated, during it) is billed: {@code daily} (the default) charges
 * the monthly fee times the days in service over the days of the month, rounded to the nearest cent (half up), the
 * day of opening and the day of termination both counted; {@code none} charges the whole fee for any month with a day
 * in service. A channel suspension never stops nor prorates the subscription ("without repercussion on the amount of
 * the subscription"); the termination charge is {@link ReputationPolicy.Ladder#terminationSubscriptionMonths()}.
 * Months and days are those of the policy's time zone ({@link PolicyTime}), like the ledger's booking days.
 */
public record BillingPolicy(Proration subscriptionProration) {

    public BillingPolicy {
        if (subscriptionProration == null) subscriptionProration = Proration.DAILY;
    }

    public static BillingPolicy defaults() {
        return new BillingPolicy(null);
    }

    /** How a partial month of service is billed. */
    public enum Proration {
        DAILY, NONE;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Proration of(String code) {
            for (Proration p : values()) if (p.code().equals(code)) return p;
            throw new IllegalArgumentException("billing.subscriptionProration is daily or none");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    void problems(List<Violation> v) {
        // both values are valid; an unknown one is refused when the document is read
    }
}
