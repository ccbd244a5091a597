package org.fairsend.platform.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's data source when a read replica is configured (issue 18): the primary, except for the connection a
 * {@link ReadReplica#read} transaction opens, which comes from the replica's own read-only pool. Nothing else ever gets a
 * replica connection: a thread reads the replica only inside {@code read}, and only when it opens that transaction.
 */
final class ReplicaDataSource extends AbstractRoutingDataSource implements AutoCloseable {

    private static final ThreadLocal<Boolean> REPLICA = new ThreadLocal<>();

    private final DataSource primary;
    private final HikariDataSource replica;

    ReplicaDataSource(DataSource primary, HikariDataSource replica) {
        this.primary = primary;
        this.replica = replica;
        setTargetDataSources(Map.of("primary", primary, "replica", replica));
        setDefaultTargetDataSource(primary);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    /** The replica's pool itself (tests write through it to prove it is read-only). */
    DataSource replica() {
        return replica;
    }

    static void route(boolean toReplica) {
        if (toReplica) REPLICA.set(Boolean.TRUE);
        else REPLICA.remove();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return Boolean.TRUE.equals(REPLICA.get()) ? "replica" : "primary";
    }

    @Override
    public void close() throws Exception {
        replica.close();
        if (primary instanceof AutoCloseable c) c.close();
    }
}
