package org.fairsend.console.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Console settings.
 *
 * @param bcryptStrength the bcrypt cost of stored passwords (log2 rounds; 12 by default)
 * @param maxFailures failed sign-ins of one user from one IP address before it is locked out
 * @param lockout the first lockout; each further failure doubles it, up to {@code maxLockout}
 * @param maxLockout the longest lockout
 */
@ConfigurationProperties("fairsend.console")
record ConsoleProperties(Integer bcryptStrength, Integer maxFailures, Duration lockout, Duration maxLockout) {

    ConsoleProperties {
        if (bcryptStrength == null) bcryptStrength = 12;
        if (maxFailures == null) maxFailures = 5;
        if (lockout == null) lockout = Duration.ofMinutes(1);
        if (maxLockout == null) maxLockout = Duration.ofHours(1);
    }
}
