/**
 * Tenants (accounts), their API keys and roles, their status per channel, and the API-key security that
 * scopes every call to the caller's account (another account's data answers 404). Sender domains and
 * dedicated IP pools join this module with the email channel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "accounts")
package org.fairsend.accounts;
