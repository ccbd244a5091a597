package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SNS topics an account accepts SES notifications from (issue 13). SNS signs every message with AWS's key, so a
 * valid signature only proves that AWS delivered it: anyone can create a topic in their own AWS account and subscribe
 * an account's webhook URL to it. Only the topics the account lists here count; until it lists one, its SES webhook
 * refuses every message.
 *
 * <pre>
 * GET /api/integrations/ses/topics           {"topicArns": [...]}
 * PUT /api/integrations/ses/topics           {"topicArns": ["arn:aws:sns:eu-west-1:123456789012:ses-feedback"]}
 * </pre>
 */
@RestController
class SnsTopics {

    /** {@code arn:aws:sns:<region>:<12-digit account>:<topic name>} (also the aws-cn and aws-us-gov partitions). */
    static final Pattern ARN = Pattern.compile("^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]{1,32}:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$");
    private static final int MAX_TOPICS = 20;

    record Topics(List<String> topicArns) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    SnsTopics(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean allowed(UUID accountId, String topicArn) {
        return topicArn != null && jdbc.sql("select count(*) from sns_topic where account_id = ? and topic_arn = ?")
                .params(accountId, topicArn).query(Long.class).single() > 0;
    }

    List<String> list(UUID accountId) {
        return jdbc.sql("select topic_arn from sns_topic where account_id = ? order by topic_arn").param(accountId).query(String.class).list();
    }

    @GetMapping("/api/integrations/ses/topics")
    Map<String, Object> get() {
        return Map.of("topicArns", list(Caller.current().accountId()));
    }

    /** Replaces the account's list (an empty list refuses every SES notification). */
    @PutMapping("/api/integrations/ses/topics")
    @Transactional
    Map<String, Object> put(@RequestBody Topics request) {
        if (request == null || request.topicArns() == null) {
            throw new RuleViolation("topicArns", "required", "the list of SNS topic ARNs SES notifications may come from");
        }
        Set<String> arns = new LinkedHashSet<>();
        for (String a : request.topicArns()) {
            String arn = a == null ? "" : a.strip();
            if (!ARN.matcher(arn).matches()) {
                throw new RuleViolation("topicArns", "sns-topic-arn", "not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>): " + a);
            }
            arns.add(arn);
        }
        if (arns.size() > MAX_TOPICS) throw new RuleViolation("topicArns", "size", "at most " + MAX_TOPICS + " topics");
        UUID account = Caller.current().accountId();
        jdbc.sql("delete from sns_topic where account_id = ?").param(account).update();
        for (String arn : arns) {
            jdbc.sql("insert into sns_topic (account_id, topic_arn, added_at) values (?, ?, ?)")
                    .params(account, arn, Timestamp.from(clock.instant())).update();
        }
        return Map.of("topicArns", list(account));
    }
}
