package org.fairsend.contacts.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.cluster.JobLocks;
import org.fairsend.policy.PolicyTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the retention job on its schedule, {@code fairsend.retention.cron} read in the policy's time zone
 * ({@link PolicyTime#cron}), only in {@code serve} mode (not in CLI runs or tests), on one node of the cluster
 * (issue 18, lock {@value JobLocks#RETENTION}: two nodes would erase the same contacts at once).
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class RetentionSchedule implements SchedulingConfigurer {

    private final RetentionService retention;
    private final PolicyTime time;
    private final String cron;
    private final ObjectProvider<RetentionSchedule> self;

    RetentionSchedule(RetentionService retention, PolicyTime time, @Value("${fairsend.retention.cron:0 15 3 * * *}") String cron,
            ObjectProvider<RetentionSchedule> self) {
        this.retention = retention;
        this.self = self;
        this.time = time;
        this.cron = cron;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(() -> self.getObject().daily(), time.cron(cron)); // through the proxy: the lock applies
    }

    /** Held at least 5 minutes: a node whose clock is a little behind does not run the day's job again. */
    @SchedulerLock(name = JobLocks.RETENTION, lockAtMostFor = "PT30M", lockAtLeastFor = "PT5M")
    void daily() {
        retention.run();
    }
}
