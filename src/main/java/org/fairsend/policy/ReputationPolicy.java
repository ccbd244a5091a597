package org.fairsend.policy;

import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * The deliverability thresholds (the indicator table of docs/RULES.md), the circuit breaker's minimum samples and
 * the sanctions ladder. Rates are shares (0.08 is 8 %); amounts are minor units (cents) excluding tax in
 * {@code ladder.currency}. A value left out keeps the default of docs/RULES.md.
 *
 * <ul>
 * <li>{@code hardBounceRate}: hard-bounced / sent at or above it crosses (acceptable below 8 %).</li>
 * <li>{@code complaintRate}: complaints / sent (0.08 %), applied when the account sent more than
 * {@code complaintRateDailyVolume} (1,000) emails that Europe/Paris day; more than {@code complaintsPerDay} (50)
 * complaints in a day cross whatever the volume.</li>
 * <li>{@code unsubscribeRate} (1.4 %), or {@code unsubscribeRateAboveClicks} (1 %) when unsubscribes exceed
 * clicks.</li>
 * <li>{@code blockadeRate}: blocked (suppressed, permanently failing, or bounced for one of
 * {@code filteredReasons}) / attempted (30 %).</li>
 * <li>{@code spamtrapsAndUnjustifiedMax}: spamtrap hits plus unjustified-use complaints above it cross (1).</li>
 * <li>{@code minimumSample}: a rate crosses on its value only from this many sends (attempts for blockades);
 * with {@code earlyStop}, it also crosses from {@code earlyStopMinimumSample} sends when the Wilson score lower
 * bound at {@code earlyStopZ} standard deviations is at or above the threshold: a dead list stops within its
 * first hundreds of messages, one early bounce never stops a good campaign. The early stop also needs
 * {@code earlyStopMinimumEvents} (5) bounces, complaints... : a single complaint never stops a campaign whatever its
 * bound says.</li>
 * <li>{@code account}: the same indicators over the account's whole policy day on a channel (campaigns of any size and
 * transactional messages), whose crossing pauses the account's marketing on that channel ({@link AccountDay}).</li>
 * </ul>
 */
public record ReputationPolicy(Double hardBounceRate, Double complaintRate, Integer complaintRateDailyVolume,
        Integer complaintsPerDay, Double unsubscribeRate, Double unsubscribeRateAboveClicks, Double blockadeRate,
        Integer spamtrapsAndUnjustifiedMax, Integer minimumSample, Boolean earlyStop, Double earlyStopZ,
        Integer earlyStopMinimumSample, Integer earlyStopMinimumEvents, List<String> filteredReasons, Ladder ladder,
        AccountDay account) {

    public ReputationPolicy {
        if (hardBounceRate == null) hardBounceRate = 0.08;
        if (complaintRate == null) complaintRate = 0.0008;
        if (complaintRateDailyVolume == null) complaintRateDailyVolume = 1000;
        if (complaintsPerDay == null) complaintsPerDay = 50;
        if (unsubscribeRate == null) unsubscribeRate = 0.014;
        if (unsubscribeRateAboveClicks == null) unsubscribeRateAboveClicks = 0.01;
        if (blockadeRate == null) blockadeRate = 0.30;
        if (spamtrapsAndUnjustifiedMax == null) spamtrapsAndUnjustifiedMax = 1;
        if (minimumSample == null) minimumSample = 500;
        if (earlyStop == null) earlyStop = true;
        if (earlyStopZ == null) earlyStopZ = 3.09;
        if (earlyStopMinimumSample == null) earlyStopMinimumSample = 50;
        if (earlyStopMinimumEvents == null) earlyStopMinimumEvents = 5;
        filteredReasons = filteredReasons == null ? List.of("blocked", "filtered", "spam_detected", "policy")
                : List.copyOf(filteredReasons);
        if (ladder == null) ladder = new Ladder(null, null, null, null, null, null);
        // a threshold the account level leaves out is the campaign's
        AccountDay a = account == null ? new AccountDay(null, null, null, null, null, null, null, null) : account;
        account = new AccountDay(a.enabled() == null ? true : a.enabled(), a.minimumVolume() == null ? 100 : a.minimumVolume(),
                a.hardBounceRate() == null ? hardBounceRate : a.hardBounceRate(),
                a.complaintRate() == null ? complaintRate : a.complaintRate(),
                a.unsubscribeRate() == null ? unsubscribeRate : a.unsubscribeRate(),
                a.unsubscribeRateAboveClicks() == null ? unsubscribeRateAboveClicks : a.unsubscribeRateAboveClicks(),
                a.blockadeRate() == null ? blockadeRate : a.blockadeRate(),
                a.spamtrapsAndUnjustifiedMax() == null ? spamtrapsAndUnjustifiedMax : a.spamtrapsAndUnjustifiedMax());
    }

    public static ReputationPolicy defaults() {
        return new ReputationPolicy(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * R-14 at the account level: the indicators over the account's policy day on one channel, every message counted
     * (marketing campaigns of any size, under 50 sends too, and transactional messages), less the campaigns the
     * campaign breaker already incriminated that day. When one crosses, the account's marketing on that channel
     * pauses until the operator resumes it; transactional mail keeps flowing. A rate is judged from
     * {@code minimumVolume} (100) messages that day (attempts for blockades), so two mails and one bounce pause
     * nothing, with a campaign's statistics: on its value from {@code minimumSample}, earlier when its Wilson lower
     * bound is above the threshold ({@code earlyStop}, {@code earlyStopZ}, {@code earlyStopMinimumEvents}); the
     * complaint rate also waits for {@code complaintRateDailyVolume}, as for campaigns; the counts
     * ({@code spamtrapsAndUnjustifiedMax}, the policy's {@code complaintsPerDay}) apply at any volume. A threshold
     * left out is the campaign's; {@code enabled} false turns the account level off. {@code minimumVolume} is at
     * least {@code earlyStopMinimumSample}: the account level never judges a campaign's traffic before the campaign
     * breaker could.
     */
    public record AccountDay(Boolean enabled, Integer minimumVolume, Double hardBounceRate, Double complaintRate, Double unsubscribeRate,
            Double unsubscribeRateAboveClicks, Double blockadeRate, Integer spamtrapsAndUnjustifiedMax) {}

    /**
     * R-15, counting incriminated campaigns: the 1st is suspended and the account notified; the 2nd adds
     * {@code secondPerSpamtrapCents} per spamtrap observed; the 3rd suspends the channel for
     * {@code channelSuspensionMonths} plus {@code thirdPerSpamtrapCents} per spamtrap; the 4th terminates the
     * account plus {@code fourthPerSpamtrapCents} per spamtrap and {@code terminationSubscriptionMonths} months of
     * its subscription.
     */
    public record Ladder(Long secondPerSpamtrapCents, Long thirdPerSpamtrapCents, Long fourthPerSpamtrapCents,
            Integer channelSuspensionMonths, Integer terminationSubscriptionMonths, String currency) {
        public Ladder {
            if (secondPerSpamtrapCents == null) secondPerSpamtrapCents = 10_000L;
            if (thirdPerSpamtrapCents == null) thirdPerSpamtrapCents = 25_000L;
            if (fourthPerSpamtrapCents == null) fourthPerSpamtrapCents = 40_000L;
            if (channelSuspensionMonths == null) channelSuspensionMonths = 3;
            if (terminationSubscriptionMonths == null) terminationSubscriptionMonths = 3;
            if (currency == null) currency = "EUR";
        }
    }

    /** Values outside what allow. */
    public void problems(List<Violation> v) {
        rate("reputation.hardBounceRate", hardBounceRate, v);
        rate("reputation.complaintRate", complaintRate, v);
        rate("reputation.unsubscribeRate", unsubscribeRate, v);
        rate("reputation.unsubscribeRateAboveClicks", unsubscribeRateAboveClicks, v);
        rate("reputation.blockadeRate", blockadeRate, v);
        if (unsubscribeRateAboveClicks > unsubscribeRate) {
            v.add(new Violation("reputation.unsubscribeRateAboveClicks", "R-14",
                    "the rate when unsubscribes exceed clicks is the stricter one: at most unsubscribeRate"));
        }
        if (complaintRateDailyVolume < 0) v.add(new Violation("reputation.complaintRateDailyVolume", "R-14", "zero or more"));
        if (complaintsPerDay < 0) v.add(new Violation("reputation.complaintsPerDay", "R-14", "zero or more"));
        if (spamtrapsAndUnjustifiedMax < 0) v.add(new Violation("reputation.spamtrapsAndUnjustifiedMax", "R-14", "zero or more"));
        if (minimumSample < 1 || minimumSample > 1_000_000) {
            v.add(new Violation("reputation.minimumSample", "R-14", "between 1 and 1,000,000 sends: the first bounce must not stop a campaign"));
        }
        if (earlyStopZ < 1 || earlyStopZ > 10) v.add(new Violation("reputation.earlyStopZ", "R-14", "between 1 and 10 standard deviations"));
        if (earlyStopMinimumEvents < 1 || earlyStopMinimumEvents > 1000) {
            v.add(new Violation("reputation.earlyStopMinimumEvents", "R-14", "between 1 and 1,000 events"));
        }
        if (earlyStopMinimumSample < 10 || earlyStopMinimumSample > minimumSample) {
            v.add(new Violation("reputation.earlyStopMinimumSample", "R-14", "between 10 and minimumSample"));
        }
        for (int i = 0; i < filteredReasons.size(); i++) {
            String r = filteredReasons.get(i);
            if (r == null || !r.matches("[a-z_]{2,40}")) {
                v.add(new Violation("reputation.filteredReasons[" + i + "]", "R-14", "a bounce reason such as blocked or spam_detected"));
            }
        }
        if (ladder.secondPerSpamtrapCents() < 0 || ladder.thirdPerSpamtrapCents() < 0 || ladder.fourthPerSpamtrapCents() < 0) {
            v.add(new Violation("reputation.ladder", "R-15", "penalties are zero or more"));
        }
        if (ladder.channelSuspensionMonths() < 1 || ladder.channelSuspensionMonths() > 24) {
            v.add(new Violation("reputation.ladder.channelSuspensionMonths", "R-15", "between 1 and 24 months"));
        }
        if (ladder.terminationSubscriptionMonths() < 0 || ladder.terminationSubscriptionMonths() > 24) {
            v.add(new Violation("reputation.ladder.terminationSubscriptionMonths", "R-15", "between 0 and 24 months"));
        }
        rate("reputation.account.hardBounceRate", account.hardBounceRate(), v);
        rate("reputation.account.complaintRate", account.complaintRate(), v);
        rate("reputation.account.unsubscribeRate", account.unsubscribeRate(), v);
        rate("reputation.account.unsubscribeRateAboveClicks", account.unsubscribeRateAboveClicks(), v);
        rate("reputation.account.blockadeRate", account.blockadeRate(), v);
        if (account.unsubscribeRateAboveClicks() > account.unsubscribeRate()) {
            v.add(new Violation("reputation.account.unsubscribeRateAboveClicks", "R-14",
                    "the rate when unsubscribes exceed clicks is the stricter one: at most account.unsubscribeRate"));
        }
        if (account.minimumVolume() < earlyStopMinimumSample || account.minimumVolume() > 1_000_000) {
            v.add(new Violation("reputation.account.minimumVolume", "R-14", "between earlyStopMinimumSample and 1,000,000 messages a day:"
                    + " two mails and one bounce must not pause an account, nor the account level judge a campaign before its own breaker"));
        }
        if (account.spamtrapsAndUnjustifiedMax() < 0) v.add(new Violation("reputation.account.spamtrapsAndUnjustifiedMax", "R-14", "zero or more"));
        if (!ladder.currency().matches("[A-Z]{3}")) {
            v.add(new Violation("reputation.ladder.currency", "iso-4217", "an ISO 4217 code such as EUR"));
        }
    }

    private static void rate(String field, double value, List<Violation> v) {
        if (!(value > 0 && value < 1)) v.add(new Violation(field, "R-14", "a share between 0 and 1 (0.08 is 8 %)"));
    }
}
