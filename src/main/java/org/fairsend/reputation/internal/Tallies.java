package org.fairsend.reputation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.fairsend.platform.Channel;
import org.fairsend.policy.PolicyTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The live counters: one tally per campaign and channel, one per account, policy day (in the policy's time zone) and channel. An event
 * adds to a tally in memory (a few atomic increments: cheap enough for every message of a million-recipient
 * send); the circuit breaker reads the tally at once; a flush every {@code fairsend.reputation.flush-interval}
 * adds the increments to the counter rows (one UPDATE per changed tally, whatever the number of events) and
 * appends a point of the campaign's time series. After a flush a tally re-reads its row, so increments other
 * nodes flushed are seen. Increments not flushed when a node dies are recovered by {@code fairsend reputation
 * reconcile --fix} from the send log and the feedback records. SQL in {@link TallyStore}.
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

    private final TallyStore store;
    private final Clock clock;
    private final Map<CampaignKey, Tally> campaigns = new ConcurrentHashMap<>();
    private final Map<DayKey, Tally> days = new ConcurrentHashMap<>();

    private final io.micrometer.core.instrument.Timer flushes;

    private final PolicyTime time;

    /**
     * A flush writes outside any transaction of its caller (each row its own statement, as on the scheduler's thread):
     * a report that flushes before reading may run in a read-only transaction on the read replica (issue 18), and a
     * failed row must not abort the caller's transaction.
     */
    private final org.springframework.transaction.support.TransactionTemplate outside;

    Tallies(TallyStore store, Clock clock, io.micrometer.core.instrument.MeterRegistry meters, PolicyTime time,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.time = time;
        this.outside = new org.springframework.transaction.support.TransactionTemplate(transactions);
        outside.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.flushes = io.micrometer.core.instrument.Timer.builder("fairsend.reputation.flush")
                .description("writing the live indicator counters to their rows").register(meters);
        this.store = store;
        this.clock = clock;
    }

    /** The policy day an instant counts on (R-14: account tallies are per policy day, {@link PolicyTime}). */
    LocalDate dayOf(Instant at) {
        return time.dayOf(at);
    }

    Tally campaign(UUID campaignId, Channel channel, UUID accountId) {
        return campaigns.computeIfAbsent(new CampaignKey(campaignId, channel), k -> {
            Tally t = new Tally(accountId, store.campaign(campaignId, channel).orElse(new long[Counter.N]));
            t.incriminated = store.incriminated(campaignId);
            return t;
        });
    }

    Tally day(UUID accountId, LocalDate day, Channel channel) {
        return days.computeIfAbsent(new DayKey(accountId, day, channel),
                k -> new Tally(accountId, store.day(accountId, day, channel).orElse(new long[Counter.N])));
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
        campaigns.forEach((k, t) -> t.rebase(store.campaign(k.campaignId(), k.channel()).orElse(new long[Counter.N])));
        days.forEach((k, t) -> t.rebase(store.day(k.accountId(), k.day(), k.channel()).orElse(new long[Counter.N])));
    }

    @Scheduled(fixedDelayString = "${fairsend.reputation.flush-interval:1s}")
    synchronized void flush() {
        outside.executeWithoutResult(s -> flushes.record(this::flushNow));
    }

    private void flushNow() {
        Instant now = clock.instant();
        campaigns.forEach((k, t) -> {
            if (!t.dirty) return;
            t.dirty = false;
            long[] d = t.take();
            if (allZero(d)) return;
            try {
                long[] row = store.addToCampaign(k.campaignId(), k.channel(), t.accountId, d, now);
                t.rebase(row);
                store.sample(k.campaignId(), k.channel(), new Totals(row), now);
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
                t.rebase(store.addToDay(k.accountId(), k.day(), k.channel(), d, now));
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

    private static boolean allZero(long[] d) {
        for (long v : d) if (v != 0) return false;
        return true;
    }
}
