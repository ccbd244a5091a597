package org.fairsend.platform;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * {@link Throttles} over {@link Buckets} (issue 18). A key's shared bucket holds two chunks (a chunk is the rate's
 * worth of {@code chunk}, at least one token) and is refilled at the rate; a node takes a whole chunk at once, uses one token
 * and hands the rest out to its next callers for that key, so the database is asked about once per chunk. The surplus
 * a node holds is dropped after a second unused: late tokens would be a burst. The threads of one node that want the
 * same key queue on its holder (one of them asks the bucket or waits for the refill); other keys are never held up.
 */
final class ChunkedThrottles implements Throttles {

    private static final long SLICE = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long SURPLUS_KEPT = TimeUnit.SECONDS.toNanos(1);
    private static final int PRUNE_ABOVE = 10_000;
    private static final long IDLE = TimeUnit.SECONDS.toNanos(30);

    /** One key's tokens taken by this node and not yet handed out. */
    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock(true);
        long held;
        long takenAt;
        volatile long lastUsed = System.nanoTime();
    }

    private final Buckets buckets;
    private final Duration chunk;
    private final ConcurrentHashMap<String, Holder> holders = new ConcurrentHashMap<>();

    ChunkedThrottles(Buckets buckets, Duration chunk) {
        this.buckets = buckets;
        this.chunk = chunk;
    }

    @Override
    public boolean acquire(String key, Rate rate, BooleanSupplier stillWanted) {
        long size = rate.chunk(chunk);
        String id = id(key, rate, size);
        if (holders.size() > PRUNE_ABOVE) prune();
        Holder h = holders.computeIfAbsent(id, k -> new Holder());
        h.lastUsed = System.nanoTime();
        try {
            while (!h.lock.tryLock(SLICE, TimeUnit.NANOSECONDS)) {
                if (!stillWanted.getAsBoolean()) return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            // room for two chunks: while one node is between its chunks (a round trip, a thread's turn) the refill is kept;
            // one chunk at first (a campaign of 6 a minute sends one message at once, the next 10 s later)
            BucketConfiguration config = Buckets.config(2 * size, size, rate.tokens(), rate.per());
            while (true) {
                long now = System.nanoTime();
                if (h.held > 0 && now - h.takenAt > SURPLUS_KEPT) h.held = 0;
                if (h.held > 0) {
                    h.held--;
                    return true;
                }
                if (!stillWanted.getAsBoolean()) return false;
                long wait = buckets.tryTake(id, config, size);
                if (wait == 0) {
                    h.held = size - 1;
                    h.takenAt = now;
                    return true;
                }
                // the whole chunk is there after `wait` (another node may take it first: then wait again)
                long deadline = System.nanoTime() + wait;
                while (wait > 0) {
                    if (!stillWanted.getAsBoolean()) return false;
                    LockSupport.parkNanos(Math.min(wait, SLICE));
                    if (Thread.currentThread().isInterrupted()) return false;
                    wait = deadline - System.nanoTime();
                }
            }
        } finally {
            h.lastUsed = System.nanoTime();
            h.lock.unlock();
        }
    }

    /** The bucket's id: the key with its rate and chunk, so that a rate changed in the settings starts a bucket of its own. */
    static String id(String key, Rate rate, long chunk) {
        String id = "pace:" + key + "|" + rate.tokens() + "/" + rate.per().toMillis() + "ms|" + chunk;
        return id.length() <= 200 ? id : "pace:" + Hashing.sha256Hex(id);
    }

    /** Forgets the holders idle for a while (a domain mailed once), keeping the map bounded. */
    private void prune() {
        long now = System.nanoTime();
        holders.entrySet().removeIf(e -> now - e.getValue().lastUsed > IDLE && !e.getValue().lock.isLocked());
    }

    int holders() {
        return holders.size();
    }
}
