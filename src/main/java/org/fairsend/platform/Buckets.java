package org.fairsend.platform;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/** Token buckets by id, where the limiters keep them: in this node's memory, or in PostgreSQL for every node (issue 18). */
interface Buckets {

    /**
     * Takes {@code n} tokens from the bucket {@code id} (created under {@code config} if it has no state), or none:
     * 0 when they were taken, else how many nanoseconds until {@code n} would be there.
     */
    long tryTake(String id, BucketConfiguration config, long n);

    /** Deletes the buckets that are full again (nothing to do in memory); how many went. */
    default int purgeExpired() {
        return 0;
    }

    /** A bucket of {@code capacity} tokens, {@code initial} of them there at first, refilled evenly at {@code tokens} per {@code per}. */
    static BucketConfiguration config(long capacity, long initial, long tokens, Duration per) {
        return BucketConfiguration.builder().addLimit(l -> l.capacity(capacity).refillGreedy(tokens, per).initialTokens(initial)).build();
    }
}
