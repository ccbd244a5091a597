package org.fairsend.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.fairsend.support.NodePool;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: the console's sign-in throttle is shared by every node. Two throttles, as two nodes build them, each on a
 * connection pool of its own against the same PostgreSQL: a lockout earned on one holds on the other, failures made on
 * both add up, and counters that count for nothing any more are purged.
 */
@PostgresTest
class SharedSignInThrottleTest {

    private static HikariDataSource poolA;
    private static HikariDataSource poolB;

    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void pools(@Autowired javax.sql.DataSource app) throws Exception {
        poolA = NodePool.against(app, "node-a", 2);
        poolB = NodePool.against(app, "node-b", 2);
    }

    @AfterAll
    static void close() {
        poolA.close();
        poolB.close();
    }

    /** 3 failures of a user from one address, 6 of a user, 50 of an address; a first lockout of a minute, at most an hour. */
    private static final ConsoleProperties PROPS = new ConsoleProperties(4, 3, 6, 50, Duration.ofMinutes(1), Duration.ofHours(1));

    private static SignInThrottle node(HikariDataSource pool, Clock clock) {
        return new SignInThrottle(PROPS, clock, JdbcClient.create(pool));
    }

    private static String someone() {
        return "guessed-" + UUID.randomUUID() + "@boulangerie-test.fr";
    }

    @Test
    void aLockoutEarnedOnOneNodeHoldsOnTheOther() {
        var a = node(poolA, Clock.systemUTC());
        var b = node(poolB, Clock.systemUTC());
        String user = someone();
        String ip = "203.0.113.50";
        for (int i = 0; i < 3; i++) a.failed(user, ip);
        Instant until = b.lockedUntil(user, ip);
        assertThat(until).isNotNull().isAfter(Instant.now().plusSeconds(50)).isBefore(Instant.now().plusSeconds(61));
        // the user from another address is not locked out (3 of the user's 6)
        assertThat(b.lockedUntil(user, "203.0.113.51")).isNull();
        // one more failure on the other node doubles it
        b.failed(user, ip);
        assertThat(a.lockedUntil(user, ip)).isAfter(Instant.now().plusSeconds(110));
    }

    @Test
    void failuresOnBothNodesAddUp() {
        var a = node(poolA, Clock.systemUTC());
        var b = node(poolB, Clock.systemUTC());
        String user = someone();
        String ip = "203.0.113.60";
        // two on one node, one on the other: alone, neither node would have locked it out (3 needed)
        a.failed(user, ip);
        b.failed(user, ip);
        assertThat(a.lockedUntil(user, ip)).isNull();
        a.failed(user, ip);
        assertThat(a.lockedUntil(user, ip)).isNotNull();
        assertThat(b.lockedUntil(user, ip)).isNotNull();
        // spread over many addresses, on both nodes, the user is locked out everywhere after 6
        String other = someone();
        for (int i = 0; i < 6; i++) (i % 2 == 0 ? a : b).failed(other, "198.51.100." + (70 + i));
        assertThat(b.lockedUntil(other, "198.51.100.99")).isNotNull();
    }

    @Test
    void aSuccessOnOneNodeClearsTheUsersCountersOnTheOther() {
        var a = node(poolA, Clock.systemUTC());
        var b = node(poolB, Clock.systemUTC());
        String user = someone();
        String ip = "203.0.113.80";
        a.failed(user, ip);
        a.failed(user, ip);
        b.succeeded(user, ip);
        a.failed(user, ip);
        a.failed(user, ip);
        // 2 since the success, not 4
        assertThat(b.lockedUntil(user, ip)).isNull();
    }

    @Test
    void countersThatCountForNothingArePurgedAndLockoutsEnd() {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var a = node(poolA, Clock.fixed(start, ZoneOffset.UTC));
        String user = someone();
        String ip = "203.0.113.90";
        for (int i = 0; i < 3; i++) a.failed(user, ip);
        assertThat(a.lockedUntil(user, ip)).isNotNull();
        // two minutes on (on the other node): the one-minute lockout is over, the counters still count
        var later = node(poolB, Clock.fixed(start.plus(Duration.ofMinutes(2)), ZoneOffset.UTC));
        assertThat(later.lockedUntil(user, ip)).isNull();
        later.purge();
        assertThat(rowsOf(start)).isEqualTo(3);
        // past the longest lockout: they count for nothing and go
        var muchLater = node(poolB, Clock.fixed(start.plus(Duration.ofMinutes(61)), ZoneOffset.UTC));
        assertThat(muchLater.purge()).isGreaterThanOrEqualTo(3);
        assertThat(rowsOf(start)).isZero();
        // and no address or user name is stored in the rows
        assertThat(jdbc.sql("select count(*) from console_sign_in_failure where key_hash like '%@%' or key_hash like '%203.0.113%'")
                .query(Long.class).single()).isZero();
    }

    private long rowsOf(Instant at) {
        return jdbc.sql("select count(*) from console_sign_in_failure where last_failure = ?").param(java.sql.Timestamp.from(at))
                .query(Long.class).single();
    }
}
