package org.fairsend.accounts.internal;

import java.util.UUID;
import org.fairsend.accounts.SenderDomainSetup;
import org.springframework.stereotype.Component;

/** The accounts module's public {@link SenderDomainSetup}, over the service the REST API uses. */
@Component
class SenderDomainSetupAdapter implements SenderDomainSetup {

    private final SenderDomainService domains;

    SenderDomainSetupAdapter(SenderDomainService domains) {
        this.domains = domains;
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

    private Details details(SenderDomainService.Stored s) {
        var checks = domains.checks(s.domain().id());
        return new Details(s.domain(),
                domains.dnsRecords(s).stream().map(r -> new DnsRecord(r.purpose(), r.type(), r.name(), r.value(), r.note())).toList(),
                checks.stream().map(c -> new Check(c.record(), c.name(), c.status(), c.expected(), c.found(), c.detail(), c.checkedAt())).toList(),
                alignment(s, checks));
    }

    private String alignment(SenderDomainService.Stored s, java.util.List<SenderDomainService.Check> checks) {
        var a = domains.alignment(s, checks);
        return a == null ? null : a.summary();
    }
}
