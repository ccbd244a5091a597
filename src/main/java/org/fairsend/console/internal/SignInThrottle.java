package org.fairsend.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
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
 * {@code maxLockout} starts again from zero. Kept in memory per node for now: a restart
 * forgets lockouts, and each node counts its own failures (the bcrypt cost still bounds guessing).
 */
@Component
class SignInThrottle {

    private static final int MAX_ENTRIES = 100_000;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignInThrottle.class);

    /** What a counter counts; each has its own failure threshold. */
    private enum Dimension { USER_AND_ADDRESS, USER, ADDRESS }

    private record Entry(int failures, Instant lockedUntil, Instant lastFailure) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConsoleProperties props;
    private final Clock clock;

    SignInThrottle(ConsoleProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
    }

    private static String user(String user) {
        return user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    }

    private static String key(Dimension d, String user, String ip) {
        String address = ip == null ? "" : ip;
        return switch (d) {
            case USER_AND_ADDRESS -> "p|" + user(user) + "|" + address;
            case USER -> "u|" + user(user);
            case ADDRESS -> "a|" + address;
        };
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
        return Stream.of(Dimension.values()).map(d -> entries.get(key(d, user, ip)))
                .filter(e -> e != null && e.lockedUntil() != null && e.lockedUntil().isAfter(now))
                .map(Entry::lockedUntil).max(Instant::compareTo).orElse(null);
    }

    void failed(String user, String ip) {
        Instant now = clock.instant();
        if (entries.size() > MAX_ENTRIES) entries.entrySet().removeIf(x -> x.getValue().lastFailure().isBefore(now.minus(props.maxLockout())));
        for (Dimension d : Dimension.values()) {
            entries.compute(key(d, user, ip), (k, old) -> {
                // a counter forgets failures older than the longest lockout, so an office's address does not add up
                // typing mistakes over weeks
                boolean fresh = old == null || old.lastFailure().isBefore(now.minus(props.maxLockout()));
                int failures = fresh ? 1 : old.failures() + 1;
                Instant until = null;
                if (failures >= threshold(d)) {
                    int doublings = Math.min(failures - threshold(d), 30);
                    Duration wait = props.lockout().multipliedBy(1L << doublings);
                    if (wait.compareTo(props.maxLockout()) > 0) wait = props.maxLockout();
                    until = now.plus(wait);
                    log.warn("console sign-in locked out until {} ({} failures, {}): user {} from {}", until, failures, d, user, ip);
                }
                return new Entry(failures, until, now);
            });
        }
    }

    void succeeded(String user, String ip) {
        entries.remove(key(Dimension.USER_AND_ADDRESS, user, ip));
        entries.remove(key(Dimension.USER, user, ip));
    }
}
