package org.fairsend.platform;

import java.time.Duration;

/**
 * The {@link RateLimiter} of one node: its buckets in memory ({@link LocalBuckets}, forgetting full ones past
 * {@code maxKeys} and starting afresh under a flood of very many addresses), one per key.
 */
class LocalRateLimiter implements RateLimiter {

    private final LocalBuckets buckets;

    LocalRateLimiter(int maxKeys) {
        this.buckets = new LocalBuckets(maxKeys, true);
    }

    @Override
    public Decision tryConsume(String key, Limit limit) {
        long wait = buckets.tryTake(key, Buckets.config(limit.requests(), limit.requests(), limit.requests(), limit.per()), 1);
        return wait == 0 ? Decision.ALLOWED : Decision.refused(Duration.ofNanos(wait));
    }

    int size() {
        return buckets.size();
    }
}
