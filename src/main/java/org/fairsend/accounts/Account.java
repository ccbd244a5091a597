package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer business that sends. Fees are in minor units (cents) of {@code currency}. {@code approvedCategories} are
 * the R-11 regulated themes of its approvals in force now ({@link RegulatedAccounts}, issue 19); {@code regulated}
 * says it has at least one.
 */
public record Account(UUID id, String legalName, String tradeName, String country, boolean mainlandFrance,
        String contactEmail, String mainPhone, String postcode, long subscriptionFeeCents, String currency,
        Status status, boolean regulated, java.util.Set<String> approvedCategories, Instant createdAt) {

    /**
     * {@code FROZEN} (issue 19, seed 002 §1.5): the operator froze the account with a reason ({@link AccountFreezes}):
     * nothing leaves on any channel, its console is read-only and its API writes are refused, its data can still be
     * read and exported; lifted with a reason, it is {@code ACTIVE} again. {@code TERMINATED}: R-15's last step.
     */
    public enum Status {
        ACTIVE, FROZEN, TERMINATED;

        /** Whether the account's users and keys may still sign in and read (active or frozen, not terminated). */
        public boolean open() {
            return this != TERMINATED;
        }
    }

    /** This account with the regulated themes of its approvals in force (R-11, issue 19). */
    public Account withApprovedCategories(java.util.Set<String> themes) {
        return new Account(id, legalName, tradeName, country, mainlandFrance, contactEmail, mainPhone, postcode, subscriptionFeeCents,
                currency, status, !themes.isEmpty(), java.util.Set.copyOf(themes), createdAt);
    }

    /** The names that identify the sender: the legal name and the trade name. */
    public java.util.Set<String> senderNames() {
        var names = new java.util.LinkedHashSet<String>();
        names.add(legalName);
        if (tradeName != null && !tradeName.isBlank()) names.add(tradeName);
        return names;
    }

    /** The name recipients know the sender by: the trade name when there is one. */
    public String displayName() {
        return tradeName != null && !tradeName.isBlank() ? tradeName : legalName;
    }
}
