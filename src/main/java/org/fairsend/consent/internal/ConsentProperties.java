package org.fairsend.consent.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the consent module.
 *
 * @param confirmationTtl how long a double opt-in confirmation link stays valid (default 7 days)
 * @param minFillTime when set, the minimum fill time of a hosted form on this node instead of the policy's
 *     {@code forms.minFillSeconds} (whole seconds): for tests and demonstrations, so that they need not wait seconds per
 *     form. It cannot switch the check off: a submission still needs a signed fill token at least this old (issue 15)
 */
@ConfigurationProperties("fairsend.consent")
record ConsentProperties(Duration confirmationTtl, Duration minFillTime) {

    ConsentProperties {
        if (confirmationTtl == null || confirmationTtl.isNegative() || confirmationTtl.isZero()) {
            confirmationTtl = Duration.ofDays(7);
        }
        if (minFillTime != null && (minFillTime.isNegative() || minFillTime.compareTo(Duration.ofMillis(100)) < 0)) {
            minFillTime = Duration.ofMillis(100);
        }
    }
}
