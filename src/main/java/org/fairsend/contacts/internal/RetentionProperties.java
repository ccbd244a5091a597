package org.fairsend.contacts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retention of prospects' data.
 *
 * <p>The period itself is policy ({@code retention.prospectYears}, default 3 years, see the policy API).
 *
 * @param graceDays how long a flagged prospect stays before being purged (time to re-engage); default 30
 * @param cron when the job runs in {@code serve} mode; default every day at 03:15
 */
@ConfigurationProperties("fairsend.retention")
record RetentionProperties(Integer graceDays, String cron) {
    RetentionProperties {
        if (graceDays == null) graceDays = 30;
        if (cron == null || cron.isBlank()) cron = "0 15 3 * * *";
        if (graceDays < 0) throw new IllegalArgumentException("fairsend.retention.grace-days cannot be negative");
    }
}
