package org.fairsend.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Sign-in throttling per user and IP address: after {@code maxFailures} failed attempts the pair is locked
 * out for {@code lockout}, doubled at each further failure up to {@code maxLockout}; a successful sign-in
 * clears it. Another IP address is not locked out, so an attacker cannot lock a user out of their own
 * network. Kept in memory per node: a node restart forgets lockouts (the bcrypt cost still bounds guessing).
 */
@Component
class SignInThrottle {

    private static final int MAX_ENTRIES = 100_000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignInThrottle.class);

    private record Entry(int failures, Instant lockedUntil, Instant lastFailure) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConsoleProperties props;
    private final Clock clock;

    SignInThrottle(ConsoleProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
    }

    private static String key(String user, String ip) {
        return (user == null ? "" : user.strip().toLowerCase(Locale.ROOT)) + "|" + (ip == null ? "" : ip);
    }

    /** Until when the pair is locked out, or null when it may try now. */
    Instant lockedUntil(String user, String ip) {
        Entry e = entries.get(key(user, ip));
        if (e == null || e.lockedUntil() == null || !e.lockedUntil().isAfter(clock.instant())) return null;
        return e.lockedUntil();
    }

    void failed(String user, String ip) {
        Instant now = clock.instant();
        if (entries.size() > MAX_ENTRIES) entries.entrySet().removeIf(x -> x.getValue().lastFailure().isBefore(now.minus(props.maxLockout())));
        entries.compute(key(user, ip), (k, old) -> {
            int failures = old == null ? 1 : old.failures() + 1;
            Instant until = null;
            if (failures >= props.maxFailures()) {
                int doublings = Math.min(failures - props.maxFailures(), 30);
                Duration d = props.lockout().multipliedBy(1L << doublings);
                if (d.compareTo(props.maxLockout()) > 0) d = props.maxLockout();
                until = now.plus(d);
            }
            if (until != null) log.warn("console sign-in of {} from {} locked out until {} after {} failures", user, ip, until, failures);
            return new Entry(failures, until, now);
        });
    }

    void succeeded(String user, String ip) {
        entries.remove(key(user, ip));
    }
}
