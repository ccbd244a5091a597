package org.fairsend.platform.cluster;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.FairsendProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Crash recovery of the event publication registry, once for the cluster (issue 18, lock
 * {@value JobLocks#EVENT_RESUBMISSION}). Spring Modulith's {@code republish-outstanding-events-on-restart} is off: a
 * node that restarted would resubmit every incomplete publication, including those other live nodes are processing right
 * now. Instead, every {@code fairsend.events.resubmit-interval}, one node resubmits the publications still incomplete
 * {@code fairsend.events.resubmit-after} after they were published (or last resubmitted): those of a listener that failed
 * or of a node that died mid-way. The setting must exceed the longest a listener runs; a resubmission that itself never
 * completed (its node died) is tried again after the same delay.
 */
@Component
class EventResubmission {

    private static final Logger log = LoggerFactory.getLogger(EventResubmission.class);

    private final IncompleteEventPublications publications;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration after;
    private final boolean enabled;

    EventResubmission(IncompleteEventPublications publications, JdbcClient jdbc, Clock clock,
            @Value("${fairsend.events.resubmit-after:5m}") Duration after, FairsendProperties props) {
        this.publications = publications;
        this.jdbc = jdbc;
        this.clock = clock;
        this.after = after;
        this.enabled = !props.cli();
    }

    @Scheduled(fixedDelayString = "${fairsend.events.resubmit-interval:1m}", initialDelayString = "${fairsend.events.resubmit-interval:1m}")
    @SchedulerLock(name = JobLocks.EVENT_RESUBMISSION, lockAtMostFor = "PT10M", lockAtLeastFor = "PT10S")
    void scheduled() {
        if (enabled) resubmit();
    }

    /** Resubmits the publications incomplete for longer than {@code resubmit-after}; how many. */
    int resubmit() {
        Instant before = clock.instant().minus(after);
        // a resubmission whose node died stays RESUBMITTED, which Modulith never resubmits again: it failed
        jdbc.sql("update event_publication set status = 'FAILED' where status = 'RESUBMITTED' and completion_date is null and last_resubmission_date < ?")
                .param(Timestamp.from(before)).update();
        AtomicInteger n = new AtomicInteger();
        publications.resubmitIncompletePublications(p -> {
            // Modulith sets the last resubmission to the publication date when it stores a publication
            Instant last = p.getLastResubmissionDate() != null ? p.getLastResubmissionDate() : p.getPublicationDate();
            boolean stale = last.isBefore(before);
            if (stale) n.incrementAndGet();
            return stale;
        });
        if (n.get() > 0) log.info("resubmitted {} event publication(s) incomplete for more than {}", n.get(), after);
        return n.get();
    }
}
