/**
 * Inquiries between the operator and an account (issue 19). Today: the evidence request after a complaint (seed 002
 * §1.2, R-4, R-5): from a complaint (of unjustified use, or any complaint) the operator asks the account for its
 * proof of consent for the addresses or numbers the complaint names; the account sees what the consent ledger holds
 * about each (read through {@code consent.ConsentLedger}, never its tables), adds a statement and files (a screenshot
 * of the form, a PDF), and answers; the operator accepts or rejects with a reason. A request unanswered by its
 * deadline (policy {@code evidence.*}, working days) suspends the channel concerned through
 * {@code accounts.AccountSanctions} until it is answered; reminders are mailed through {@code platform.PlatformMail};
 * a rejection is published as {@link org.fairsend.inquiries.EvidenceRejected}, which the reputation module counts as
 * an incriminated campaign on the R-15 ladder. Every step is a row of {@code evidence_request_step}, shown to both sides.
 *
 * <p>Owns the tables {@code evidence_request}, {@code evidence_request_address}, {@code evidence_attachment},
 * {@code evidence_request_step} (V122). Uses consent, feedback, accounts, policy and platform; listened to by reputation.
 */
@org.springframework.modulith.ApplicationModule(displayName = "inquiries")
package org.fairsend.inquiries;
