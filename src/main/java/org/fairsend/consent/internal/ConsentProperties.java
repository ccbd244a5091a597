package org.fairsend.consent.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the consent module.
 *
 * @param confirmationTtl how long a double opt-in confirmation link stays valid (default 7 days)
 */
@ConfigurationProperties("fairsend.consent")
record ConsentProperties(Duration confirmationTtl) {

    ConsentProperties {
        if (confirmationTtl == null || confirmationTtl.isNegative() || confirmationTtl.isZero()) {
            confirmationTtl = Duration.ofDays(7);
        }
    }
}
