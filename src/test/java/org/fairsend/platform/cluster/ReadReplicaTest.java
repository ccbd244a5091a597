package org.fairsend.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 18, the read replica's routing: a report wrapped in {@link ReadReplica#read} runs on the replica (here the test
 * database through read-only connections) and everything else on the primary; inside a transaction already open it
 * stays on the primary; a replica out of reach leaves the report to the primary. Without a replica (this test's own
 * Fairsend) {@code read} simply runs.
 */
@PostgresTest
class ReadReplicaTest {

    @Autowired DataSource primary;
    @Autowired ReadReplica configuredHere;
    @Value("${spring.datasource.url}") String dbUrl;
    @Value("${spring.datasource.username}") String user;

    private static final String READ_ONLY = "select current_setting('transaction_read_only')";

    @Test
    void reportsReadTheReplicaAndEverythingElseThePrimary() throws Exception {
        assertThat(configuredHere.configured()).isFalse();
        try (var replica = pool(dbUrl + (dbUrl.contains("?") ? "&" : "?") + "options=-c%20default_transaction_read_only=on")) {
            var routed = new ReplicaDataSource(primary, replica);
            var transactions = new JdbcTransactionManager(routed);
            var reads = new ReadReplica(routed, transactions);
            JdbcClient jdbc = JdbcClient.create(routed);
            assertThat(reads.configured()).isTrue();

            String onReplica = reads.read(() -> jdbc.sql(READ_ONLY).query(String.class).single());
            assertThat(onReplica).isEqualTo("on");
            assertThat(jdbc.sql(READ_ONLY).query(String.class).single()).as("outside read: the primary").isEqualTo("off");
            String inside = new TransactionTemplate(transactions).execute(s -> reads.<String>read(() -> jdbc.sql(READ_ONLY).query(String.class).single()));
            assertThat(inside).as("inside a transaction already open: the primary").isEqualTo("off");
        }
    }

    @Test
    void aReplicaOutOfReachLeavesTheReportToThePrimary() throws Exception {
        try (var replica = pool("jdbc:postgresql://127.0.0.1:1/nowhere")) {
            var routed = new ReplicaDataSource(primary, replica);
            var reads = new ReadReplica(routed, new JdbcTransactionManager(routed));
            JdbcClient jdbc = JdbcClient.create(routed);
            long nodes = reads.read(() -> jdbc.sql("select count(*) from cluster_node").query(Long.class).single());
            assertThat(nodes).isPositive();
        }
    }

    private HikariDataSource pool(String url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setMaximumPoolSize(1);
        c.setReadOnly(true);
        c.setConnectionTimeout(1_000);
        c.setInitializationFailTimeout(-1);
        return new HikariDataSource(c);
    }
}
