package org.fairsend.accounts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Voice settings of the accounts module (README, "Settings").
 *
 * @param platformCallerNumber the platform's own caller number, shown by voice campaigns of accounts without
 *     a declared number; it must satisfy the same rules; blank: such campaigns are blocked
 */
@ConfigurationProperties("fairsend.voice")
record CallerNumberProperties(String platformCallerNumber) {

    CallerNumberProperties {
        platformCallerNumber = platformCallerNumber == null || platformCallerNumber.isBlank() ? null : platformCallerNumber.strip();
    }
}
