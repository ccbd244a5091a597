package org.fairsend.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Codes;

/**
 * Setting up sender domains as the account's own pages do it: add a domain, see the DNS records
 * to publish and the result of the last check of each, run the check again.
 */
public interface SenderDomainSetup {

    /** One DNS record the account publishes. */
    record DnsRecord(String purpose, String type, String name, String value, String note) {}

    /** The outcome of the DNS check of one record (stored as its lower-case code in {@code sender_domain_check.status}). */
    enum CheckStatus {
        /** The record is published as expected. */
        OK,
        /** Nothing of the kind is published at the name. */
        MISSING,
        /** Something is published there, but not what is expected (or more than one record). */
        MISMATCH,
        /** The DNS look-up itself failed. */
        ERROR;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static CheckStatus of(String code) {
            return Codes.of(CheckStatus.class, code, "status");
        }

        /** The code, as pages and messages show it. */
        @Override
        public String toString() {
            return code();
        }
    }

    /** The last check of one record. */
    record Check(String record, String name, CheckStatus status, String expected, String found, String detail, Instant checkedAt) {

        public boolean ok() {
            return status == CheckStatus.OK;
        }
    }

    record Details(SenderDomain domain, List<DnsRecord> dnsRecords, List<Check> checks, String alignment) {}

    /** Adds a domain (its DKIM key generated); a {@code RuleViolation} names the refused field and rule. */
    Details add(UUID accountId, String domain);

    Details details(UUID accountId, UUID domainId);

    /** Looks the records up in DNS now (a published DKIM key verifies the domain). */
    Details check(UUID accountId, UUID domainId);
}
