package org.fairsend.calltracking.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends the recurring reports on {@code fairsend.calltracking.report-cron}, only in {@code serve} mode. */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class ReportSchedule {

    private final RecurringReports reports;

    ReportSchedule(RecurringReports reports) {
        this.reports = reports;
    }

    @Scheduled(cron = "${fairsend.calltracking.report-cron:0 0 7 * * *}", zone = "Europe/Paris")
    void send() {
        reports.runDue();
    }
}
