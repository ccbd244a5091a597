package org.fairsend.consent;

/**
 * The legal basis of a consent record. Each states what it allows: campaigns check a contact's
 * basis against the campaign's channel and kind, and a basis that does not {@link #allowsAnySubject allow any
 * subject} reaches only the campaigns whose topic its record covers ({@link Topics}: the audience's
 * {@code subject_not_covered} class, the gate's {@code subject-not-covered} block). What each basis must carry is
 * checked by {@code consent.internal.EvidenceRules}; on input {@code soft_opt_in} names {@link #EXISTING_CUSTOMER}.
 */
public enum ConsentBasis {
    /** Explicit, separate opt-in: any marketing on the channel. */
    OPT_IN(true, true),
    /**
     * Existing customer: address collected during a sale, marketing for similar products of the same
     * company only, opt-out offered at collection and in every message. Not valid for voice canvassing
     * without a contract in progress.
     */
    EXISTING_CUSTOMER(true, false),
    /** B2B: a professional address, subject related to the person's job, opt-out offered. */
    B2B(true, false);

    private final boolean allowsMarketing;
    private final boolean allowsAnySubject;

    ConsentBasis(boolean allowsMarketing, boolean allowsAnySubject) {
        this.allowsMarketing = allowsMarketing;
        this.allowsAnySubject = allowsAnySubject;
    }

    public boolean allowsMarketing() {
        return allowsMarketing;
    }

    /**
     * False where the basis restricts the subject (similar products; the person's job): such a record lists the topic
     * keys it covers as its subject, and a campaign reaches it only when it declares one of them ({@link Topics#covers}).
     */
    public boolean allowsAnySubject() {
        return allowsAnySubject;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The basis a stored code stands for; null stays null (no basis known). */
    public static ConsentBasis fromDb(String code) {
        return code == null ? null : valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
