package org.fairsend.platform;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Paces shared by every node (issue 18): a blocking limiter for the send side (a campaign's throttle, an account's
 * rate, a destination domain, a relay, an SMSC, the voice provider). Each key is one token bucket refilled at its
 * {@link Rate}; on PostgreSQL the bucket is a row every node takes from, so N nodes together never exceed the rate.
 *
 * <p>To keep the send path fast a node takes tokens from the shared bucket in small chunks (at most
 * {@code fairsend.limits.chunk} worth of the rate, 100 ms by default, and at least one) and hands them out locally:
 * a round trip to the database is paid once per chunk, not per message. The shared bucket holds at most two chunks,
 * and a node keeps a chunk's surplus for a second at most, so over any window the messages sent stay under the rate
 * plus one chunk per node and two in the bucket; tokens a node held when it died are simply lost (the cap still holds).
 * On H2 (one node) the buckets are in memory.
 */
public interface Throttles {

    /** {@code tokens} per {@code per}, evenly (a greedy refill). */
    record Rate(long tokens, Duration per) {
        public Rate {
            if (tokens < 1) throw new IllegalArgumentException("a rate allows at least one token");
            if (per == null || per.isNegative() || per.isZero()) throw new IllegalArgumentException("a rate needs a positive period");
        }

        public static Rate perSecond(long tokens) {
            return new Rate(tokens, Duration.ofSeconds(1));
        }

        public static Rate perMinute(long tokens) {
            return new Rate(tokens, Duration.ofMinutes(1));
        }

        /** The tokens taken at once from the shared bucket: the rate's worth of {@code chunk}, at least one. */
        long chunk(Duration chunk) {
            return Math.max(1, (long) ((double) tokens * chunk.toNanos() / per.toNanos()));
        }
    }

    /**
     * Waits for one token of {@code key}'s bucket under {@code rate}, in short slices while {@code stillWanted} holds;
     * false (no token taken) as soon as it stops holding or the thread is interrupted.
     */
    boolean acquire(String key, Rate rate, BooleanSupplier stillWanted);

    /** Paces kept in this JVM's memory only (one node, and tests of a single component). */
    static Throttles inMemory() {
        return new ChunkedThrottles(new LocalBuckets(100_000, false), java.time.Duration.ofMillis(100));
    }

    /** Paces shared through PostgreSQL's {@code rate_bucket} on {@code dataSource}, as a node builds them (default settings). */
    static Throttles onPostgres(javax.sql.DataSource dataSource) {
        return new ChunkedThrottles(new PostgresBuckets(dataSource, java.time.Duration.ofMinutes(1)), java.time.Duration.ofMillis(100));
    }

    /** Waits for one token, however long it takes. */
    default void acquire(String key, Rate rate) {
        acquire(key, rate, () -> true);
    }
}
