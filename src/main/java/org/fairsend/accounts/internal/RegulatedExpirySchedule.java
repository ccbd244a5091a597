package org.fairsend.accounts.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.accounts.RegulatedAccounts;
import org.fairsend.platform.cluster.JobLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The regulated-account expiry job (issue 19): every {@code fairsend.regulated.expiry-interval} (default 1 hour), on one
 * node of the cluster (lock {@value JobLocks#REGULATED_EXPIRY}: two nodes would mail the same warning), records the
 * approvals whose last day has passed as expired and mails the accounts whose approval ends within the policy's
 * {@code regulatedAccounts.expiryWarningDays}. The refusal itself does not wait for it: an approval past its last day
 * lifts nothing (the application's clock decides at every preflight). The operator may run it at once
 * ({@code POST /api/operator/regulated/expiry/run}).
 */
@Component
class RegulatedExpirySchedule {

    private static final Logger log = LoggerFactory.getLogger(RegulatedExpirySchedule.class);

    private final RegulatedAccounts regulated;

    RegulatedExpirySchedule(RegulatedAccounts regulated) {
        this.regulated = regulated;
    }

    @Scheduled(fixedDelayString = "${fairsend.regulated.expiry-interval:1h}", initialDelayString = "${fairsend.regulated.expiry-interval:1h}")
    @SchedulerLock(name = JobLocks.REGULATED_EXPIRY, lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
    void scheduled() {
        var run = regulated.runExpiry();
        if (run.warned() + run.expired() > 0) log.info("regulated approvals: {} expired, {} accounts warned", run.expired(), run.warned());
    }
}
