/**
 * Call tracking: the platform's pool of tracked numbers with their assignment history and
 * quarantine, advertising media, redirections checked against the account's telephone zone, calls from the
 * telephony provider's webhook, form and email contacts per medium, caller masking (applied in one place
 * before storage), reports per medium and period (API, CSV, weekly and monthly mail). It reacts to
 * {@link org.fairsend.accounts.AccountDetailsChanged} and takes inbound mail through
 * {@link org.fairsend.feedback.InboundMailHandler}. Other modules (the console, the webhooks) use {@link org.fairsend.calltracking.CallTracking};
 * a call's outcome (completed or missed) is published as {@link org.fairsend.calltracking.CallRecorded} (without its caller).
 */
@org.springframework.modulith.ApplicationModule(displayName = "calltracking")
package org.fairsend.calltracking;
