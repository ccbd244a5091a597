package org.fairsend.delivery.internal;

import java.util.function.BooleanSupplier;
import org.fairsend.platform.Throttles;

/**
 * One send-side pace (a campaign's throttle, an account's rate, an SMSC's throughput), shared by every worker of every
 * node that sends for the same key (issue 18): a handle on the platform's {@link Throttles}, which keeps the bucket in
 * PostgreSQL (in memory on H2) and takes its tokens in small chunks. Keys name what they pace: {@code run:<id>},
 * {@code account:<id>}, {@code smsc:<name>}.
 */
public final class RateLimiter {

    private final Throttles throttles;
    private final String key;
    private final Throttles.Rate rate;

    public RateLimiter(Throttles throttles, String key, Throttles.Rate rate) {
        this.throttles = throttles;
        this.key = key;
        this.rate = rate;
    }

    public void acquire() {
        acquire(() -> true);
    }

    /**
     * Waits for a permit in short slices while {@code stillWanted} holds; when it stops holding (the run was paused or
     * stopped) returns false at once, without a permit.
     */
    public boolean acquire(BooleanSupplier stillWanted) {
        return throttles.acquire(key, rate, stillWanted);
    }
}
