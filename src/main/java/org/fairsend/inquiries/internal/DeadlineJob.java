package org.fairsend.inquiries.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.inquiries.EvidenceRequests;
import org.fairsend.platform.cluster.JobLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks the evidence requests' deadlines (seed 002 §1.2) against the application's clock every
 * {@code fairsend.inquiries.deadline-check} (default 1 minute): reminders due, overdue requests' channels suspended.
 * Only in {@code serve} mode, on one node of the cluster (issue 18, lock {@value JobLocks#EVIDENCE_DEADLINES}); every
 * change is also conditional on the state it was read in, so a second run never repeats one.
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class DeadlineJob {

    private static final Logger log = LoggerFactory.getLogger(DeadlineJob.class);

    private final EvidenceRequests requests;

    DeadlineJob(EvidenceRequests requests) {
        this.requests = requests;
    }

    @Scheduled(fixedDelayString = "${fairsend.inquiries.deadline-check:1m}", initialDelayString = "${fairsend.inquiries.deadline-check:1m}")
    @SchedulerLock(name = JobLocks.EVIDENCE_DEADLINES, lockAtMostFor = "PT10M", lockAtLeastFor = "PT10S")
    void check() {
        try {
            int n = requests.checkDeadlines();
            if (n > 0) log.info("evidence requests: {} reminder(s) or suspension(s)", n);
        } catch (RuntimeException e) {
            log.error("checking the evidence requests' deadlines failed", e);
        }
    }
}
