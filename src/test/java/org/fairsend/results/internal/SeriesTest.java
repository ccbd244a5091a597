package org.fairsend.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fairsend.results.CampaignResults.Bucket;
import org.fairsend.results.CampaignResults.BucketSize;
import org.fairsend.results.CampaignResults.Series;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: the time series' buckets are sized to the campaign's span: hourly from the first activity up to the first
 * UTC midnight three days on, daily after; consecutive, empty buckets included; a single bucket is too little for a
 * chart.
 */
class SeriesTest {

    static final Instant MONDAY_10H = Instant.parse("2026-12-07T10:00:00Z");

    static ResultsStore.HourCount at(String series, Instant when, long n) {
        return new ResultsStore.HourCount(series, when.getEpochSecond() / 3600, n);
    }

    @Test
    void hourlyForTheFirstDaysThenDailyWithEveryCountInItsBucket() {
        Series s = ResultsService.series(List.of(
                at("sent", MONDAY_10H, 5), at("opens", MONDAY_10H.plus(Duration.ofHours(1)), 2),
                at("clicks", MONDAY_10H.plus(Duration.ofHours(80)), 1), // Thursday 18:00: still hourly
                at("bounces", MONDAY_10H.plus(Duration.ofHours(200)), 1), // Tuesday 15th 18:00: daily
                at("complaints", MONDAY_10H.plus(Duration.ofHours(205)), 1))); // the same day
        List<Bucket> b = s.buckets();
        // hourly from Monday 10:00 to Thursday 23:00 (86 hours), then one bucket a day from Friday 11th to Tuesday 15th
        assertThat(b).hasSize(86 + 5);
        assertThat(b.getFirst().start()).isEqualTo(MONDAY_10H);
        assertThat(b.get(85).start()).isEqualTo(Instant.parse("2026-12-10T23:00:00Z"));
        assertThat(b.subList(0, 86)).allMatch(x -> x.size() == BucketSize.HOUR);
        assertThat(b.get(86).start()).isEqualTo(Instant.parse("2026-12-11T00:00:00Z"));
        assertThat(b.subList(86, 91)).allMatch(x -> x.size() == BucketSize.DAY);
        assertThat(b.getLast().start()).isEqualTo(Instant.parse("2026-12-15T00:00:00Z"));
        for (int i = 1; i < b.size(); i++) {
            assertThat(Duration.between(b.get(i - 1).start(), b.get(i).start()))
                    .isEqualTo(b.get(i - 1).size() == BucketSize.HOUR ? Duration.ofHours(1) : Duration.ofDays(1));
        }
        assertThat(b.get(0).sent()).isEqualTo(5);
        assertThat(b.get(1).opens()).isEqualTo(2);
        assertThat(b.get(80).clicks()).isEqualTo(1);
        assertThat(b.getLast().bounces()).isEqualTo(1);
        assertThat(b.getLast().complaints()).isEqualTo(1);
        assertThat(b.stream().mapToLong(x -> x.sent() + x.opens() + x.clicks() + x.bounces() + x.complaints() + x.unsubscribes()).sum())
                .isEqualTo(10);
        assertThat(s.tooLittleData()).isFalse();
    }

    @Test
    void oneBucketOrNoneIsTooLittleForAChart() {
        Series one = ResultsService.series(List.of(at("sent", MONDAY_10H, 3), at("opens", MONDAY_10H.plusSeconds(1800), 1)));
        assertThat(one.buckets()).hasSize(1);
        assertThat(one.buckets().getFirst().sent()).isEqualTo(3);
        assertThat(one.buckets().getFirst().opens()).isEqualTo(1);
        assertThat(one.tooLittleData()).isTrue();
        Series none = ResultsService.series(List.of());
        assertThat(none.buckets()).isEmpty();
        assertThat(none.tooLittleData()).isTrue();
    }
}
