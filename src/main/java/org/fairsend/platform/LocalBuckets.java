package org.fairsend.platform;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's buckets in memory (H2, the single-node default): Bucket4j's lock-free local buckets in a map, for the
 * public endpoints' limiter ({@link LocalRateLimiter}) and the send-side throttles. Memory is bounded: past
 * {@code maxKeys} buckets, those full again are forgotten (forgetting a full bucket changes nothing); with
 * {@code startAfresh}, should that not be enough (a flood from very many addresses), all are, and the limits start
 * afresh. Without it (the send-side paces, whose keys are runs, accounts and domains) the buckets in use are kept.
 */
final class LocalBuckets implements Buckets {

    private static final Logger log = LoggerFactory.getLogger(LocalBuckets.class);

    private record Held(Bucket bucket, long capacity) {}

    private final ConcurrentHashMap<String, Held> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;
    private final boolean startAfresh;

    LocalBuckets(int maxKeys, boolean startAfresh) {
        this.maxKeys = maxKeys;
        this.startAfresh = startAfresh;
    }

    @Override
    public long tryTake(String id, BucketConfiguration config, long n) {
        if (buckets.size() >= maxKeys) prune();
        Held held = buckets.computeIfAbsent(id, k -> new Held(Bucket.builder().addLimit(config.getBandwidths()[0]).build(),
                config.getBandwidths()[0].getCapacity()));
        ConsumptionProbe probe = held.bucket().tryConsumeAndReturnRemaining(n);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    private synchronized void prune() {
        if (buckets.size() < maxKeys) return;
        buckets.entrySet().removeIf(e -> e.getValue().bucket().getAvailableTokens() >= e.getValue().capacity());
        if (startAfresh && buckets.size() >= maxKeys * 9L / 10) {
            log.warn("rate limiter: {} keys still in use after forgetting the full buckets; starting afresh", buckets.size());
            buckets.clear();
        }
    }

    int size() {
        return buckets.size();
    }
}
