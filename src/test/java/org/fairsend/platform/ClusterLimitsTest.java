package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: the limits hold for several nodes on one PostgreSQL. Each "node" here is what a Fairsend node builds at
 * start-up on PostgreSQL ({@link PostgresBuckets} under {@link ChunkedThrottles} for the send side, under
 * {@link SharedRateLimiter} for the public endpoints), each on a connection pool of its own against the test database,
 * so the only thing they share is the database. Windows are short (two seconds); the bounds are the ones the
 * documentation promises: the rate over the window plus one second's burst.
 */
@PostgresTest
class ClusterLimitsTest {

    private static final List<HikariDataSource> POOLS = new ArrayList<>();

    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void pools(@Autowired javax.sql.DataSource app) throws Exception {
        for (int i = 0; i < 3; i++) POOLS.add(org.fairsend.support.NodePool.against(app, "node-" + i, 4));
    }

    @AfterAll
    static void close() {
        POOLS.forEach(HikariDataSource::close);
    }

    private static Throttles node(int i) {
        return new ChunkedThrottles(new PostgresBuckets(POOLS.get(i), Duration.ofMinutes(1)), Duration.ofMillis(100));
    }

    /** {@code threads} senders on the node take tokens of {@code key} as fast as they are given, for {@code window}. */
    private static Thread[] send(Throttles node, String key, Throttles.Rate rate, int threads, long until, AtomicInteger sent) {
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            ts[i] = Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < until) {
                    if (node.acquire(key, rate, () -> System.nanoTime() < until)) sent.incrementAndGet();
                }
            });
        }
        return ts;
    }

    private static void join(Thread[]... groups) throws InterruptedException {
        for (Thread[] g : groups) for (Thread t : g) t.join();
    }

    @Test
    void twoNodesShareADomainsCapWhereEachAloneGoesAsFastAsTheCap() throws Exception {
        var cap = Throttles.Rate.perSecond(100);
        String domain = "domain:cap-" + UUID.randomUUID() + ".example";
        long window = Duration.ofSeconds(2).toNanos();

        // one node alone reaches the cap
        var alone = new AtomicInteger();
        join(send(node(0), "domain:alone-" + UUID.randomUUID() + ".example", cap, 8, System.nanoTime() + window, alone));
        assertThat(alone.get()).as("one node alone in 2 s at 100/s").isBetween(160, 300);

        // two nodes together: the same cap, shared
        var a = new AtomicInteger();
        var b = new AtomicInteger();
        long until = System.nanoTime() + window;
        join(send(node(1), domain, cap, 8, until, a), send(node(2), domain, cap, 8, until, b));
        int together = a.get() + b.get();
        assertThat(together).as("two nodes in 2 s at 100/s: at most the rate plus one second's burst").isLessThanOrEqualTo(200 + 100);
        assertThat(together).as("and the cap is used").isGreaterThanOrEqualTo(140);
        // each got a share, and each alone would have gone faster than it did together
        assertThat(a.get()).isPositive().isLessThan(alone.get());
        assertThat(b.get()).isPositive().isLessThan(alone.get());

        // what the shared bucket prevents: two nodes with buckets of their own send twice the cap
        var c = new AtomicInteger();
        var d = new AtomicInteger();
        until = System.nanoTime() + window;
        join(send(Throttles.inMemory(), domain, cap, 8, until, c), send(Throttles.inMemory(), domain, cap, 8, until, d));
        assertThat(c.get() + d.get()).isGreaterThan(200 + 100);
    }

    @Test
    void aChunkANodeHeldWhenItDiedIsLostWithoutBlockingTheOthers() throws Exception {
        var rate = Throttles.Rate.perSecond(50);
        String key = "smsc:dead-" + UUID.randomUUID();
        // the node takes a chunk (5 tokens, 100 ms worth), uses one, and dies with the other four
        assertThat(node(0).acquire(key, rate, () -> true)).isTrue();
        var survivor = node(1);
        long start = System.nanoTime();
        assertThat(survivor.acquire(key, rate, () -> true)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the survivor's first token").isLessThan(Duration.ofMillis(500));
        // and goes at the full rate
        var sent = new AtomicInteger();
        join(send(survivor, key, rate, 4, System.nanoTime() + Duration.ofSeconds(1).toNanos(), sent));
        assertThat(sent.get()).isBetween(40, 50 + 50);
    }

    @Test
    void aStoppedWaitGivesUpAtOnceWithoutAToken() {
        var rate = new Throttles.Rate(1, Duration.ofMinutes(1));
        String key = "run:" + UUID.randomUUID();
        var node = node(0);
        // the bucket starts with one chunk (one token); it holds two at most
        assertThat(node.acquire(key, rate, () -> true)).isTrue();
        long start = System.nanoTime();
        long stopAt = start + Duration.ofMillis(200).toNanos();
        // the next token is a minute away; the run is paused after 200 ms
        assertThat(node.acquire(key, rate, () -> System.nanoTime() < stopAt)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        // and the other node's wait is just as long: the bucket is shared
        assertThat(node(1).acquire(key, rate, () -> System.nanoTime() < start + Duration.ofMillis(400).toNanos())).isFalse();
    }

    @Test
    void thePublicEndpointsLimitIsOneBucketForAllNodes() {
        var a = new SharedRateLimiter(new PostgresBuckets(POOLS.get(0), Duration.ofMinutes(1)));
        var b = new SharedRateLimiter(new PostgresBuckets(POOLS.get(1), Duration.ofMinutes(1)));
        var limit = new RateLimiter.Limit(5, Duration.ofHours(1));
        String key = "HOSTED_FORM|198.51.100." + (int) (Math.random() * 250);
        for (int i = 0; i < 3; i++) assertThat(a.tryConsume(key, limit).allowed()).isTrue();
        for (int i = 0; i < 2; i++) assertThat(b.tryConsume(key, limit).allowed()).isTrue();
        // five taken between the two nodes: both refuse now, and say when the next one comes (one every 12 min)
        var refusedA = a.tryConsume(key, limit);
        var refusedB = b.tryConsume(key, limit);
        assertThat(refusedA.allowed()).isFalse();
        assertThat(refusedB.allowed()).isFalse();
        assertThat(refusedB.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(12));
        // another source has its own bucket; the key itself is not stored (the id is its hash)
        assertThat(b.tryConsume(key + "0", limit).allowed()).isTrue();
        assertThat(jdbc.sql("select count(*) from rate_bucket where id like ?").param("%198.51.100.%").query(Long.class).single()).isZero();
    }

    @Test
    void aBucketsRowIsPurgedOnceItIsFullAgain() throws Exception {
        var buckets = new PostgresBuckets(POOLS.get(0), Duration.ZERO);
        var limiter = new SharedRateLimiter(buckets);
        var limit = new RateLimiter.Limit(2, Duration.ofMillis(300));
        String key = "SIGN_IN|203.0.113." + (int) (Math.random() * 250);
        String id = "limit:" + Hashing.sha256Hex("2/300|" + key);
        assertThat(limiter.tryConsume(key, limit).allowed()).isTrue();
        assertThat(limiter.tryConsume(key, limit).allowed()).isTrue();
        assertThat(limiter.tryConsume(key, limit).allowed()).isFalse();
        assertThat(rows(id)).isEqualTo(1);
        // not yet full: the purge keeps it
        buckets.purgeExpired();
        assertThat(rows(id)).isEqualTo(1);
        Thread.sleep(450);
        // full again (2 tokens per 300 ms): nothing in it to remember, the purge deletes it
        assertThat(buckets.purgeExpired()).isPositive();
        assertThat(rows(id)).isZero();
        // and a fresh bucket starts full
        assertThat(limiter.tryConsume(key, limit).allowed()).isTrue();
        assertThat(limiter.tryConsume(key, limit).allowed()).isTrue();
    }

    private long rows(String id) {
        return jdbc.sql("select count(*) from rate_bucket where id = ?").param(id).query(Long.class).single();
    }
}
