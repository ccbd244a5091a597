package org.fairsend.delivery.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * One token bucket shared by every worker that sends for the same key (an account, a campaign): the
 * limit holds across threads, unlike a per-worker sleep.
 */
public final class RateLimiter {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimiter(double perSecond) {
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1, perSecond / 10);
        this.tokens = 1;
    }

    public void acquire() {
        acquire(() -> true);
    }

    /**
     * Waits for a permit in short slices while {@code stillWanted} holds; when it stops holding (the run was
     * paused or stopped) gives the permit back and returns false at once.
     */
    public boolean acquire(java.util.function.BooleanSupplier stillWanted) {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            tokens -= 1;
            wait = tokens >= 0 ? 0 : (long) (-tokens / perNano);
        }
        long deadline = System.nanoTime() + wait;
        while (wait > 0) {
            if (!stillWanted.getAsBoolean()) {
                synchronized (this) {
                    tokens += 1;
                }
                return false;
            }
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
            wait = deadline - System.nanoTime();
        }
        return true;
    }
}
