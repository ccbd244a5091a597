package org.fairsend.accounts.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.accounts.SenderDomain;
import org.fairsend.accounts.SenderDomainSetup;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sender domains of the calling account, the operator's verification, and dedicated source addresses. */
@RestController
class SenderDomainController {

    private final SenderDomainRegistry domains;
    private final DnsRecordExpectations expectations;
    private final SourceAddressPool sourceAddresses;

    SenderDomainController(SenderDomainRegistry domains, DnsRecordExpectations expectations, SourceAddressPool sourceAddresses) {
        this.domains = domains;
        this.expectations = expectations;
        this.sourceAddresses = sourceAddresses;
    }

    record NewDomain(String domain, Boolean ed25519) {}

    record Decision(String reason) {}

    record SourceAddresses(List<String> addresses) {}

    record Dkim(String rsaSelector, String ed25519Selector) {}

    /** What the API shows of a sender domain: never a private key. */
    record DomainView(UUID id, UUID accountId, String domain, SenderDomain.Status status, boolean verified, Instant verifiedAt,
            String verifiedBy, String verificationReason, Instant createdAt, Instant lastCheckedAt, Dkim dkim,
            List<SenderDomainSetup.DnsRecord> dnsRecords, List<SenderDomainSetup.Check> checks,
            DnsRecordExpectations.Alignment alignment) {}

    /** An account's dedicated source addresses. */
    record SourceAddressesView(UUID accountId, List<String> sourceAddresses) {}

    @PostMapping("/api/sender-domains")
    @ResponseStatus(HttpStatus.CREATED)
    DomainView create(@RequestBody NewDomain in) {
        return view(domains.create(Caller.current().accountId(), in.domain(), Boolean.TRUE.equals(in.ed25519())));
    }

    @GetMapping("/api/sender-domains")
    List<DomainView> list() {
        return domains.list(Caller.current().accountId()).stream().map(this::view).toList();
    }

    @GetMapping("/api/sender-domains/{id}")
    DomainView get(@PathVariable UUID id) {
        return view(domains.get(Caller.current().accountId(), id));
    }

    @DeleteMapping("/api/sender-domains/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        domains.delete(Caller.current().accountId(), id);
    }

    @PostMapping("/api/sender-domains/{id}/check")
    DomainView check(@PathVariable UUID id) {
        return view(domains.check(Caller.current().accountId(), id));
    }

    @PostMapping("/api/operator/sender-domains/{id}/verify")
    DomainView verify(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return view(domains.verify(id, in == null ? null : in.reason(), Caller.current().actor()));
    }

    @PostMapping("/api/operator/sender-domains/{id}/unverify")
    DomainView unverify(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return view(domains.unverify(id, in == null ? null : in.reason(), Caller.current().actor()));
    }

    @GetMapping("/api/operator/sender-domains/{id}")
    DomainView operatorGet(@PathVariable UUID id) {
        return view(domains.getAny(id));
    }

    @PutMapping("/api/operator/accounts/{id}/source-addresses")
    SourceAddressesView setSourceAddresses(@PathVariable UUID id, @RequestBody SourceAddresses in) {
        return new SourceAddressesView(id, sourceAddresses.replace(id, in.addresses()));
    }

    @GetMapping("/api/operator/accounts/{id}/source-addresses")
    SourceAddressesView sourceAddresses(@PathVariable UUID id) {
        return new SourceAddressesView(id, sourceAddresses.texts(id));
    }

    private DomainView view(StoredSenderDomain s) {
        var d = s.domain();
        List<SenderDomainSetup.Check> checks = domains.checks(d.id());
        return new DomainView(d.id(), d.accountId(), d.domain(), d.status(), d.verified(), d.verifiedAt(), d.verifiedBy(),
                d.verificationReason(), d.createdAt(), d.lastCheckedAt(), new Dkim(d.rsaSelector(), d.ed25519Selector()),
                expectations.dnsRecords(s), checks, expectations.alignment(s, checks));
    }
}
