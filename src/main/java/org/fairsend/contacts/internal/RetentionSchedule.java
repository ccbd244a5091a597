package org.fairsend.contacts.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the retention job on its schedule, only in {@code serve} mode (not in CLI runs or tests). */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class RetentionSchedule {

    private final RetentionService retention;

    RetentionSchedule(RetentionService retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "${fairsend.retention.cron:0 15 3 * * *}", zone = "Europe/Paris")
    void daily() {
        retention.run();
    }
}
