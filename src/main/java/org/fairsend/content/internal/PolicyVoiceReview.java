package org.fairsend.content.internal;

import java.util.List;
import org.fairsend.content.Finding;
import org.fairsend.content.VoiceContent;
import org.fairsend.content.VoiceContentReview;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.springframework.stereotype.Service;

/** {@link VoiceContentReview} under the policy in force, compiled once per policy version. */
@Service
class PolicyVoiceReview implements VoiceContentReview {

    private record Compiled(int version, VoiceRules rules) {}

    private final PolicyService policies;
    private final AllowedTermService allowed;
    private volatile Compiled compiled;

    PolicyVoiceReview(PolicyService policies, AllowedTermService allowed) {
        this.policies = policies;
        this.allowed = allowed;
    }

    @Override
    public List<Finding> reviewVoice(VoiceContent content) {
        PolicySnapshot current = policies.current();
        Compiled c = compiled;
        if (c == null || c.version() != current.version()) {
            c = new Compiled(current.version(), new VoiceRules(current.policy()));
            compiled = c;
        }
        return c.rules().review(content, allowed.phrases(content.accountId()));
    }
}
