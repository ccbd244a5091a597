package org.fairsend.platform;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /** The one clock every module reads, so tests can control time (quiet hours, retention, tokens). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Each node's own buckets; a bean of type {@link RateLimiter} that shares them (PostgreSQL) replaces it. */
    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    RateLimiter rateLimiter(org.fairsend.platform.web.WebLimits limits) {
        return new LocalRateLimiter(limits.maxTrackedAddresses());
    }

    /** The pseudonym key is sealed under the platform secret: {@code fairsend secrets reseal} re-seals it after a rotation. */
    @Bean
    SealedColumn sealedPseudonymKey() {
        return new SealedColumn("platform_pseudonym_key", "id", "sealed_key", Pseudonyms.SEAL_PURPOSE);
    }
}
