package org.fairsend.platform.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.fairsend.platform.Database;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Jobs that must run once across the cluster (issue 18): each such job carries {@code @SchedulerLock} with a stable name
 * ({@link JobLocks}); ShedLock lets a node run it only while that node holds the job's row in {@code shedlock}. The lock
 * is taken in the database's time ({@code usingDbTime()}: nodes whose clocks drift still agree), names this node
 * ({@link NodeIdentity}) as its holder, and is kept alive while a long run goes on (renewed every half of its
 * {@code lockAtMostFor}); a node that dies holding it leaves it for at most {@code lockAtMostFor}. Jobs that keep each
 * node's own state (the gate's suppressions, the spam traps, the reputation tallies, the SMS receipts) carry no lock.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class JobLockConfiguration {

    /** Not a bean of its own: a ScheduledExecutorService bean would become the scheduler of every {@code @Scheduled} job. */
    @Bean
    ClusterLockProvider lockProvider(DataSource dataSource, NodeIdentity identity) {
        var jdbc = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName("shedlock")
                .withLockedByValue(identity.id())
                .usingDbTime()
                .build());
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("fairsend-job-lock-keepalive").daemon().factory());
        return new ClusterLockProvider(new KeepAliveLockProvider(jdbc, keepAlive), keepAlive);
    }

    /** ShedLock's provider, its keep-alive thread stopped with the context. */
    record ClusterLockProvider(LockProvider delegate, ScheduledExecutorService keepAlive) implements LockProvider, AutoCloseable {
        @Override
        public java.util.Optional<net.javacrumbs.shedlock.core.SimpleLock> lock(net.javacrumbs.shedlock.core.LockConfiguration c) {
            return delegate.lock(c);
        }

        @Override
        public void close() {
            keepAlive.shutdownNow();
        }
    }

    @Bean
    JobLocks jobLocks(JdbcClient jdbc, Database database) {
        return new JobLocks(jdbc, database);
    }
}
