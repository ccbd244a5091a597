package org.fairsend.feedback.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges the raw copy of inbound mail after {@code fairsend.feedback.inbound.retention} (default 30 days): the
 * message and its envelope sender are nulled, the outcome row stays (what it was, what it changed) for the evidence
 * pack. Runs on every node every {@code purge-interval}; the purge is idempotent.
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
