package org.fairsend.platform.cluster;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The node registry (issue 18): this node's row in {@code cluster_node}, renewed every {@code fairsend.cluster.heartbeat}
 * by a thread of its own (no scheduler queue to wait in). The heartbeat is the node's lease on everything it claims: a
 * node whose heartbeat is older than {@code fairsend.cluster.node-timeout} is dead to the others, which then take back
 * its queued messages and its SMPP binds; and a node that could not renew its own heartbeat for the timeout less one
 * heartbeat stops sending ({@link #leaseValid()}), so that it has stopped before anybody takes its work over.
 * <p>
 * Times are the database's ({@code current_timestamp}), never a node's clock: nodes whose clocks drift apart still agree
 * on who is alive. A graceful stop marks the row stopped, so its leftovers are taken back at once.
 */
public class ClusterNodes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterNodes.class);
    /** Rows of nodes gone for longer than this are deleted (the operator's view keeps a week of history). */
    private static final Duration FORGET_AFTER = Duration.ofDays(7);

    /** A node as the registry holds it, for the operator's view. */
    public record Node(String id, String host, long pid, Instant startedAt, Instant heartbeatAt, Instant stoppedAt, boolean alive) {}

    private final JdbcClient jdbc;
    private final NodeIdentity identity;
    private final ClusterProperties props;
    private final boolean enabled;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long lastRenewedNanos;
    private volatile Thread heartbeat;
    private volatile boolean tookOver;

    public ClusterNodes(JdbcClient jdbc, NodeIdentity identity, ClusterProperties props, boolean enabled) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.props = props;
        this.enabled = enabled;
    }

    public String self() {
        return identity.id();
    }

    public Duration nodeTimeout() {
        return props.nodeTimeout();
    }

    /** How often this node renews its heartbeat (also a good pace to look for dead nodes' work). */
    public Duration heartbeat() {
        return props.heartbeat();
    }

    /**
     * Whether this node took its id over from an earlier process of the same configured name (issue 18): that
     * process was proven dead at start ({@link #start()}), so whatever is still claimed under the id is its, and this
     * node may take it back at once. Always false with a generated id (a new process is a new node).
     */
    public boolean tookOverDeadProcess() {
        return tookOver;
    }

    /**
     * Whether this node may still act on what it claimed: its heartbeat was renewed less than the timeout minus one
     * heartbeat ago. False when the database has been unreachable that long; the others may soon take its work.
     */
    public boolean leaseValid() {
        if (!enabled) return true;
        return System.nanoTime() - lastRenewedNanos < props.nodeTimeout().minus(props.heartbeat()).toNanos();
    }

    /** How long ago this node's heartbeat was last renewed. */
    public Duration sinceRenewed() {
        return Duration.ofNanos(System.nanoTime() - lastRenewedNanos);
    }

    /**
     * The instant, in the database's time, before which a heartbeat means its node is dead: use it as the parameter of
     * {@link #ALIVE_NODES}.
     */
    public Timestamp aliveSince() {
        Timestamp now = jdbc.sql("select current_timestamp").query(Timestamp.class).single();
        return Timestamp.from(now.toInstant().minus(props.nodeTimeout()));
    }

    /** The ids of the live nodes, as a sub-query with one parameter ({@link #aliveSince()}). */
    public static final String ALIVE_NODES = "select id from cluster_node where stopped_at is null and heartbeat_at > ?";

    /** Whether a node is alive: its heartbeat is recent and it has not stopped. */
    public boolean alive(String nodeId) {
        return jdbc.sql("select count(*) from cluster_node where id = ? and stopped_at is null and heartbeat_at > ?")
                .params(nodeId, aliveSince()).query(Long.class).single() > 0;
    }

    /** Every node seen in the last week, newest first. */
    public List<Node> nodes() {
        Timestamp since = aliveSince();
        return jdbc.sql("select id, host, pid, started_at, heartbeat_at, stopped_at from cluster_node order by started_at desc, id")
                .query((rs, i) -> {
                    Timestamp stopped = rs.getTimestamp(6);
                    Timestamp beat = rs.getTimestamp(5);
                    return new Node(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant(),
                            beat.toInstant(), stopped == null ? null : stopped.toInstant(), stopped == null && beat.after(since));
                }).list();
    }

    @Override
    public void start() {
        if (!enabled || !running.compareAndSet(false, true)) return;
        try {
            takeOver();
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        register();
        heartbeat = Thread.ofPlatform().name("fairsend-heartbeat").daemon().start(this::beat);
        log.info("cluster node {} (host {}, pid {}): heartbeat every {}, held dead by the others after {}", identity.id(),
                identity.host(), identity.pid(), props.heartbeat(), props.nodeTimeout());
    }

    /**
     * A configured id already in the registry (issue 18): a restart of the same node, or a second process given the
     * same name by mistake. Its row is taken over only once its holder is proven dead: stopped, or its heartbeat older
     * than the timeout (waiting, at most one timeout, for a holder that was killed a moment ago). A holder whose
     * heartbeat advances meanwhile is a live process: this one refuses to start (two processes under one name would
     * take each other's claims for their own).
     */
    private void takeOver() {
        record Row(String host, long pid, Timestamp beat, boolean stopped) {}
        java.util.function.Supplier<Row> read = () -> jdbc.sql("select host, pid, heartbeat_at, stopped_at from cluster_node where id = ?")
                .param(identity.id()).query((rs, i) -> new Row(rs.getString(1), rs.getLong(2), rs.getTimestamp(3), rs.getTimestamp(4) != null))
                .optional().orElse(null);
        Row first = read.get();
        if (first == null) return;
        tookOver = true;
        if (!first.stopped() && first.beat().after(aliveSince())) {
            log.warn("node id {} is held by {} pid {} (heartbeat {}): waiting until it is older than {} before taking it over",
                    identity.id(), first.host(), first.pid(), first.beat().toInstant(), props.nodeTimeout());
            while (true) {
                sleep(props.heartbeat());
                Row now = read.get();
                if (now == null || now.stopped()) break;
                if (now.beat().after(first.beat())) {
                    throw new IllegalStateException("node id " + identity.id() + " is in use by a live process (" + now.host() + ", pid "
                            + now.pid() + "): each node needs its own fairsend.cluster.node-id (issue 18)");
                }
                if (!now.beat().after(aliveSince())) break;
            }
        }
        log.info("node id {} taken over from an earlier process ({} pid {}), which is dead: its claims are this node's to take back",
                identity.id(), first.host(), first.pid());
        jdbc.sql("delete from cluster_node where id = ?").param(identity.id()).update();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node id's previous holder", e);
        }
    }

    /** Registers this node (its row taken over or new; in one process, a context started again after a stop). */
    private void register() {
        long askedAt = System.nanoTime(); // the database's stamp is no earlier than this: the lease counts from here
        int n = jdbc.sql("update cluster_node set host = ?, pid = ?, started_at = current_timestamp, heartbeat_at = current_timestamp,"
                + " stopped_at = null where id = ?").params(identity.host(), identity.pid(), identity.id()).update();
        if (n == 0) {
            jdbc.sql("insert into cluster_node (id, host, pid, started_at, heartbeat_at) values (?, ?, ?, current_timestamp, current_timestamp)")
                    .params(identity.id(), identity.host(), identity.pid()).update();
        }
        lastRenewedNanos = System.nanoTime();
    }

    private void beat() {
        long forgotAt = 0;
        while (running.get()) {
            try {
                Thread.sleep(props.heartbeat().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            try {
                renew();
                if (System.nanoTime() - forgotAt > Duration.ofHours(1).toNanos()) {
                    forgotAt = System.nanoTime();
                    forgetOldNodes();
                }
            } catch (RuntimeException e) {
                log.warn("heartbeat of node {} not renewed for {}: {}", identity.id(), sinceRenewed(), e.toString());
            }
        }
    }

    /** Renews this node's heartbeat; a node the registry no longer knows (deleted by hand) registers again. */
    void renew() {
        long askedAt = System.nanoTime(); // counted from before the statement: a slow answer shortens the lease, never lengthens it
        int n = jdbc.sql("update cluster_node set heartbeat_at = current_timestamp where id = ? and stopped_at is null")
                .param(identity.id()).update();
        if (n == 0) {
            log.warn("node {} was missing from cluster_node or marked stopped: registering again", identity.id());
            jdbc.sql("delete from cluster_node where id = ?").param(identity.id()).update();
            register();
            return;
        }
        lastRenewedNanos = askedAt;
    }

    private void forgetOldNodes() {
        Timestamp before = Timestamp.from(aliveSince().toInstant().minus(FORGET_AFTER));
        jdbc.sql("delete from cluster_node where heartbeat_at < ?").param(before).update();
    }

    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) return;
        Thread t = heartbeat;
        if (t != null) t.interrupt();
        try {
            jdbc.sql("update cluster_node set stopped_at = current_timestamp where id = ?").param(identity.id()).update();
        } catch (RuntimeException e) {
            log.warn("could not mark node {} stopped (the others will hold it dead after {}): {}", identity.id(), props.nodeTimeout(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Starts before every other component that claims work, stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
