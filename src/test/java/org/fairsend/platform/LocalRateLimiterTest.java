package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The node-local rate limiter: a burst, then refusals with the wait until the next token; memory bounded under a flood of keys. */
class LocalRateLimiterTest {

    @Test
    void aBucketAllowsItsBurstThenSaysHowLongToWait() {
        var limiter = new LocalRateLimiter(1000);
        var limit = new RateLimiter.Limit(3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) assertThat(limiter.tryConsume("a", limit).allowed()).isTrue();
        var refused = limiter.tryConsume("a", limit);
        assertThat(refused.allowed()).isFalse();
        // one token comes back every 20 s
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(limiter.tryConsume("b", limit).allowed()).isTrue();
    }

    @Test
    void aFloodOfAddressesCannotGrowTheMapPastItsBound() {
        var limiter = new LocalRateLimiter(100);
        var limit = new RateLimiter.Limit(5, Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) limiter.tryConsume("198.51." + (i / 256) + "." + (i % 256), limit);
        assertThat(limiter.size()).isLessThanOrEqualTo(100);
    }
}
