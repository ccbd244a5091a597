package org.fairsend.reputation.internal;

import org.fairsend.policy.PolicyTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.fairsend.platform.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The live counters: one tally per campaign and channel, one per account, policy day (in the policy's time zone) and channel. An event
 * adds to a tally in memory (a few atomic increments: cheap enough for every message of a million-recipient
 * send); the circuit breaker reads the tally at once; a flush every {@code fairsend.reputation.flush-interval}
 * adds the increments to the counter rows (one UPDATE per changed tally, whatever the number of events) and
 * appends a point of the campaign's time series. After a flush a tally re-reads its row, so increments other
 * nodes flushed are seen. Increments not flushed when a node dies are recovered by {@code fairsend reputation
 * reconcile --fix} from the send log and the feedback records.
 */
@Component
class Tallies {

    private static final Logger log = LoggerFactory.getLogger(Tallies.class);

    record CampaignKey(UUID campaignId, Channel channel) {}

    record DayKey(UUID accountId, LocalDate day, Channel channel) {}

    /** Flushed base plus unflushed increments; {@link #totals()} and the flush's move are atomic to each other. */
    static final class Tally {
        final UUID accountId;
        private long[] base;
        private final AtomicLongArray pending = new AtomicLongArray(Counter.N);
        volatile boolean dirty;
        volatile boolean incriminated;
        /** Re-armed after the operator resumed the incriminated campaign: measured from {@link #baseline} on. */
        volatile boolean rearmed;
        private Totals baseline = Totals.ZERO;
        volatile long touched = System.currentTimeMillis();

        Tally(UUID accountId, long[] base) {
            this.accountId = accountId;
            this.base = base;
        }

        void add(Counter c, long n) {
            pending.addAndGet(c.ordinal(), n);
            dirty = true;
            touched = System.currentTimeMillis();
        }

        /** The counters since the operator last resumed the campaign (all of them before). */
        synchronized Totals sinceBaseline() {
            return totals().minus(baseline);
        }

        /** The operator resumed the campaign: the breaker watches what happens from now on. */
        synchronized void rearm() {
            baseline = totals();
            rearmed = true;
            incriminated = false;
        }

        synchronized Totals totals() {
            long[] v = base.clone();
            for (int i = 0; i < v.length; i++) v[i] += pending.get(i);
            return new Totals(v);
        }

        /** Moves the pending increments into the base; returns them (all zero when none). */
        synchronized long[] take() {
            long[] d = new long[Counter.N];
            for (int i = 0; i < d.length; i++) {
                d[i] = pending.getAndSet(i, 0);
                base[i] += d[i];
            }
            return d;
        }

        /** The flush failed: the increments are pending again. */
        synchronized void giveBack(long[] d) {
            for (int i = 0; i < d.length; i++) {
                base[i] -= d[i];
                pending.addAndGet(i, d[i]);
            }
            dirty = true;
        }

        synchronized void rebase(long[] row) {
            base = row;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<CampaignKey, Tally> campaigns = new ConcurrentHashMap<>();
    private final Map<DayKey, Tally> days = new ConcurrentHashMap<>();

    private final io.micrometer.core.instrument.Timer flushes;

    private final PolicyTime time;

    Tallies(JdbcClient jdbc, Clock clock, io.micrometer.core.instrument.MeterRegistry meters, PolicyTime time) {
        this.time = time;
        this.flushes = io.micrometer.core.instrument.Timer.builder("fairsend.reputation.flush")
                .description("writing the live indicator counters to their rows").register(meters);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The policy day an instant counts on (R-14: account tallies are per policy day, {@link PolicyTime}). */
    LocalDate dayOf(Instant at) {
        return time.dayOf(at);
    }

    Tally campaign(UUID campaignId, Channel channel, UUID accountId) {
        return campaigns.computeIfAbsent(new CampaignKey(campaignId, channel), k -> {
            long[] row = jdbc.sql("select " + Counter.columns() + " from reputation_campaign_tally where campaign_id = ? and channel = ?")
                    .params(campaignId, channel.code()).query(Tallies::row).optional().orElse(new long[Counter.N]);
            Tally t = new Tally(accountId, row);
            t.incriminated = jdbc.sql("select count(*) from reputation_incident where campaign_id = ?").param(campaignId)
                    .query(Long.class).single() > 0;
            return t;
        });
    }

    Tally day(UUID accountId, LocalDate day, Channel channel) {
        return days.computeIfAbsent(new DayKey(accountId, day, channel), k -> new Tally(accountId,
                jdbc.sql("select " + Counter.columns() + " from reputation_account_day where account_id = ? and on_day = ? and channel = ?")
                        .params(accountId, day, channel.code()).query(Tallies::row).optional().orElse(new long[Counter.N])));
    }

    /** The campaign's tally if this node holds it. */
    Tally campaignIfPresent(UUID campaignId, Channel channel) {
        return campaigns.get(new CampaignKey(campaignId, channel));
    }

    /**
     * The rows were rewritten (reconcile --fix): every cached tally re-reads its row as its base and keeps the
     * increments it has not flushed yet.
     */
    synchronized void reload() {
        flush();
        campaigns.forEach((k, t) -> t.rebase(jdbc.sql("select " + Counter.columns()
                + " from reputation_campaign_tally where campaign_id = ? and channel = ?").params(k.campaignId(), k.channel().code())
                .query(Tallies::row).optional().orElse(new long[Counter.N])));
        days.forEach((k, t) -> t.rebase(jdbc.sql("select " + Counter.columns()
                + " from reputation_account_day where account_id = ? and on_day = ? and channel = ?")
                .params(k.accountId(), k.day(), k.channel().code()).query(Tallies::row).optional().orElse(new long[Counter.N])));
    }

    @Scheduled(fixedDelayString = "${fairsend.reputation.flush-interval:1s}")
    synchronized void flush() {
        flushes.record(this::flushNow);
    }

    private void flushNow() {
        Instant now = clock.instant();
        campaigns.forEach((k, t) -> {
            if (!t.dirty) return;
            t.dirty = false;
            long[] d = t.take();
            if (allZero(d)) return;
            try {
                write("reputation_campaign_tally", "campaign_id = ? and channel = ?", List.of(k.campaignId(), k.channel().code()),
                        "campaign_id, channel, account_id", List.of(k.campaignId(), k.channel().code(), t.accountId), d, now);
                long[] row = jdbc.sql("select " + Counter.columns() + " from reputation_campaign_tally where campaign_id = ? and channel = ?")
                        .params(k.campaignId(), k.channel().code()).query(Tallies::row).single();
                t.rebase(row);
                Totals s = new Totals(row);
                jdbc.sql("""
                        insert into reputation_campaign_sample (campaign_id, channel, sampled_at, sent, attempted, blocked, hard_bounces,
                            complaints, unsubscribes, clicks, spamtraps, unjustified) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(k.campaignId(), k.channel().code(), Timestamp.from(now), s.sent(), s.attempted(), s.blocked(), s.hard(),
                                s.complaints(), s.unsubscribes(), s.clicks(), s.spamtraps(), s.unjustified())
                        .update();
            } catch (RuntimeException e) {
                t.giveBack(d);
                log.warn("reputation counters of campaign {} not flushed (kept for the next flush): {}", k.campaignId(), e.toString());
            }
        });
        days.forEach((k, t) -> {
            if (!t.dirty) return;
            t.dirty = false;
            long[] d = t.take();
            if (allZero(d)) return;
            try {
                write("reputation_account_day", "account_id = ? and on_day = ? and channel = ?", List.of(k.accountId(), k.day(), k.channel().code()),
                        "account_id, on_day, channel", List.of(k.accountId(), k.day(), k.channel().code()), d, now);
                t.rebase(jdbc.sql("select " + Counter.columns() + " from reputation_account_day where account_id = ? and on_day = ? and channel = ?")
                        .params(k.accountId(), k.day(), k.channel().code()).query(Tallies::row).single());
            } catch (RuntimeException e) {
                t.giveBack(d);
                log.warn("reputation counters of account {} on {} not flushed (kept for the next flush): {}", k.accountId(), k.day(), e.toString());
            }
        });
        // idle tallies leave memory (their rows hold everything); the next event re-reads them
        long idle = System.currentTimeMillis() - 600_000;
        campaigns.values().removeIf(t -> !t.dirty && t.touched < idle);
        days.values().removeIf(t -> !t.dirty && t.touched < idle);
    }

    /** Adds the increments to the row, creating it on first use (a concurrent creator makes us add instead). */
    private void write(String table, String where, List<Object> key, String keyColumns, List<Object> keyValues, long[] d, Instant now) {
        StringBuilder set = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Counter c : Counter.ALL) {
            set.append(c.column).append(" = ").append(c.column).append(" + ?, ");
            params.add(d[c.ordinal()]);
        }
        set.append("updated_at = ?");
        params.add(Timestamp.from(now));
        params.addAll(key);
        String update = "update " + table + " set " + set + " where " + where;
        if (jdbc.sql(update).params(params).update() > 0) return;
        List<Object> values = new ArrayList<>(keyValues);
        for (long v : d) values.add(v);
        values.add(Timestamp.from(now));
        String marks = "?, ".repeat(values.size() - 1) + "?";
        try {
            jdbc.sql("insert into " + table + " (" + keyColumns + ", " + Counter.columns() + ", updated_at) values (" + marks + ")")
                    .params(values).update();
        } catch (DuplicateKeyException raced) {
            jdbc.sql(update).params(params).update();
        }
    }

    static long[] row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long[] v = new long[Counter.N];
        for (int i = 0; i < v.length; i++) v[i] = rs.getLong(i + 1);
        return v;
    }

    private static boolean allZero(long[] d) {
        for (long v : d) if (v != 0) return false;
        return true;
    }
}
