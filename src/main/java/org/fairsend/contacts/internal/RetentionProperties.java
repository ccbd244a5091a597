package org.fairsend.contacts.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retention of prospects' data.
 *
 * @param prospectYears how long a prospect is kept after collection or their last own contact (a click, a
 *     form, a consent; not an open); default 3
 * @param graceDays how long a flagged prospect stays before being purged (time to re-engage); default 30
 * @param cron when the job runs in {@code serve} mode; default every day at 03:15
 */
@ConfigurationProperties("fairsend.retention")
record RetentionProperties(Integer prospectYears, Integer graceDays, String cron) {
    RetentionProperties {
        if (prospectYears == null) prospectYears = 3;
        if (graceDays == null) graceDays = 30;
        if (cron == null || cron.isBlank()) cron = "0 15 3 * * *";
        if (prospectYears < 1) throw new IllegalArgumentException("fairsend.retention.prospect-years must be at least 1");
        if (graceDays < 0) throw new IllegalArgumentException("fairsend.retention.grace-days cannot be negative");
    }
}
