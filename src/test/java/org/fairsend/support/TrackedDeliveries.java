package org.fairsend.support;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Past tracked marketing emails as delivery records them (a run with the open pixel, one sent message per contact),
 * for hygiene tests that need a contact's history without sending months of campaigns;
 * {@code campaigns.EngagementHygieneTest} builds the same history with real campaigns.
 */
public final class TrackedDeliveries {

    private TrackedDeliveries() {}

    /** {@code runs} tracked emails, sent {@code ago}, to every contact of the account with an email joined before {@code joinedBefore}. */
    public static void sent(JdbcClient jdbc, UUID account, int runs, Duration ago, Instant joinedBefore) {
        Timestamp at = Timestamp.from(Instant.now().minus(ago));
        for (int k = 0; k < runs; k++) {
            UUID run = UUID.randomUUID();
            jdbc.sql("""
                    insert into delivery_run (campaign_id, account_id, channel, kind, label, state, template, trackable, updated_at)
                    values (?, ?, 'email', 'marketing', 'past letter', 'done', '{}', true, ?)""").params(run, account, at).update();
            jdbc.sql("""
                    insert into outbound_message (account_id, campaign_id, channel, contact_id, recipient, status, next_attempt_at,
                        created_at, finished_at)
                    select c.account_id, ?, 'email', c.id, c.email, 'sent', ?, ?, ? from contact c
                    where c.account_id = ? and c.email is not null and c.created_at < ?""")
                    .params(run, at, at, at, account, Timestamp.from(joinedBefore)).update();
        }
    }
}
