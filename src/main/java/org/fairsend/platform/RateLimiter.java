package org.fairsend.platform;

import java.time.Duration;

/**
 * Token buckets by key: {@code limit.requests()} at once, refilled at that many per {@code limit.per()}. Used for the
 * public endpoints' limits (platform/web) and open to any module that must bound what anonymous callers may do. On
 * PostgreSQL every node shares the counts ({@code SharedRateLimiter}: Bucket4j's PostgreSQL proxy manager, issue 18);
 * on H2, the single-node default, they are kept in memory ({@code LocalRateLimiter}).
 */
public interface RateLimiter {

    /** {@code requests} in a burst, refilled at {@code requests} per {@code per}. */
    record Limit(long requests, Duration per) {
        public Limit {
            if (requests < 1) throw new IllegalArgumentException("a limit allows at least one request");
            if (per == null || per.isNegative() || per.isZero()) throw new IllegalArgumentException("a limit needs a positive period");
        }
    }

    /** Whether one more request is allowed now, and if not, after how long the next one will be. */
    record Decision(boolean allowed, Duration retryAfter) {
        public static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        public static Decision refused(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }
    }

    /** Takes one token from the bucket of {@code key} under {@code limit}. */
    Decision tryConsume(String key, Limit limit);
}
