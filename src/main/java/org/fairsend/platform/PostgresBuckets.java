package org.fairsend.platform;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The buckets every node shares (issue 18): rows of {@code rate_bucket} (V110) kept by Bucket4j's PostgreSQL proxy
 * manager, each read and written under {@code SELECT ... FOR UPDATE} in a short transaction of its own (never the
 * caller's). Each row carries when it will be full again plus {@code keepAfterRefill} (Bucket4j's expiration after
 * write); {@link #purgeExpired()} deletes the rows past it, so nothing stays behind a node that died and the table
 * holds only the buckets in use. The nodes' clocks are the buckets' clocks: keep them synchronised (NTP).
 */
final class PostgresBuckets implements Buckets {

    private static final int PURGE_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;

    PostgresBuckets(DataSource dataSource, Duration keepAfterRefill) {
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepAfterRefill)).build();
    }

    @Override
    public long tryTake(String id, BucketConfiguration config, long n) {
        ConsumptionProbe probe = proxies.builder().build(id, () -> config).tryConsumeAndReturnRemaining(n);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    @Override
    public int purgeExpired() {
        int total = 0;
        int removed;
        do {
            removed = proxies.removeExpired(PURGE_BATCH);
            total += removed;
        } while (removed == PURGE_BATCH);
        return total;
    }
}
