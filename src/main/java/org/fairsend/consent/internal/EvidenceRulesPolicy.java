package org.fairsend.consent.internal;

import java.util.function.IntSupplier;
import org.fairsend.policy.PolicyService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Gives {@link EvidenceRules} the policy's retention period (X-8, {@code retention.prospectYears}): an
 * existing-customer record resting on a purchase or contract older than that is refused. Read at each check, so
 * a new policy version applies at once. When the policy cannot be read, the rule's ceiling (3 years) applies.
 */
@Component
class EvidenceRulesPolicy implements DisposableBean {

    private final IntSupplier years;

    EvidenceRulesPolicy(PolicyService policies) {
        this.years = () -> {
            try {
                return policies.current().policy().retention().prospectYears();
            } catch (RuntimeException e) {
                return EvidenceRules.DEFAULT_YEARS;
            }
        };
        EvidenceRules.relationshipYears(years);
    }

    @Override
    public void destroy() {
        EvidenceRules.relationshipYears(years, () -> EvidenceRules.DEFAULT_YEARS);
    }
}
