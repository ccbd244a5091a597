package org.fairsend.accounts.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.SenderDomain;
import org.fairsend.accounts.SenderDomainSetup.Check;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a sender domain: creation with fresh DKIM keys ({@link DkimKeys}), reading, deletion,
 * the DNS check ({@link DnsRecordChecker}) and verification.
 *
 * <p>Verification: the operator verifies or revokes by hand; a {@code pending} domain also becomes verified
 * by itself when a DNS check finds the generated RSA key published at its DKIM selector, which proves
 * control of the domain's DNS. A {@code revoked} domain is never re-verified automatically. A domain (or a
 * subdomain of one) verified by one account cannot be claimed or verified by another.
 */
@Service
class SenderDomainRegistry {

    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    private final SenderDomainStore store;
    private final DkimKeys keys;
    private final DnsRecordChecker checker;
    private final AccountDirectory accounts;
    private final Clock clock;
    private final TransactionTemplate tx;

    SenderDomainRegistry(SenderDomainStore store, DkimKeys keys, DnsRecordChecker checker, AccountDirectory accounts,
            Clock clock, TransactionTemplate tx) {
        this.store = store;
        this.keys = keys;
        this.checker = checker;
        this.accounts = accounts;
        this.clock = clock;
        this.tx = tx;
    }

    // ---------------------------------------------------------------- account API

    @Transactional
    public StoredSenderDomain create(UUID accountId, String rawDomain, boolean ed25519) {
        String domain = HostNames.hostName(rawDomain);
        accounts.get(accountId);
        if (store.exists(accountId, domain)) {
            throw new RuleViolation(409, "domain", "unique", "this account already has the sender domain " + domain);
        }
        refuseIfVerifiedElsewhere(accountId, domain, "domain");
        String selector = "fs" + YYYYMM.format(clock.instant());
        if (store.selectorTaken(domain, selector)) {
            selector = selector + "-" + Hashing.randomToken(3).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
        }
        DkimKeys.NewKeys k = keys.generate(ed25519);
        UUID id = Ids.newId();
        store.insert(id, accountId, domain, selector, k.rsaPublicKey(), k.rsaSealed(),
                k.edPublicKey() == null ? null : selector + "e", k.edPublicKey(), k.edSealed(), clock.instant());
        return get(accountId, id);
    }

    /** The account's domain, or 404 (also for another account's). */
    public StoredSenderDomain get(UUID accountId, UUID id) {
        return store.find(accountId, id).orElseThrow(() -> new NotFound("sender domain"));
    }

    /** Any account's domain (the operator's view), or 404. */
    StoredSenderDomain getAny(UUID id) {
        return store.findAny(id).orElseThrow(() -> new NotFound("sender domain"));
    }

    public List<StoredSenderDomain> list(UUID accountId) {
        return store.list(accountId);
    }

    @Transactional
    public void delete(UUID accountId, UUID id) {
        get(accountId, id);
        store.delete(id);
        keys.evict(id);
    }

    /** The result of the last check of each record. */
    public List<Check> checks(UUID domainId) {
        return store.checks(domainId);
    }

    // ---------------------------------------------------------------- DNS check

    /**
     * Looks up every record, stores the result per record and, when the DKIM key is published, verifies a
     * pending domain. The look-ups run outside any transaction (no connection held during network I/O).
     */
    public StoredSenderDomain check(UUID accountId, UUID id) {
        StoredSenderDomain s = get(accountId, id);
        Instant now = clock.instant();
        List<Check> results = checker.check(s, now);
        tx.executeWithoutResult(status -> record(accountId, s, results, now));
        return get(accountId, id);
    }

    private void record(UUID accountId, StoredSenderDomain s, List<Check> results, Instant now) {
        UUID id = s.domain().id();
        String d = s.domain().domain();
        // the domain may have been deleted while DNS was asked
        if (!store.exists(id)) throw new NotFound("sender domain");
        store.replaceChecks(id, results, now);
        if (s.domain().status() == SenderDomain.Status.PENDING && results.getFirst().ok()
                && verifiedElsewhere(accountId, d).isEmpty()) {
            markVerified(id, d, accountId, "dns-check",
                    "the DKIM record " + results.getFirst().name() + " publishes the generated key");
        }
    }

    // ---------------------------------------------------------------- operator

    @Transactional
    public StoredSenderDomain verify(UUID id, String reason, String actor) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the domain is verified");
        StoredSenderDomain s = getAny(id);
        refuseIfVerifiedElsewhere(s.domain().accountId(), s.domain().domain(), "id");
        markVerified(id, s.domain().domain(), s.domain().accountId(), actor, reason.strip());
        return getAny(id);
    }

    @Transactional
    public StoredSenderDomain unverify(UUID id, String reason, String actor) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the verification is withdrawn");
        getAny(id);
        store.decide(id, SenderDomain.Status.REVOKED, clock.instant(), actor, reason.strip());
        return getAny(id);
    }

    private void markVerified(UUID id, String domain, UUID accountId, String actor, String reason) {
        // serialise verifications of one domain name so two accounts cannot both end up verified
        store.lockDomainName(domain);
        refuseIfVerifiedElsewhere(accountId, domain, "id");
        store.decide(id, SenderDomain.Status.VERIFIED, clock.instant(), actor, reason);
    }

    private void refuseIfVerifiedElsewhere(UUID accountId, String domain, String field) {
        verifiedElsewhere(accountId, domain).ifPresent(other -> {
            throw new RuleViolation(409, field, "R-9", other.equals(domain)
                    ? "the domain " + domain + " is verified by another account"
                    : "the parent domain " + other + " is verified by another account");
        });
    }

    /** The domain itself or a parent of it, when another account has it verified. */
    private Optional<String> verifiedElsewhere(UUID accountId, String domain) {
        List<String> candidates = new ArrayList<>();
        String d = domain;
        while (d.indexOf('.') > 0) {
            candidates.add(d);
            d = d.substring(d.indexOf('.') + 1);
        }
        return store.verifiedByAnother(accountId, candidates);
    }
}
