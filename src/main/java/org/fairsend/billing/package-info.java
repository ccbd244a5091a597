/**
 * Billing that follows the sending conditions (issue 19, seed 002 §2.4, R-15): the monthly statement of an account: its
 * subscription (billed through channel suspensions, prorated by the policy's {@code billing.subscriptionProration} in
 * the month it opened and up to the day its contract was terminated), the penalties per spamtrap and the termination
 * charge booked on the reputation module's ledger, and the credits of the operator's reversals, with totals per
 * currency; as JSON, CSV and printable HTML. It owns no table: a statement is computed from the account (its fee,
 * currency and opening) and the reputation module's ledger and terminations ({@code ReputationViews}), so it always
 * agrees with them. Uses accounts, policy, reputation and platform; nothing uses it but the console.
 */
@org.springframework.modulith.ApplicationModule(displayName = "billing")
package org.fairsend.billing;
