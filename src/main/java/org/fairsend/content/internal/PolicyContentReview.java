package org.fairsend.content.internal;

import java.util.List;
import org.fairsend.content.ContentReview;
import org.fairsend.content.EmailContent;
import org.fairsend.content.Finding;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.springframework.stereotype.Service;

/**
 * {@link ContentReview} under the policy in force: the lexicons are compiled once per policy version, so
 * an operator's change applies to the next review.
 */
@Service
class PolicyContentReview implements ContentReview {

    private record Compiled(int version, EmailRules rules) {}

    private final PolicyService policies;
    private volatile Compiled compiled;

    PolicyContentReview(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public List<Finding> reviewEmail(EmailContent content) {
        return rules().review(content);
    }

    private EmailRules rules() {
        PolicySnapshot current = policies.current();
        Compiled c = compiled;
        if (c == null || c.version() != current.version()) {
            c = new Compiled(current.version(), new EmailRules(current.policy().content()));
            compiled = c;
        }
        return c.rules();
    }
}
