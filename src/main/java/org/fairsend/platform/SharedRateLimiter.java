package org.fairsend.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RateLimiter} of a cluster (issue 18): each key's bucket is a row every node takes from
 * ({@link PostgresBuckets}), so the public endpoints' limits, the hosted forms' bot limits and the inbound SMTP rates
 * hold for all nodes together. A bucket's id is the SHA-256 of its limit and key: the keys carry source addresses and
 * address hashes, none of which is stored, and a limit changed in the settings starts a bucket of its own. Should the
 * database fail, the request is let through (logged at most once a minute): the limiter must not turn a database
 * hiccup into refusals of every public request, and what the request then does needs the database anyway.
 */
final class SharedRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(SharedRateLimiter.class);
    private static final long LOG_EVERY = Duration.ofMinutes(1).toNanos();

    private final Buckets buckets;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY);

    SharedRateLimiter(Buckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public Decision tryConsume(String key, Limit limit) {
        String id = "limit:" + Hashing.sha256Hex(limit.requests() + "/" + limit.per().toMillis() + "|" + key);
        try {
            long wait = buckets.tryTake(id, Buckets.config(limit.requests(), limit.requests(), limit.requests(), limit.per()), 1);
            return wait == 0 ? Decision.ALLOWED : Decision.refused(Duration.ofNanos(wait));
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastLogged.get();
            if (now - last >= LOG_EVERY && lastLogged.compareAndSet(last, now)) {
                log.warn("shared rate limiter: the database did not answer, requests are let through meanwhile", e);
            }
            return Decision.ALLOWED;
        }
    }
}
