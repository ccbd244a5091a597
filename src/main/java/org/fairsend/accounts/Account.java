package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;

/** A customer business that sends. Fees are in minor units (cents) of {@code currency}. */
public record Account(UUID id, String legalName, String tradeName, String country, boolean mainlandFrance,
        String contactEmail, String mainPhone, String postcode, long subscriptionFeeCents, String currency,
        Status status, boolean regulated, java.util.Set<String> approvedCategories, Instant createdAt) {

    public enum Status { ACTIVE, TERMINATED }

    /** The name recipients know the sender by: the trade name when there is one. */
    public String displayName() {
        return tradeName != null && !tradeName.isBlank() ? tradeName : legalName;
    }
}
