package org.fairsend.console.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fairsend.platform.Hashing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sign-in throttling in three dimensions, each locked out after its own number of failures for {@code lockout},
 * doubled at each further failure up to {@code maxLockout}:
 * <ul>
 *   <li>one user from one IP address ({@code maxFailures}): the ordinary guesser;</li>
 *   <li>one user from any address ({@code maxFailuresPerUser}, higher): guessing spread over many addresses. It
 *       locks the user out everywhere, which is why it needs more failures than one address alone can make before
 *       that address is locked out;</li>
 *   <li>one address for any users ({@code maxFailuresPerAddress}): one address trying many users.</li>
 * </ul>
 * A successful sign-in clears its user-and-address and its user counters, never the address counter (an attacker
 * signing in to an account of their own between guesses gains nothing); a counter whose last failure is older than
 * {@code maxLockout} starts again from zero.
 *
 * <p>Issue 18: the counters are rows of {@code console_sign_in_failure} (V111), shared by every node, so a lockout
 * earned on one node holds on all of them and survives a restart, and N nodes give an attacker no more guesses than
 * one. Each failure is one atomic increment per counter (concurrent failures on several nodes all count); a row keeps
 * only the SHA-256 of its key. The same statements run on H2. Rows older than {@code maxLockout} count for nothing
 * and are purged.
 */
@Component
class SignInThrottle {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignInThrottle.class);

    /** What a counter counts; each has its own failure threshold. */
    private enum Dimension { USER_AND_ADDRESS, USER, ADDRESS }

    private final ConsoleProperties props;
    private final Clock clock;
    private final JdbcClient jdbc;

    SignInThrottle(ConsoleProperties props, Clock clock, JdbcClient jdbc) {
        this.props = props;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    private static String user(String user) {
        return user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    }

    /** The counter's row: the SHA-256 of its key (the key holds the user's address and the source address). */
    private static String key(Dimension d, String user, String ip) {
        String address = ip == null ? "" : ip;
        return Hashing.sha256Hex(switch (d) {
            case USER_AND_ADDRESS -> "p|" + user(user) + "|" + address;
            case USER -> "u|" + user(user);
            case ADDRESS -> "a|" + address;
        });
    }

    private int threshold(Dimension d) {
        return switch (d) {
            case USER_AND_ADDRESS -> props.maxFailures();
            case USER -> props.maxFailuresPerUser();
            case ADDRESS -> props.maxFailuresPerAddress();
        };
    }

    /** Until when a sign-in of the user from the address is locked out (the latest of the three), or null when it may try now. */
    Instant lockedUntil(String user, String ip) {
        Instant now = clock.instant();
        List<String> keys = Stream.of(Dimension.values()).map(d -> key(d, user, ip)).toList();
        return jdbc.sql("""
                select max(locked_until) from console_sign_in_failure
                where key_hash in (:keys) and locked_until > :now""")
                .param("keys", keys).param("now", Timestamp.from(now))
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
    }

    void failed(String user, String ip) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        // a counter forgets failures older than the longest lockout, so an office's address does not add up typing
        // mistakes over weeks
        Timestamp forgotten = Timestamp.from(now.minus(props.maxLockout()));
        for (Dimension d : Dimension.values()) {
            String key = key(d, user, ip);
            // insert-if-absent then an atomic increment: both nodes' failures count when they race (H2 and PostgreSQL)
            jdbc.sql("insert into console_sign_in_failure (key_hash, failures, last_failure) values (?, 0, ?) on conflict do nothing")
                    .params(key, at).update();
            jdbc.sql("""
                    update console_sign_in_failure
                    set failures = case when last_failure < ? then 1 else failures + 1 end, last_failure = ?
                    where key_hash = ?""").params(forgotten, at, key).update();
            Integer failures = jdbc.sql("select failures from console_sign_in_failure where key_hash = ?").param(key)
                    .query(Integer.class).optional().orElse(0);
            if (failures >= threshold(d)) {
                int doublings = Math.min(failures - threshold(d), 30);
                Duration wait = props.lockout().multipliedBy(1L << doublings);
                if (wait.compareTo(props.maxLockout()) > 0) wait = props.maxLockout();
                Timestamp until = Timestamp.from(now.plus(wait));
                // never shortens a lockout another node set meanwhile
                jdbc.sql("""
                        update console_sign_in_failure
                        set locked_until = case when locked_until is null or locked_until < ? then ? else locked_until end
                        where key_hash = ?""").params(until, until, key).update();
                log.warn("console sign-in locked out until {} ({} failures, {}): user {} from {}", until.toInstant(), failures, d, user, ip);
            }
        }
    }

    void succeeded(String user, String ip) {
        jdbc.sql("delete from console_sign_in_failure where key_hash in (:keys)")
                .param("keys", List.of(key(Dimension.USER_AND_ADDRESS, user, ip), key(Dimension.USER, user, ip))).update();
    }

    /** Deletes the counters that count for nothing any more: last failure older than the longest lockout, lockout over. */
    @Scheduled(fixedDelayString = "${fairsend.console.sign-in-purge-interval:10m}", initialDelayString = "${fairsend.console.sign-in-purge-interval:10m}")
    int purge() {
        Instant now = clock.instant();
        return jdbc.sql("""
                delete from console_sign_in_failure
                where last_failure < ? and (locked_until is null or locked_until < ?)""")
                .params(Timestamp.from(now.minus(props.maxLockout())), Timestamp.from(now)).update();
    }
}
