package org.fairsend.policy.internal;

import java.util.List;
import org.fairsend.accounts.CallerRanges;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;

/** The caller-number ranges of the policy in force ({@code voice.callerRanges}, X-7), for the accounts module. */
@Component
class PolicyCallerRanges implements CallerRanges {

    private final PolicyService policies;

    PolicyCallerRanges(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public List<String> current() {
        return policies.current().policy().voice().callerRanges();
    }
}
