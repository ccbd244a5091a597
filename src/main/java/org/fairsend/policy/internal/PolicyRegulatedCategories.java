package org.fairsend.policy.internal;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fairsend.accounts.RegulatedCategories;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.RegulatedAccountsPolicy;
import org.springframework.stereotype.Component;

/** The regulated (approvable) R-11 categories of the policy in force and its {@code regulatedAccounts} values, for the accounts module. */
@Component
class PolicyRegulatedCategories implements RegulatedCategories {

    private final PolicyService policies;

    PolicyRegulatedCategories(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public Set<String> approvable() {
        return new TreeSet<>(labels().keySet());
    }

    @Override
    public Map<String, String> labels() {
        Map<String, String> ids = new TreeMap<>();
        policies.current().policy().content().categories().forEach((id, c) -> {
            if (Boolean.TRUE.equals(c.regulated())) ids.put(id, c.label() == null ? id : c.label());
        });
        return ids;
    }

    @Override
    public ZoneId zone() {
        return policies.current().policy().sendingHours().zone();
    }

    @Override
    public int expiryWarningDays() {
        return section().expiryWarningDays();
    }

    @Override
    public int maxDocumentBytes() {
        return section().maxDocumentBytes();
    }

    @Override
    public int maxDocuments() {
        return section().maxDocuments();
    }

    private RegulatedAccountsPolicy section() {
        return policies.current().policy().regulatedAccounts();
    }
}
