package org.fairsend.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the shared buckets that are full again (issue 18), so the table holds only the buckets in use and nothing
 * stays behind a node that died. Safe on every node at once: each deletes the rows it could lock (SKIP LOCKED), and
 * deleting a full bucket changes no limit.
 */
@Component
class BucketPurge {

    private static final Logger log = LoggerFactory.getLogger(BucketPurge.class);

    private final Buckets buckets;

    BucketPurge(Buckets buckets) {
        this.buckets = buckets;
    }

    @Scheduled(fixedDelayString = "${fairsend.limits.purge-interval:1m}", initialDelayString = "${fairsend.limits.purge-interval:1m}")
    void purge() {
        try {
            int n = buckets.purgeExpired();
            if (n > 0) log.debug("rate buckets: {} expired removed", n);
        } catch (RuntimeException e) {
            log.warn("rate buckets: purging the expired ones failed; next time", e);
        }
    }
}
