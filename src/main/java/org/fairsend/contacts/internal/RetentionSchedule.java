package org.fairsend.contacts.internal;

import org.fairsend.policy.PolicyTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the retention job on its schedule, {@code fairsend.retention.cron} read in the policy's time zone
 * ({@link PolicyTime#cron}), only in {@code serve} mode (not in CLI runs or tests).
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class RetentionSchedule implements SchedulingConfigurer {

    private final RetentionService retention;
    private final PolicyTime time;
    private final String cron;

    RetentionSchedule(RetentionService retention, PolicyTime time, @Value("${fairsend.retention.cron:0 15 3 * * *}") String cron) {
        this.retention = retention;
        this.time = time;
        this.cron = cron;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(this::daily, time.cron(cron));
    }

    void daily() {
        retention.run();
    }
}
