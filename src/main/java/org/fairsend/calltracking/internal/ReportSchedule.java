package org.fairsend.calltracking.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.cluster.JobLocks;
import org.fairsend.policy.PolicyTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends the recurring reports on {@code fairsend.calltracking.report-cron}, read in the policy's time zone
 * ({@link PolicyTime#cron}, so a change of that zone applies without a restart), only in {@code serve} mode, on one
 * node of the cluster (issue 18, lock {@value JobLocks#CALLTRACKING_REPORTS}).
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class ReportSchedule implements SchedulingConfigurer {

    private final RecurringReports reports;
    private final PolicyTime time;
    private final CalltrackingProperties props;
    private final ObjectProvider<ReportSchedule> self;

    ReportSchedule(RecurringReports reports, PolicyTime time, CalltrackingProperties props, ObjectProvider<ReportSchedule> self) {
        this.reports = reports;
        this.self = self;
        this.time = time;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(() -> self.getObject().send(), time.cron(props.reportCron())); // through the proxy: the lock applies
    }

    /** Held at least 5 minutes: a node whose clock is a little behind does not run the same reports again. */
    @SchedulerLock(name = JobLocks.CALLTRACKING_REPORTS, lockAtMostFor = "PT30M", lockAtLeastFor = "PT5M")
    void send() {
        reports.runDue();
    }
}
