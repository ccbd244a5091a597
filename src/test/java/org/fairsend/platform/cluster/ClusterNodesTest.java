package org.fairsend.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: the node registry. Each process is a node of its own, a second node against the same database is seen
 * alive, a stopped or silent one is not, and a node that cannot renew its heartbeat reports DOWN on
 * {@code /actuator/health} (for the load balancer) and stops holding its lease before the others may take its work.
 */
@PostgresTest
class ClusterNodesTest {

    @Autowired ClusterNodes nodes;
    @Autowired NodeIdentity identity;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired Fixtures fixtures;

    @Test
    void theRunningNodeIsRegisteredUnderANameUniqueToItsProcess() {
        assertThat(identity.id()).isEqualTo(nodes.self())
                .startsWith(identity.host() + "-" + ProcessHandle.current().pid() + "-").matches(".*-[0-9a-f]{6}");
        assertThat(nodes.alive(identity.id())).isTrue();
        assertThat(nodes.nodes()).anySatisfy(n -> {
            assertThat(n.id()).isEqualTo(identity.id());
            assertThat(n.alive()).isTrue();
            assertThat(n.pid()).isEqualTo(ProcessHandle.current().pid());
        });
        // a second process on the same host is another node: no two generated names are the same
        assertThat(NodeIdentity.generated("host", 1)).isNotEqualTo(NodeIdentity.generated("host", 1));
        assertThat(new NodeIdentity("worker-3").id()).isEqualTo("worker-3");
    }

    @Test
    void aSecondNodeIsAliveWhileItBeatsAndDeadOnceItStopsOrFallsSilent() {
        var props = new ClusterProperties(null, Duration.ofMillis(100), Duration.ofMillis(400));
        var other = new ClusterNodes(jdbc, new NodeIdentity(null), props, true);
        other.start();
        try {
            assertThat(other.self()).isNotEqualTo(nodes.self());
            // alive for longer than its timeout: its heartbeat keeps it so
            await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(other.alive(other.self())).isTrue();
            assertThat(nodes.alive(other.self())).as("seen alive by the first node too (its own timeout: 30 s)").isTrue();
        } finally {
            other.stop();
        }
        assertThat(nodes.alive(other.self())).as("a graceful stop is seen at once").isFalse();
        assertThat(nodes.nodes()).anySatisfy(n -> {
            assertThat(n.id()).isEqualTo(other.self());
            assertThat(n.stoppedAt()).isNotNull();
            assertThat(n.alive()).isFalse();
        });

        // a node killed without stopping: its heartbeat ages past the timeout
        var killed = new ClusterNodes(jdbc, new NodeIdentity(null), props, true);
        killed.start();
        assertThat(killed.alive(killed.self())).isTrue();
        jdbc.sql("update cluster_node set heartbeat_at = heartbeat_at - interval '1' hour where id = ?").param(killed.self()).update();
        assertThat(killed.alive(killed.self())).isFalse();
        assertThat(nodes.alive(killed.self())).isFalse();
        killed.stop();
    }

    @Test
    void aNodeThatCannotRenewItsHeartbeatGoesDownAndGivesUpItsLeaseBeforeTheOthersTakeOver() {
        var broken = new AtomicBoolean();
        var props = new ClusterProperties(null, Duration.ofMillis(100), Duration.ofMillis(500));
        var node = new ClusterNodes(JdbcClient.create(new Breakable(dataSource, broken)), new NodeIdentity(null), props, true);
        var health = new ClusterHealth(node);
        node.start();
        try {
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
            assertThat(node.leaseValid()).isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("node", node.self());

            broken.set(true); // the database is out of reach for this node
            var gaveUpAfter = new AtomicReference<Duration>();
            await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(5)).until(() -> {
                var since = node.sinceRenewed(); // read first: the lease can only age after it
                if (node.leaseValid()) return false;
                gaveUpAfter.set(since);
                return true;
            });
            // it gave up before the others may take over (the first moment it was seen invalid, checked every 5 ms)
            assertThat(gaveUpAfter.get()).isLessThan(props.nodeTimeout());
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

            broken.set(false); // back: renewed at the next heartbeat
            await().atMost(Duration.ofSeconds(5)).until(node::leaseValid);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            broken.set(false);
            node.stop();
        }
    }

    @Test
    void aConfiguredIdIsTakenOverFromADeadProcessAndRefusedWhileAnotherProcessHoldsIt() {
        var props = new ClusterProperties(null, Duration.ofMillis(100), Duration.ofMillis(400));
        String id = "fixed-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        var first = new ClusterNodes(jdbc, new NodeIdentity(id), props, true);
        first.start();
        assertThat(first.tookOverDeadProcess()).as("the first process of that name").isFalse();
        try {
            // a second process given the same name while the first beats: it refuses to start
            var second = new ClusterNodes(jdbc, new NodeIdentity(id), props, true);
            org.assertj.core.api.Assertions.assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by a live process");
            assertThat(second.isRunning()).isFalse();
        } finally {
            first.stop();
        }
        // the first one stopped (or died: its heartbeat aged past the timeout): a restart takes the id over, and with it
        // what the dead process had claimed
        var restarted = new ClusterNodes(jdbc, new NodeIdentity(id), props, true);
        restarted.start();
        try {
            assertThat(restarted.tookOverDeadProcess()).isTrue();
            assertThat(restarted.alive(id)).isTrue();
        } finally {
            restarted.stop();
        }
        var afterKill = new ClusterNodes(jdbc, new NodeIdentity(id), props, true);
        jdbc.sql("update cluster_node set stopped_at = null, heartbeat_at = current_timestamp - interval '1' second where id = ?").param(id).update();
        afterKill.start();
        try {
            assertThat(afterKill.tookOverDeadProcess()).isTrue();
            assertThat(afterKill.alive(id)).isTrue();
        } finally {
            afterKill.stop();
        }
    }

    @Test
    void healthIsUpForTheLoadBalancerAndTheOperatorSeesTheClusterComponent() {
        assertThat(fixtures.anonymous().get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        var detailed = fixtures.operator().get("/actuator/health").json();
        assertThat(detailed.get("components").get("cluster").get("status").asString()).isEqualTo("UP");
        assertThat(detailed.get("components").get("cluster").get("details").get("node").asString()).isEqualTo(identity.id());
    }

    /** A data source that refuses connections while {@code broken} is set. */
    private record Breakable(DataSource delegate, AtomicBoolean broken) implements DataSource {
        @Override public Connection getConnection() throws SQLException {
            if (broken.get()) throw new SQLException("connection refused (test)");
            return delegate.getConnection();
        }
        @Override public Connection getConnection(String u, String p) throws SQLException {
            if (broken.get()) throw new SQLException("connection refused (test)");
            return delegate.getConnection(u, p);
        }
        @Override public PrintWriter getLogWriter() throws SQLException { return delegate.getLogWriter(); }
        @Override public void setLogWriter(PrintWriter out) throws SQLException { delegate.setLogWriter(out); }
        @Override public void setLoginTimeout(int seconds) throws SQLException { delegate.setLoginTimeout(seconds); }
        @Override public int getLoginTimeout() throws SQLException { return delegate.getLoginTimeout(); }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { return delegate.getParentLogger(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { return delegate.unwrap(iface); }
        @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { return delegate.isWrapperFor(iface); }
    }
}
