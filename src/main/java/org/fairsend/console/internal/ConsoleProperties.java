package org.fairsend.console.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Console settings.
 *
 * @param bcryptStrength the bcrypt cost of stored passwords (log2 rounds; 12 by default)
 * @param maxFailures failed sign-ins of one user from one IP address before that pair is locked out
 * @param maxFailuresPerUser failed sign-ins of one user, from any address, before the user is locked out everywhere
 *     (slow guessing spread over many addresses); higher than {@code maxFailures}, so one address alone cannot lock a
 *     user out of their own network
 * @param maxFailuresPerAddress failed sign-ins from one IP address, for any users, before the address is locked out
 *     (one address trying many users)
 * @param lockout the first lockout; each further failure doubles it, up to {@code maxLockout}
 * @param maxLockout the longest lockout
 */
@ConfigurationProperties("fairsend.console")
record ConsoleProperties(Integer bcryptStrength, Integer maxFailures, Integer maxFailuresPerUser, Integer maxFailuresPerAddress,
        Duration lockout, Duration maxLockout) {

    ConsoleProperties {
        if (bcryptStrength == null) bcryptStrength = 12;
        if (maxFailures == null) maxFailures = 5;
        if (maxFailuresPerUser == null) maxFailuresPerUser = 20;
        if (maxFailuresPerAddress == null) maxFailuresPerAddress = 50;
        if (lockout == null) lockout = Duration.ofMinutes(1);
        if (maxLockout == null) maxLockout = Duration.ofHours(1);
    }
}
