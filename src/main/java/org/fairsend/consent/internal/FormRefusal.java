package org.fairsend.consent.internal;

/**
 * Why a hosted-form submission was refused quietly (issue 15): the sender saw the usual answer, nothing was recorded,
 * no confirmation mail left, and the refusal is counted per form, reason and day for the operator and the account.
 */
enum FormRefusal {
    /** The hidden "leave empty" field was filled in. */
    HONEYPOT,
    /** No fill token: the form was not rendered by us. */
    NO_TOKEN,
    /** A fill token whose signature does not match, or made for another form. */
    FORGED_TOKEN,
    /** A fill token older than the policy allows. */
    EXPIRED_TOKEN,
    /** Posted sooner after the form was rendered than the policy's minimum fill time. */
    TOO_FAST,
    /** Too many submissions from the source address to the account's forms. */
    IP_RATE,
    /** Too many submissions of the email address to the account's forms. */
    ADDRESS_RATE,
    /** The address is suppressed (complaint, bounce, erasure, manual or platform entry): no mail goes to it. */
    SUPPRESSED,
    /** A platform spamtrap. */
    SPAMTRAP,
    /** The policy's confirmation mails per address per day were already sent. */
    CONFIRMATION_CAP,
    /** The address already has consent in force: no new grant (at most an "already subscribed" notice). */
    ALREADY_SUBSCRIBED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return org.fairsend.platform.Codes.code(this);
    }

    static FormRefusal of(String code) {
        return org.fairsend.platform.Codes.of(FormRefusal.class, code, "reason");
    }
}
