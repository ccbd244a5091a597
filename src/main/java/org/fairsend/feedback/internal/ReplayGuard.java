package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fairsend.accounts.Integration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.cluster.JobLocks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The webhook replay cache (issue 13): a provider's one-time value (an SNS MessageId, a Mailgun token, the
 * signature of a signed SMS reply) is claimed once per account in {@code webhook_replay}, whose primary key makes the
 * claim hold across nodes and restarts. A claim lasts longer than the timestamp window of its webhook, so by the time
 * it is purged a replay of the same call is refused as stale anyway. Claim inside the transaction that stores the
 * call: a call that fails before it is stored leaves no claim, and the provider's retry is processed.
 */
@Component
class ReplayGuard {

    private final JdbcClient jdbc;
    private final Clock clock;

    ReplayGuard(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * True the first time {@code value} is seen for this integration and account within {@code window} (the claim is
     * kept twice as long: a timestamp window reaches both ways); false for a replay.
     */
    boolean firstTime(Integration integration, UUID accountId, String value, Duration window) {
        String key = Hashing.sha256Hex(accountId + "\n" + value);
        Instant now = clock.instant();
        Timestamp expires = Timestamp.from(now.plus(window.multipliedBy(2)));
        if (jdbc.sql("insert into webhook_replay (integration, replay_key, expires_at) values (?, ?, ?) on conflict do nothing")
                .params(integration.key(), key, expires).update() == 1) {
            return true;
        }
        // an expired claim not purged yet does not count
        return jdbc.sql("update webhook_replay set expires_at = ? where integration = ? and replay_key = ? and expires_at < ?")
                .params(expires, integration.key(), key, Timestamp.from(now)).update() == 1;
    }

    /** Purges expired claims, on one node of the cluster (issue 18, lock {@value JobLocks#REPLAY_PURGE}). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @SchedulerLock(name = JobLocks.REPLAY_PURGE, lockAtMostFor = "PT10M", lockAtLeastFor = "PT5M")
    void purge() {
        jdbc.sql("delete from webhook_replay where expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }
}
