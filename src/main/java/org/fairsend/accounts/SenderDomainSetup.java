package org.fairsend.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Setting up sender domains as the account's own pages do it: add a domain, see the DNS records
 * to publish and the result of the last check of each, run the check again.
 */
public interface SenderDomainSetup {

    /** One DNS record the account publishes. */
    record DnsRecord(String purpose, String type, String name, String value, String note) {}

    /** The last check of one record: {@code status} ok, missing or mismatch. */
    record Check(String record, String name, String status, String expected, String found, String detail, Instant checkedAt) {}

    record Details(SenderDomain domain, List<DnsRecord> dnsRecords, List<Check> checks, String alignment) {}

    /** Adds a domain (its DKIM key generated); a {@code RuleViolation} names the refused field and rule. */
    Details add(UUID accountId, String domain);

    Details details(UUID accountId, UUID domainId);

    /** Looks the records up in DNS now (a published DKIM key verifies the domain). */
    Details check(UUID accountId, UUID domainId);
}
