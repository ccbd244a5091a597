/**
 * Tenants (accounts), their API keys and roles, their status per channel (suspension, and the pause of their
 * marketing on it, R-14), and the API-key security that
 * scopes every call to the caller's account (another account's data answers 404) and keeps the management
 * endpoints (metrics, prometheus) to operator keys; sender domains with
 * their DKIM keys, DNS checks and verification, and dedicated source addresses (IP pools), which the email
 * channel reads through {@link org.fairsend.accounts.SenderDomains}; the caller numbers an account declares as
 * its own for voicemail drops ({@link org.fairsend.accounts.CallerNumbers}, R-21, X-7); the secrets that authenticate
 * each integration's webhooks, per account or platform-wide, sealed at rest and rotatable with a grace period
 * ({@link org.fairsend.accounts.IntegrationSecrets}, issue 13); regulated accounts ({@link org.fairsend.accounts.RegulatedAccounts},
 * issue 19, R-11): applications per regulated theme with the licence and its documents, the operator's approval until a
 * date never after the licence's expiry, revocation, the expiry job and its warning mail; the approvals in force are the
 * account's {@code approvedCategories}. The operator's freeze of an account, with its history
 * and the refusal of a frozen account's API writes ({@link org.fairsend.accounts.AccountFreezes}, issue 19, seed 002 §1.5).
 */
@org.springframework.modulith.ApplicationModule(displayName = "accounts")
package org.fairsend.accounts;
