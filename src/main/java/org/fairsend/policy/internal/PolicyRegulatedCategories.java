package org.fairsend.policy.internal;

import java.util.Set;
import java.util.TreeSet;
import org.fairsend.accounts.RegulatedCategories;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;

/** The regulated (approvable) R-11 categories of the policy in force, for the accounts module. */
@Component
class PolicyRegulatedCategories implements RegulatedCategories {

    private final PolicyService policies;

    PolicyRegulatedCategories(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public Set<String> approvable() {
        Set<String> ids = new TreeSet<>();
        policies.current().policy().content().categories().forEach((id, c) -> {
            if (Boolean.TRUE.equals(c.regulated())) ids.add(id);
        });
        return ids;
    }
}
