package org.fairsend.platform;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RateLimiter} of one node: Bucket4j's lock-free local buckets in a map. Memory is bounded: past
 * {@code maxKeys} buckets, those full again are forgotten (forgetting a full bucket changes nothing); should that
 * not be enough (a flood from very many addresses), all are, and the limits start afresh.
 */
class LocalRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(LocalRateLimiter.class);

    private record Held(Bucket bucket, long capacity) {}

    private final ConcurrentHashMap<String, Held> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;

    LocalRateLimiter(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public Decision tryConsume(String key, Limit limit) {
        if (buckets.size() >= maxKeys) prune();
        Held held = buckets.computeIfAbsent(key, k -> new Held(Bucket.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per())).build(), limit.requests()));
        ConsumptionProbe probe = held.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Decision.ALLOWED : Decision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private synchronized void prune() {
        if (buckets.size() < maxKeys) return;
        buckets.entrySet().removeIf(e -> e.getValue().bucket().getAvailableTokens() >= e.getValue().capacity());
        if (buckets.size() >= maxKeys * 9L / 10) {
            log.warn("rate limiter: {} keys still in use after forgetting the full buckets; starting afresh", buckets.size());
            buckets.clear();
        }
    }

    int size() {
        return buckets.size();
    }
}
