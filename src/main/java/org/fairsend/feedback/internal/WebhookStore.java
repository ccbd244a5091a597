package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The provider webhooks' own tables: the SNS topics an account accepts SES notifications from ({@code sns_topic},
 * V75) and the SendGrid verification keys set before integration secrets existed ({@code webhook_key}, V16).
 */
@Repository
class WebhookStore {

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean topicAllowed(UUID accountId, String topicArn) {
        return jdbc.sql("select count(*) from sns_topic where account_id = ? and topic_arn = ?")
                .params(accountId, topicArn).query(Long.class).single() > 0;
    }

    List<String> topics(UUID accountId) {
        return jdbc.sql("select topic_arn from sns_topic where account_id = ? order by topic_arn").param(accountId).query(String.class).list();
    }

    /** Replaces the account's topics (in the caller's transaction). */
    void replaceTopics(UUID accountId, Collection<String> arns, Instant at) {
        jdbc.sql("delete from sns_topic where account_id = ?").param(accountId).update();
        for (String arn : arns) {
            jdbc.sql("insert into sns_topic (account_id, topic_arn, added_at) values (?, ?, ?)")
                    .params(accountId, arn, Timestamp.from(at)).update();
        }
    }

    /** The account's SendGrid key from before integration secrets (base64 DER), if it set one. */
    List<String> legacySendGridKeys(UUID accountId) {
        return jdbc.sql("select public_key from webhook_key where account_id = ? and provider = 'sendgrid'").param(accountId)
                .query(String.class).list();
    }
}
