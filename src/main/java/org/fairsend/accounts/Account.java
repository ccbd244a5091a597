package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer business that sends. Fees are in minor units (cents) of {@code currency}. {@code approvedCategories} are
 * the R-11 regulated themes of its approvals in force now ({@link RegulatedAccounts}, issue 19); {@code regulated}
 * says it has at least one. {@code language} (issue 20): the default language of what its recipients read (a supported
 * BCP-47 primary tag, null: English, {@code platform.RecipientLanguages}); {@code postalAddress}: where the sender can be
 * written to, named with the legal name in every marketing email's footer (R-9, LCEN art. 19-20; null until given).
 */
public record Account(UUID id, String legalName, String tradeName, String country, boolean mainlandFrance,
        String contactEmail, String mainPhone, String postcode, long subscriptionFeeCents, String currency,
        Status status, boolean regulated, java.util.Set<String> approvedCategories, Instant createdAt, String language,
        String postalAddress) {

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
                currency, status, !themes.isEmpty(), java.util.Set.copyOf(themes), createdAt, language, postalAddress);
    }

    /** The names that identify the sender: the legal name and the trade name. */
    public java.util.Set<String> senderNames() {
        var names = new java.util.LinkedHashSet<String>();
        names.add(legalName);
        if (tradeName != null && !tradeName.isBlank()) names.add(tradeName);
        return names;
    }

    /**
     * The sender's legal identity as every marketing email names it (R-9; LCEN art. 19-20): the legal name and the postal
     * address; the legal name alone while no address is given (the preflight blocks marketing email then).
     */
    public String legalIdentity() {
        return postalAddress == null || postalAddress.isBlank() ? legalName : legalName + ", " + postalAddress;
    }

    /** The name recipients know the sender by: the trade name when there is one. */
    public String displayName() {
        return tradeName != null && !tradeName.isBlank() ? tradeName : legalName;
    }
}
