package org.fairsend.results;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.platform.Channel;

/**
 * A campaign's results (issue 20), counted in the database when asked: see the package documentation and the README's
 * "Campaign results" for each figure's meaning.
 */
public interface CampaignResults {

    /** The figures of one channel of the campaign (a campaign sends on one channel). */
    record ChannelResults(Channel channel, List<Figure> figures) {

        public Optional<Figure> figure(String key) {
            return figures.stream().filter(f -> f.key().equals(key)).findFirst();
        }

        /** The value of a figure, 0 when the channel has no such figure. */
        public long value(String key) {
            return figure(key).map(Figure::value).orElse(0L);
        }
    }

    /** How long a time bucket is: an hour in the campaign's first days, a day after. */
    enum BucketSize {
        HOUR, DAY;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return org.fairsend.platform.Codes.code(this);
        }
    }

    /**
     * What happened in one bucket of time (UTC). {@code opens} and {@code clicks} are people's (every one, machines'
     * left out, R-8); the others count messages sent and feedback records received in the bucket.
     */
    record Bucket(Instant start, BucketSize size, long sent, long opens, long clicks, long bounces, long complaints, long unsubscribes) {}

    /**
     * The time series: consecutive buckets (empty ones included) from the first to the last with data; hourly for the
     * first {@code hourlyDays} days after the first bucket, daily after. {@code tooLittleData} when there is a single
     * bucket (a chart would draw a point, not a line).
     */
    record Series(List<Bucket> buckets, int hourlyDays, boolean tooLittleData) {}

    /** A tracked link: its destination, the people who clicked it, their clicks, and the machines' clicks apart. */
    record LinkClicks(String target, long people, long clicks, long machineClicks) {}

    /** Everything shown of a campaign's results. */
    record Results(UUID campaignId, String name, Campaign.Status status, Channel channel, Instant startedAt, Instant finishedAt,
            Instant computedAt, List<ChannelResults> channels, Series series, List<LinkClicks> links) {}

    /** The results of a campaign of the account (another account's: {@code NotFound}). */
    Results of(UUID accountId, UUID campaignId);

    /** The results as CSV: the figures (one row each, with rate and denominator), then the links. */
    String csv(Results r);

    /** The account's campaigns (newest first, at most {@code limit}) with their headline figures, as CSV. */
    String listCsv(UUID accountId, int limit);
}
