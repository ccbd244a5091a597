package org.fairsend.platform;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node's buckets in memory (H2, the single-node default): Bucket4j's lock-free local buckets in a map. Past
 * {@code maxKeys} buckets, those full again are forgotten (forgetting a full bucket changes nothing).
 */
final class LocalBuckets implements Buckets {

    private record Held(Bucket bucket, long capacity) {}

    private final ConcurrentHashMap<String, Held> buckets = new ConcurrentHashMap<>();
    private final int maxKeys;

    LocalBuckets(int maxKeys) {
        this.maxKeys = maxKeys;
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
    }
}
