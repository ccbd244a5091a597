package org.fairsend.calltracking.internal;

import org.fairsend.policy.PolicyTime;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends the recurring reports on {@code fairsend.calltracking.report-cron}, read in the policy's time zone
 * ({@link PolicyTime#cron}, so a change of that zone applies without a restart), only in {@code serve} mode.
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class ReportSchedule implements SchedulingConfigurer {

    private final RecurringReports reports;
    private final PolicyTime time;
    private final CalltrackingProperties props;

    ReportSchedule(RecurringReports reports, PolicyTime time, CalltrackingProperties props) {
        this.reports = reports;
        this.time = time;
        this.props = props;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(this::send, time.cron(props.reportCron()));
    }

    void send() {
        reports.runDue();
    }
}
