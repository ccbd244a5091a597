package org.fairsend.consent.internal;

import java.time.Clock;
import java.util.List;
import org.fairsend.consent.ConsentEvidence;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;

/**
 * {@link EvidenceRules} with what they read from outside: the consumer mailbox domains in force (the built-in list
 * and the operator's additions, X-8) and the policy's retention period ({@code retention.prospectYears}: an
 * existing-customer record resting on an older purchase or contract is refused). The policy is read at each check,
 * so a new version applies at once; when it cannot be read, X-8's ceiling (3 years) applies.
 */
@Component
class EvidenceValidator {

    private final ConsumerDomainsSettings domains;
    private final PolicyService policies;
    private final Clock clock;

    EvidenceValidator(ConsumerDomainsSettings domains, PolicyService policies, Clock clock) {
        this.domains = domains;
        this.policies = policies;
        this.clock = clock;
    }

    List<Violation> check(ConsentEvidence e) {
        return EvidenceRules.check(e, clock, domains.list(), relationshipYears());
    }

    private int relationshipYears() {
        try {
            return policies.current().policy().retention().prospectYears();
        } catch (RuntimeException e) {
            return EvidenceRules.DEFAULT_YEARS;
        }
    }
}
