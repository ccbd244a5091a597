package org.fairsend.suppression.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.consent.EvidenceContributor;
import org.fairsend.suppression.Suppressions;
import org.springframework.stereotype.Component;

/** The evidence pack's "suppressions" section. */
@Component
class SuppressionEvidence implements EvidenceContributor {

    private final Suppressions suppressions;

    SuppressionEvidence(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public String section() {
        return "suppressions";
    }

    @Override
    public List<?> evidence(UUID accountId, String normalizedAddress) {
        return suppressions.entriesFor(accountId, normalizedAddress);
    }
}
