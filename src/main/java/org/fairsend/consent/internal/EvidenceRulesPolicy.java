package org.fairsend.consent.internal;

import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;

/**
 * Gives {@link EvidenceRules} the policy's retention period (X-8, {@code retention.prospectYears}): an
 * existing-customer record resting on a purchase or contract older than that is refused. Read at each check, so
 * a new policy version applies at once.
 */
@Component
class EvidenceRulesPolicy {

    EvidenceRulesPolicy(PolicyService policies) {
        EvidenceRules.relationshipYears(() -> policies.current().policy().retention().prospectYears());
    }
}
