package org.fairsend.consent;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Hosted-form submissions the bot checks refused quietly (issue 15), counted per form, reason and policy day: for
 * the account's own forms and the operator's desk.
 */
public interface FormRefusals {

    /**
     * One count. {@code reason}: honeypot, no_token, forged_token, expired_token, too_fast, ip_rate, address_rate,
     * suppressed, spamtrap, confirmation_cap, already_subscribed.
     */
    record Count(UUID formId, UUID accountId, String formName, LocalDate day, String reason, long refusals) {}

    /**
     * The counts of the last {@code days} policy days (today included), newest day first; {@code accountId} null
     * for every account's forms (the operator), {@code formId} null for all the account's forms.
     */
    List<Count> refusals(UUID accountId, UUID formId, int days);
}
