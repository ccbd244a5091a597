package org.fairsend.platform.cluster;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads that may come from the read replica (issue 18, {@code FAIRSEND_DB_REPLICA_URL}): reporting endpoints and
 * report exports wrap their work in {@link #read}. With a replica configured, the work runs in one read-only
 * transaction on a replica connection (one consistent snapshot, possibly a little behind the primary); without one, or
 * inside a transaction already open (on the primary), it simply runs; a replica that cannot be reached leaves the
 * report to the primary (logged). The send path, the last-mile gate, evidence packs
 * and access exports never call it: they read the primary.
 */
public class ReadReplica {

    private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

    private final TransactionTemplate tx;
    private final boolean configured;

    ReadReplica(DataSource dataSource, PlatformTransactionManager transactions) {
        this.configured = dataSource instanceof ReplicaDataSource;
        this.tx = new TransactionTemplate(transactions);
        tx.setReadOnly(true);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Whether a replica is configured. */
    public boolean configured() {
        return configured;
    }

    /** Runs {@code work} on the replica when one is configured and no transaction is open; its result. */
    public <T> T read(Supplier<T> work) {
        if (!configured || TransactionSynchronizationManager.isActualTransactionActive()) return work.get();
        ReplicaDataSource.route(true);
        try {
            return tx.execute(s -> {
                ReplicaDataSource.route(false); // the transaction holds its replica connection; anything nested opens on the primary
                return work.get();
            });
        } catch (CannotCreateTransactionException unreachable) {
            ReplicaDataSource.route(false);
            log.warn("read replica unreachable, this report reads the primary: {}", unreachable.getMostSpecificCause().toString());
            return work.get();
        } finally {
            ReplicaDataSource.route(false);
        }
    }
}
