package org.fairsend.reputation.internal;

import org.fairsend.reputation.Indicator;
import org.fairsend.reputation.ReputationViews.Trigger;
import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.policy.ReputationPolicy;
import org.junit.jupiter.api.Test;

/** The circuit breaker's arithmetic on the thresholds of docs/RULES.md and the default samples. */
class BreakerTest {

    static final ReputationPolicy P = ReputationPolicy.defaults();

    static Totals t(long sent, long hard, long complaints, long unsubscribes, long clicks, long attempted, long blocked, long traps) {
        long[] v = new long[Counter.N];
        v[Counter.SENT.ordinal()] = sent;
        v[Counter.HARD.ordinal()] = hard;
        v[Counter.COMPLAINTS.ordinal()] = complaints;
        v[Counter.UNSUBSCRIBES.ordinal()] = unsubscribes;
        v[Counter.CLICKS.ordinal()] = clicks;
        v[Counter.ATTEMPTED.ordinal()] = attempted;
        v[Counter.BLOCKED.ordinal()] = blocked;
        v[Counter.SPAMTRAPS.ordinal()] = traps;
        return new Totals(v);
    }

    static Totals sent(long sent, long hard) {
        return t(sent, hard, 0, 0, 0, sent, 0, 0);
    }

    @Test
    void oneEarlyBounceNeverStopsACampaign() {
        assertThat(Breaker.check(P, sent(1, 1), sent(1, 1), false)).isEmpty();
        assertThat(Breaker.check(P, sent(10, 3), sent(10, 3), false)).isEmpty();
        // 3 bounces in the first 50 (6 %): the lower bound is far below 8 %
        assertThat(Breaker.wilsonLower(3, 50, 3.09)).isLessThan(0.02);
        assertThat(Breaker.check(P, sent(50, 3), sent(50, 3), false)).isEmpty();
        // 8 % exactly but below the minimum sample, and the bound not above it: no decision yet
        assertThat(Breaker.check(P, sent(200, 16), sent(200, 16), false)).isEmpty();
    }

    @Test
    void aDeadListStopsWithinItsFirstHundredMessages() {
        var x = Breaker.check(P, sent(50, 25), sent(50, 25), false).orElseThrow();
        assertThat(x.indicator()).isEqualTo(Indicator.HARD_BOUNCE_RATE);
        assertThat(x.trigger()).isEqualTo(Trigger.WILSON);
        assertThat(x.lowerBound()).isGreaterThan(0.08);
        assertThat(x.value()).isEqualTo(0.5);
        assertThat(x.sample()).isEqualTo(50);
        assertThat(x.describe()).contains("50.00 %").contains("25 of 50").contains("8.00 %");
    }

    @Test
    void fromTheMinimumSampleTheValueItselfDecides() {
        // 8.0 % of 500: the acceptable range is below 8 %
        var x = Breaker.check(P, sent(500, 40), sent(500, 40), false).orElseThrow();
        assertThat(x.trigger()).isEqualTo(Trigger.THRESHOLD);
        assertThat(Breaker.check(P, sent(500, 39), sent(500, 39), false)).isEmpty();
    }

    @Test
    void complaintsCountOnlyOnABusyDayAndFiftyADayIsTheCap() {
        Totals c = t(600, 0, 2, 0, 0, 600, 0, 0); // 0.33 % of 600, but the account sent only 600 today
        assertThat(Breaker.check(P, c, c, true)).isEmpty();
        Totals busyDay = t(5000, 0, 2, 0, 0, 5000, 0, 0);
        assertThat(Breaker.check(P, c, busyDay, true).orElseThrow().indicator()).isEqualTo(Indicator.COMPLAINT_RATE);
        Totals day51 = t(100_000, 0, 51, 0, 0, 100_000, 0, 0);
        Totals campaign = t(100, 0, 1, 0, 0, 100, 0, 0);
        assertThat(Breaker.check(P, campaign, day51, true).orElseThrow().indicator()).isEqualTo(Indicator.COMPLAINTS_PER_DAY);
        assertThat(Breaker.check(P, campaign, day51, false)).as("only a complaint is blamed for the daily cap").isEmpty();
        // one complaint in 100 sends is 1 %, and its Wilson bound is above 0.08 %, but one event never stops a campaign
        assertThat(Breaker.wilsonLower(1, 100, 3.09)).isGreaterThan(0.0008);
        Totals busy = t(100_000, 0, 10, 0, 0, 100_000, 0, 0);
        assertThat(Breaker.check(P, campaign, busy, true)).isEmpty();
        Totals five = t(400, 0, 5, 0, 0, 400, 0, 0);
        assertThat(Breaker.check(P, five, busy, true).orElseThrow().trigger()).isEqualTo(Trigger.WILSON);
    }

    @Test
    void unsubscribesAreHeldToOnePercentWhenTheyExceedClicks() {
        Totals withClicks = t(1000, 0, 0, 12, 40, 1000, 0, 0); // 1.2 % < 1.4 %
        assertThat(Breaker.check(P, withClicks, withClicks, false)).isEmpty();
        Totals fewClicks = t(1000, 0, 0, 12, 5, 1000, 0, 0); // 1.2 % >= 1 % since unsubscribes > clicks
        var x = Breaker.check(P, fewClicks, fewClicks, false).orElseThrow();
        assertThat(x.indicator()).isEqualTo(Indicator.UNSUBSCRIBE_RATE);
        assertThat(x.threshold()).isEqualTo(0.01);
    }

    @Test
    void blockadesAndSpamtraps() {
        Totals blocked = t(600, 0, 0, 0, 0, 1000, 310, 0); // 31 % of attempted
        assertThat(Breaker.check(P, blocked, blocked, false).orElseThrow().indicator()).isEqualTo(Indicator.BLOCKADE_RATE);
        Totals oneTrap = t(10, 0, 0, 0, 0, 10, 0, 1);
        assertThat(Breaker.check(P, oneTrap, oneTrap, false)).as("at most 1 is acceptable").isEmpty();
        Totals twoTraps = t(10, 0, 0, 0, 0, 10, 0, 2);
        var x = Breaker.check(P, twoTraps, twoTraps, false).orElseThrow();
        assertThat(x.indicator()).isEqualTo(Indicator.SPAMTRAPS_AND_UNJUSTIFIED);
        assertThat(x.trigger()).isEqualTo(Trigger.COUNT);
    }

    // ----- R-14 at the account level (issue 16)

    @Test
    void twoMailsAndOneBounceNeverPauseAnAccount() {
        assertThat(Breaker.checkAccount(P, sent(2, 1))).isEmpty();
        assertThat(Breaker.checkAccount(P, sent(99, 40))).as("below the day's minimum volume of 100").isEmpty();
        assertThat(Breaker.accountReadings(P, sent(2, 1)).getFirst().applies()).isFalse();
    }

    @Test
    void fromTheMinimumVolumeTheDayIsJudgedWithACampaignsStatisticsAndThresholds() {
        // on its value from the minimum sample (500)
        var x = Breaker.checkAccount(P, sent(500, 40)).orElseThrow();
        assertThat(x.indicator()).isEqualTo(Indicator.HARD_BOUNCE_RATE);
        assertThat(x.trigger()).isEqualTo(Trigger.THRESHOLD);
        assertThat(x.threshold()).isEqualTo(0.08);
        assertThat(x.describe()).contains("40 of 500").contains("8.00 %");
        assertThat(Breaker.checkAccount(P, sent(500, 39))).isEmpty();
        // earlier from the minimum volume (100) when the lower confidence bound is above the threshold
        assertThat(Breaker.checkAccount(P, sent(100, 8))).isEmpty();
        assertThat(Breaker.checkAccount(P, sent(100, 25)).orElseThrow().trigger()).isEqualTo(Trigger.WILSON);
        // the same counters cross a campaign's breaker no later: a campaign alone on its day is judged on its own first
        for (int k = 1; k <= 60; k++) {
            if (Breaker.checkAccount(P, sent(100, k)).isPresent()) assertThat(Breaker.check(P, sent(100, k), sent(100, k), false)).isPresent();
        }
        // a blockade rate on the attempts, a count at any volume
        assertThat(Breaker.checkAccount(P, t(10, 0, 0, 0, 0, 120, 80, 0)).orElseThrow().indicator()).isEqualTo(Indicator.BLOCKADE_RATE);
        assertThat(Breaker.checkAccount(P, t(5, 0, 0, 0, 0, 5, 0, 2)).orElseThrow().indicator()).isEqualTo(Indicator.SPAMTRAPS_AND_UNJUSTIFIED);
        // the complaint rate waits for the daily volume of the table (more than 1,000 emails)
        assertThat(Breaker.checkAccount(P, t(900, 0, 2, 0, 0, 900, 0, 0))).isEmpty();
        assertThat(Breaker.checkAccount(P, t(1001, 0, 1, 0, 0, 1001, 0, 0)).orElseThrow().indicator()).isEqualTo(Indicator.COMPLAINT_RATE);
        assertThat(Breaker.checkAccount(P, t(1001, 0, 1, 0, 0, 1001, 0, 0)).orElseThrow().trigger()).isEqualTo(Trigger.THRESHOLD);
    }

    @Test
    void theAccountLevelIsPolicyData() {
        var strict = new ReputationPolicy(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new ReputationPolicy.AccountDay(null, 60, 0.05, null, null, null, null, null));
        assertThat(strict.account().complaintRate()).as("left out: the campaign's").isEqualTo(0.0008);
        assertThat(Breaker.checkAccount(strict, sent(500, 25)).orElseThrow().threshold()).isEqualTo(0.05);
        assertThat(Breaker.checkAccount(P, sent(500, 25))).isEmpty();
        var off = new ReputationPolicy(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new ReputationPolicy.AccountDay(false, null, null, null, null, null, null, null));
        assertThat(Breaker.checkAccount(off, sent(1000, 900))).isEmpty();
        var bad = new ReputationPolicy(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new ReputationPolicy.AccountDay(null, 20, 8.0, null, null, null, null, null));
        var v = new java.util.ArrayList<org.fairsend.platform.RuleViolation.Violation>();
        bad.problems(v);
        assertThat(v.toString()).contains("reputation.account.minimumVolume").contains("reputation.account.hardBounceRate");
    }
}
