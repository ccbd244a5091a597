package org.fairsend.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 18: crash recovery of event publications without republishing on restart. A publication left incomplete (its
 * listener's node died mid-way) is resubmitted by the job once older than {@code fairsend.events.resubmit-after}, and
 * completes; a recent incomplete one (perhaps being processed by another live node right now) is left alone.
 */
@PostgresTest
class EventResubmissionTest {

    @Autowired EventResubmission resubmission;
    @Autowired ResubmissionProbe probe;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    @Test
    void aPublicationLeftIncompleteIsResubmittedAndCompletedAndARecentOneIsLeftToItsNode() {
        UUID crashed = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        probe.fail(crashed);
        probe.fail(recent);
        tx.executeWithoutResult(s -> events.publishEvent(new ResubmissionProbe.Probe(crashed)));
        tx.executeWithoutResult(s -> events.publishEvent(new ResubmissionProbe.Probe(recent)));
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.calls(crashed) == 1 && probe.calls(recent) == 1);
        assertThat(completed(crashed)).isFalse();
        assertThat(completed(recent)).isFalse();
        // the first one's node died while processing it, ten minutes ago
        jdbc.sql("update event_publication set status = 'PROCESSING', publication_date = publication_date - interval '10' minute,"
                + " last_resubmission_date = last_resubmission_date - interval '10' minute"
                + " where serialized_event like ?").param("%" + crashed + "%").update();
        probe.recover(); // either would now complete if it ran again

        assertThat(resubmission.resubmit()).isPositive();

        await().atMost(Duration.ofSeconds(20)).until(() -> completed(crashed));
        assertThat(probe.calls(crashed)).isEqualTo(2);
        assertThat(probe.calls(recent)).as("younger than resubmit-after: not resubmitted").isEqualTo(1);
        assertThat(completed(recent)).isFalse();
        // nothing incomplete for that long any more: nothing resubmitted twice
        int before = probe.calls(crashed);
        resubmission.resubmit();
        assertThat(probe.calls(crashed)).isEqualTo(before);
    }

    private boolean completed(UUID id) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like ? and completion_date is not null")
                .param("%" + id + "%").query(Long.class).single() > 0;
    }
}
