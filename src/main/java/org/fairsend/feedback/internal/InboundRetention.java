package org.fairsend.feedback.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.cluster.JobLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges the raw copy of inbound mail after {@code fairsend.feedback.inbound.retention} (default 30 days): the
 * message and its envelope sender are nulled, the outcome row stays (what it was, what it changed) for the evidence
 * pack. Runs every {@code purge-interval} on one node of the cluster (issue 18, lock {@value JobLocks#INBOUND_PURGE}).
 */
@Component
class InboundRetention {

    private static final Logger log = LoggerFactory.getLogger(InboundRetention.class);

    private final InboundStore store;
    private final FeedbackProperties props;

    InboundRetention(InboundStore store, FeedbackProperties props) {
        this.store = store;
        this.props = props;
    }

    @Scheduled(fixedDelayString = "${fairsend.feedback.inbound.purge-interval:1h}",
            initialDelayString = "${fairsend.feedback.inbound.purge-interval:1h}")
    @SchedulerLock(name = JobLocks.INBOUND_PURGE, lockAtMostFor = "PT30M", lockAtLeastFor = "PT5M")
    void scheduled() {
        purge();
    }

    /** @return how many messages were purged */
    int purge() {
        int n = store.purgeOlderThan(props.inbound().retention());
        if (n > 0) log.info("purged the raw copy of {} inbound messages older than {}", n, props.inbound().retention());
        return n;
    }
}
