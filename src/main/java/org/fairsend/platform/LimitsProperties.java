package org.fairsend.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the shared limits are kept (issue 18; README, "Settings").
 *
 * @param chunk how much of a send-side rate a node takes from the shared bucket at once (at least one token); the
 *     overshoot of N nodes together is bounded by N chunks plus one
 * @param keepAfterRefill how long a shared bucket's row is kept once it would be full again (a full bucket carries no
 *     information; the margin spares rows in steady use a delete and an insert)
 * @param purgeInterval how often each node deletes the expired rows (PostgreSQL only)
 */
@ConfigurationProperties("fairsend.limits")
record LimitsProperties(Duration chunk, Duration keepAfterRefill, Duration purgeInterval) {

    LimitsProperties {
        if (chunk == null) chunk = Duration.ofMillis(100);
        if (chunk.isNegative() || chunk.isZero()) throw new IllegalArgumentException("fairsend.limits.chunk must be positive");
        if (keepAfterRefill == null) keepAfterRefill = Duration.ofMinutes(1);
        if (purgeInterval == null) purgeInterval = Duration.ofMinutes(1);
    }
}
