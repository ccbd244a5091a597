/**
 * The accounts module's implementation: {@code AccountManager} and {@code ApiKeyIssuer} (with their stores
 * {@code AccountStore}, {@code ApiKeyStore}), the API-key security filter, caller numbers ({@code CallerNumberService},
 * {@code CallerNumberStore}), integration secrets ({@code JdbcIntegrationSecrets}), and sender domains split by
 * responsibility: {@code SenderDomainRegistry} (life cycle and verification, R-9), {@code DkimKeys} (key pairs, sealed
 * private halves, the signing-key cache), {@code DnsRecordExpectations} (what to publish, alignment),
 * {@code DnsRecordChecker} (the DNS look-ups), {@code SourceAddressPool} (dedicated IPs), {@code SenderDomainDirectory}
 * (the {@code SenderDomains} port) and {@code SenderDomainStore} (their SQL).
 */
package org.fairsend.accounts.internal;
