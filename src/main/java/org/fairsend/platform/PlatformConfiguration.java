package org.fairsend.platform;

import java.time.Clock;
import javax.sql.DataSource;
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

    /**
     * Where the limiters keep their token buckets (issue 18): on PostgreSQL a table every node shares, so N nodes never
     * exceed a configured rate together; on H2 (the single-node embedded default) this node's memory.
     */
    @Bean
    Buckets buckets(Database database, DataSource dataSource, LimitsProperties limits, org.fairsend.platform.web.WebLimits web) {
        return database.isPostgres() ? new PostgresBuckets(dataSource, limits.keepAfterRefill()) : new LocalBuckets(web.maxTrackedAddresses(), false);
    }

    /** The public endpoints', hosted forms' and inbound SMTP limits: shared by every node on PostgreSQL, per node on H2. */
    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    RateLimiter rateLimiter(Buckets buckets, org.fairsend.platform.web.WebLimits limits) {
        return buckets instanceof PostgresBuckets ? new SharedRateLimiter(buckets) : new LocalRateLimiter(limits.maxTrackedAddresses());
    }

    /** The send-side paces (campaign, account, domain, relay, SMSC, voice provider), taken in chunks from the buckets. */
    @Bean
    Throttles throttles(Buckets buckets, LimitsProperties limits) {
        return new ChunkedThrottles(buckets, limits.chunk());
    }

    /** The pseudonym key is sealed under the platform secret: {@code fairsend secrets reseal} re-seals it after a rotation. */
    @Bean
    SealedColumn sealedPseudonymKey() {
        return new SealedColumn("platform_pseudonym_key", "id", "sealed_key", Pseudonyms.SEAL_PURPOSE);
    }
}
