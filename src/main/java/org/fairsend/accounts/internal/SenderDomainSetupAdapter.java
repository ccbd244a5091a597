package org.fairsend.accounts.internal;

import java.util.UUID;
import org.fairsend.accounts.SenderDomainSetup;
import org.springframework.stereotype.Component;

/** The accounts module's public {@link SenderDomainSetup}, over the registry the REST API uses. */
@Component
class SenderDomainSetupAdapter implements SenderDomainSetup {

    private final SenderDomainRegistry domains;
    private final DnsRecordExpectations expectations;

    SenderDomainSetupAdapter(SenderDomainRegistry domains, DnsRecordExpectations expectations) {
        this.domains = domains;
        this.expectations = expectations;
    }

    @Override
    public Details add(UUID accountId, String domain) {
        return details(domains.create(accountId, domain, false));
    }

    @Override
    public Details details(UUID accountId, UUID domainId) {
        return details(domains.get(accountId, domainId));
    }

    @Override
    public Details check(UUID accountId, UUID domainId) {
        return details(domains.check(accountId, domainId));
    }

    private Details details(StoredSenderDomain s) {
        var checks = domains.checks(s.domain().id());
        var alignment = expectations.alignment(s, checks);
        return new Details(s.domain(), expectations.dnsRecords(s), checks, alignment == null ? null : alignment.summary());
    }
}
