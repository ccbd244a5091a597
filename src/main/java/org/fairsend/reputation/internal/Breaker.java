package org.fairsend.reputation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fairsend.policy.ReputationPolicy;
import org.fairsend.reputation.Indicator;
import org.fairsend.reputation.ReputationViews.Trigger;

/**
 * The indicators of the table of docs/RULES.md and the circuit breaker's test, as pure arithmetic over two tallies
 * (the campaign's and its account's day). A rate crosses on its value from {@code minimumSample} sends, or,
 * earlier, when the Wilson score lower bound of the rate (at {@code earlyStopZ} standard deviations) is already
 * at or above the threshold: with a 50 % dead list the bound passes 8 % within the first hundred sends, while
 * 3 bounces in the first 50 messages (6 %) leave it near 2 %.
 */
final class Breaker {

    private Breaker() {}

    /** A threshold crossed: the indicator, its value, the threshold, the sample it was measured on and why. */
    record Crossing(Indicator indicator, double value, double threshold, long sample, long numerator, Trigger trigger,
            Double lowerBound) {

        String describe() {
            if (indicator == Indicator.EVIDENCE_REJECTED) return "evidence of consent, asked after a complaint, was rejected by the operator";
            String v = isRate() ? pct(value) : String.valueOf((long) value);
            String t = isRate() ? pct(threshold) : String.valueOf((long) threshold);
            String how = switch (trigger) {
                case WILSON -> ", its lower confidence bound " + pct(lowerBound) + " already above it";
                case COUNT, THRESHOLD -> "";
            };
            return indicator.label() + " " + v + " (" + numerator + " of " + sample + ") crossed the threshold " + t + how;
        }

        boolean isRate() {
            return indicator.rate();
        }
    }

    /** One indicator's current value against its threshold, for reports. */
    record Reading(Indicator indicator, double value, double threshold, long numerator, long sample, boolean applies,
            boolean crossed, double proximity) {}

    static String pct(Double v) {
        if (v == null) return "";
        return String.format(java.util.Locale.ROOT, "%.2f %%", v * 100);
    }

    /**
     * The first threshold the campaign crosses. {@code complaintEvent}: the per-day complaint cap is only tested
     * on a complaint (so a clean campaign is never blamed for the day's earlier complaints).
     */
    static Optional<Crossing> check(ReputationPolicy p, Totals c, Totals day, boolean complaintEvent) {
        long traps = c.spamtraps() + c.unjustified();
        if (traps > p.spamtrapsAndUnjustifiedMax()) {
            return Optional.of(new Crossing(Indicator.SPAMTRAPS_AND_UNJUSTIFIED, traps, p.spamtrapsAndUnjustifiedMax(), c.sent(), traps, Trigger.COUNT, null));
        }
        if (complaintEvent && c.complaints() > 0 && day.complaints() > p.complaintsPerDay()) {
            return Optional.of(new Crossing(Indicator.COMPLAINTS_PER_DAY, day.complaints(), p.complaintsPerDay(), day.sent(), day.complaints(),
                    Trigger.COUNT, null));
        }
        Optional<Crossing> x = rate(p, Indicator.HARD_BOUNCE_RATE, c.hard(), c.sent(), p.hardBounceRate());
        if (x.isPresent()) return x;
        if (day.sent() > p.complaintRateDailyVolume()) {
            x = rate(p, Indicator.COMPLAINT_RATE, c.complaints(), c.sent(), p.complaintRate());
            if (x.isPresent()) return x;
        }
        x = rate(p, Indicator.UNSUBSCRIBE_RATE, c.unsubscribes(), c.sent(), unsubscribeThreshold(p, c));
        if (x.isPresent()) return x;
        return rate(p, Indicator.BLOCKADE_RATE, c.blocked(), c.attempted(), p.blockadeRate());
    }

    /**
     * The first threshold an account's day on a channel crosses (R-14, account level; {@link ReputationPolicy.AccountDay}),
     * with a campaign's statistics: the counts at any volume; a rate from {@code account.minimumVolume} messages that
     * day, on its value from the policy's {@code minimumSample}, earlier (with {@code earlyStop}) when its Wilson lower
     * bound is at or above the threshold; the complaint rate also above {@code complaintRateDailyVolume}. As the account
     * level starts no earlier than a campaign's early stop, a campaign alone on its day crosses first and is judged (and
     * climbs the ladder) on its own. {@code d}: the day's judged counters.
     */
    static Optional<Crossing> checkAccount(ReputationPolicy p, Totals d) {
        ReputationPolicy.AccountDay a = p.account();
        if (!a.enabled()) return Optional.empty();
        long traps = d.spamtraps() + d.unjustified();
        if (traps > a.spamtrapsAndUnjustifiedMax()) {
            return Optional.of(new Crossing(Indicator.SPAMTRAPS_AND_UNJUSTIFIED, traps, a.spamtrapsAndUnjustifiedMax(), d.sent(), traps, Trigger.COUNT, null));
        }
        if (d.complaints() > p.complaintsPerDay()) {
            return Optional.of(new Crossing(Indicator.COMPLAINTS_PER_DAY, d.complaints(), p.complaintsPerDay(), d.sent(), d.complaints(), Trigger.COUNT, null));
        }
        Optional<Crossing> x = dayRate(p, Indicator.HARD_BOUNCE_RATE, d.hard(), d.sent(), a.hardBounceRate());
        if (x.isPresent()) return x;
        if (d.sent() > p.complaintRateDailyVolume()) {
            x = dayRate(p, Indicator.COMPLAINT_RATE, d.complaints(), d.sent(), a.complaintRate());
            if (x.isPresent()) return x;
        }
        x = dayRate(p, Indicator.UNSUBSCRIBE_RATE, d.unsubscribes(), d.sent(), accountUnsubscribeThreshold(a, d));
        if (x.isPresent()) return x;
        return dayRate(p, Indicator.BLOCKADE_RATE, d.blocked(), d.attempted(), a.blockadeRate());
    }

    private static Optional<Crossing> dayRate(ReputationPolicy p, Indicator indicator, long k, long n, double threshold) {
        if (n < p.account().minimumVolume() || k <= 0) return Optional.empty();
        double value = (double) k / n;
        if (n >= p.minimumSample() && value >= threshold) {
            return Optional.of(new Crossing(indicator, value, threshold, n, k, Trigger.THRESHOLD, null));
        }
        if (p.earlyStop() && k >= p.earlyStopMinimumEvents()) {
            double lower = wilsonLower(k, n, p.earlyStopZ());
            if (lower >= threshold) return Optional.of(new Crossing(indicator, value, threshold, n, k, Trigger.WILSON, lower));
        }
        return Optional.empty();
    }

    static double accountUnsubscribeThreshold(ReputationPolicy.AccountDay a, Totals t) {
        return t.unsubscribes() > t.clicks() ? a.unsubscribeRateAboveClicks() : a.unsubscribeRate();
    }

    /** The account day's indicators against the account-level thresholds, as {@link #checkAccount} applies them. */
    static List<Reading> accountReadings(ReputationPolicy p, Totals t) {
        ReputationPolicy.AccountDay a = p.account();
        int min = a.minimumVolume();
        List<Reading> out = new ArrayList<>();
        out.add(reading(Indicator.HARD_BOUNCE_RATE, t.hard(), t.sent(), a.hardBounceRate(), a.enabled() && t.sent() >= min));
        out.add(reading(Indicator.COMPLAINT_RATE, t.complaints(), t.sent(), a.complaintRate(),
                a.enabled() && t.sent() > p.complaintRateDailyVolume() && t.sent() >= min));
        out.add(reading(Indicator.UNSUBSCRIBE_RATE, t.unsubscribes(), t.sent(), accountUnsubscribeThreshold(a, t), a.enabled() && t.sent() >= min));
        out.add(reading(Indicator.BLOCKADE_RATE, t.blocked(), t.attempted(), a.blockadeRate(), a.enabled() && t.attempted() >= min));
        long traps = t.spamtraps() + t.unjustified();
        int max = a.spamtrapsAndUnjustifiedMax();
        out.add(new Reading(Indicator.SPAMTRAPS_AND_UNJUSTIFIED, traps, max, traps, t.sent(), a.enabled(), a.enabled() && traps > max,
                max == 0 ? traps : (double) traps / (max + 1)));
        out.add(new Reading(Indicator.COMPLAINTS_PER_DAY, t.complaints(), p.complaintsPerDay(), t.complaints(), t.sent(), a.enabled(),
                a.enabled() && t.complaints() > p.complaintsPerDay(), (double) t.complaints() / (p.complaintsPerDay() + 1)));
        return out;
    }

    static double unsubscribeThreshold(ReputationPolicy p, Totals t) {
        return t.unsubscribes() > t.clicks() ? p.unsubscribeRateAboveClicks() : p.unsubscribeRate();
    }

    private static Optional<Crossing> rate(ReputationPolicy p, Indicator indicator, long k, long n, double threshold) {
        if (n <= 0 || k <= 0) return Optional.empty();
        double value = (double) k / n;
        if (n >= p.minimumSample() && value >= threshold) {
            return Optional.of(new Crossing(indicator, value, threshold, n, k, Trigger.THRESHOLD, null));
        }
        if (p.earlyStop() && n >= p.earlyStopMinimumSample() && k >= p.earlyStopMinimumEvents()) {
            double lower = wilsonLower(k, n, p.earlyStopZ());
            if (lower >= threshold) return Optional.of(new Crossing(indicator, value, threshold, n, k, Trigger.WILSON, lower));
        }
        return Optional.empty();
    }

    /** The lower end of the Wilson score interval of k successes in n trials at z standard deviations. */
    static double wilsonLower(long k, long n, double z) {
        double phat = (double) k / n;
        double z2 = z * z;
        double centre = phat + z2 / (2.0 * n);
        double margin = z * Math.sqrt(phat * (1 - phat) / n + z2 / (4.0 * n * n));
        return Math.max(0, (centre - margin) / (1 + z2 / n));
    }

    /**
     * Every indicator's value for reports. {@code applies} tells whether the breaker would look at it (minimum
     * sample, daily volume); {@code proximity} is value / threshold (1 or more: crossed).
     */
    static List<Reading> readings(ReputationPolicy p, Totals t, Totals day, boolean campaign) {
        List<Reading> out = new ArrayList<>();
        out.add(reading(Indicator.HARD_BOUNCE_RATE, t.hard(), t.sent(), p.hardBounceRate(), t.sent() >= p.minimumSample()));
        out.add(reading(Indicator.COMPLAINT_RATE, t.complaints(), t.sent(), p.complaintRate(),
                day.sent() > p.complaintRateDailyVolume() && t.sent() >= p.minimumSample()));
        out.add(reading(Indicator.UNSUBSCRIBE_RATE, t.unsubscribes(), t.sent(), unsubscribeThreshold(p, t), t.sent() >= p.minimumSample()));
        out.add(reading(Indicator.BLOCKADE_RATE, t.blocked(), t.attempted(), p.blockadeRate(), t.attempted() >= p.minimumSample()));
        long traps = t.spamtraps() + t.unjustified();
        out.add(new Reading(Indicator.SPAMTRAPS_AND_UNJUSTIFIED, traps, p.spamtrapsAndUnjustifiedMax(), traps, t.sent(), true,
                traps > p.spamtrapsAndUnjustifiedMax(), p.spamtrapsAndUnjustifiedMax() == 0 ? traps : (double) traps / (p.spamtrapsAndUnjustifiedMax() + 1)));
        if (!campaign) {
            out.add(new Reading(Indicator.COMPLAINTS_PER_DAY, t.complaints(), p.complaintsPerDay(), t.complaints(), t.sent(), true,
                    t.complaints() > p.complaintsPerDay(), (double) t.complaints() / (p.complaintsPerDay() + 1)));
        }
        return out;
    }

    private static Reading reading(Indicator indicator, long k, long n, double threshold, boolean applies) {
        double value = n == 0 ? 0 : (double) k / n;
        return new Reading(indicator, value, threshold, k, n, applies, applies && value >= threshold, value / threshold);
    }
}
