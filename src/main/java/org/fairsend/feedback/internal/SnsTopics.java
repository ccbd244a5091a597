package org.fairsend.feedback.internal;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.RuleViolation;
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

    /** The account's topics, as read and written by the API. */
    record TopicList(List<String> topicArns) {}

    private final WebhookStore store;
    private final Clock clock;

    SnsTopics(WebhookStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    boolean allowed(UUID accountId, String topicArn) {
        return topicArn != null && store.topicAllowed(accountId, topicArn);
    }

    @GetMapping("/api/integrations/ses/topics")
    TopicList get() {
        return new TopicList(store.topics(Caller.current().accountId()));
    }

    /** Replaces the account's list (an empty list refuses every SES notification). */
    @PutMapping("/api/integrations/ses/topics")
    @Transactional
    TopicList put(@RequestBody Topics request) {
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
        store.replaceTopics(account, arns, clock.instant());
        return new TopicList(store.topics(account));
    }
}
