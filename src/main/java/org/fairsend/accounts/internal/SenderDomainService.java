package org.fairsend.accounts.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.DkimSigningKeys;
import org.fairsend.accounts.SenderDomain;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sender domains (R-9, X-2): creation with fresh DKIM keys (private halves sealed with {@link Secrets}), the
 * DNS records to publish, DNS checks, verification, and the account's dedicated source addresses.
 *
 * <p>Verification: the operator verifies or revokes by hand; a {@code pending} domain also becomes verified
 * by itself when a DNS check finds the generated RSA key published at its DKIM selector, which proves
 * control of the domain's DNS. A {@code revoked} domain is never re-verified automatically. A domain (or a
 * subdomain of one) verified by one account cannot be claimed or verified by another.
 */
@Service
class SenderDomainService implements SenderDomains {

    static final String PURPOSE_RSA = "dkim-rsa-private-key";
    static final String PURPOSE_ED = "dkim-ed25519-private-key";
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern TLD = Pattern.compile("^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);
    private static final int MAX_SOURCE_ADDRESSES = 64;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Secrets secrets;
    private final AccountService accounts;
    private final SenderDomainProperties props;
    private final DnsLookups dns;
    private final TransactionTemplate tx;
    /** Decrypted keys by domain id: keys never change for a row, so only deletion evicts. */
    private final Map<UUID, DkimSigningKeys> keyCache = new ConcurrentHashMap<>();

    SenderDomainService(JdbcClient jdbc, Clock clock, Secrets secrets, AccountService accounts,
            SenderDomainProperties props, DnsLookups dns, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.secrets = secrets;
        this.accounts = accounts;
        this.props = props;
        this.dns = dns;
        this.tx = tx;
    }

    /** A stored domain with the public key material the DNS records are made of. */
    record Stored(SenderDomain domain, String rsaPublicKey, String edPublicKey) {}

    /** One DNS record the customer publishes. */
    record DnsRecord(String purpose, String type, String name, String value, String note) {}

    /** The result of the last check of one record. */
    record Check(String record, String name, String status, String expected, String found, String detail, Instant checkedAt) {}

    /** SPF and DMARC alignment of the domain as sent by Fairsend (X-2), from the last check. */
    record Alignment(boolean dkimAligned, boolean spfAligned, String envelopeDomain, String dmarcPolicy, boolean dmarcPasses,
            String summary) {}

    // ---------------------------------------------------------------- account API

    @Transactional
    public Stored create(UUID accountId, String rawDomain, boolean ed25519) {
        String domain = hostName(rawDomain);
        accounts.get(accountId);
        if (jdbc.sql("select count(*) from sender_domain where account_id = ? and domain = ?").params(accountId, domain)
                .query(Long.class).single() > 0) {
            throw new RuleViolation(409, "domain", "unique", "this account already has the sender domain " + domain);
        }
        refuseIfVerifiedElsewhere(accountId, domain, "domain");
        String selector = "fs" + YYYYMM.format(clock.instant());
        if (jdbc.sql("select count(*) from sender_domain where domain = ? and rsa_selector = ?").params(domain, selector)
                .query(Long.class).single() > 0) {
            selector = selector + "-" + Hashing.randomToken(3).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
        }
        DkimKeyMaterial.Generated rsa = DkimKeyMaterial.rsa2048();
        DkimKeyMaterial.Generated ed = ed25519 ? DkimKeyMaterial.ed25519() : null;
        UUID id = Ids.newId();
        jdbc.sql("""
                insert into sender_domain (id, account_id, domain, status, rsa_selector, rsa_public_key, rsa_private_key,
                    ed_selector, ed_public_key, ed_private_key, created_at)
                values (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, domain, selector, rsa.publicKeyDns(), secrets.seal(PURPOSE_RSA, rsa.privatePkcs8()),
                        ed == null ? null : selector + "e", ed == null ? null : ed.publicKeyDns(),
                        ed == null ? null : secrets.seal(PURPOSE_ED, ed.privatePkcs8()), Timestamp.from(clock.instant()))
                .update();
        return get(accountId, id);
    }

    /** The account's domain, or 404 (also for another account's). */
    public Stored get(UUID accountId, UUID id) {
        return jdbc.sql("select * from sender_domain where id = ? and account_id = ?").params(id, accountId)
                .query(SenderDomainService::mapStored).optional().orElseThrow(() -> new NotFound("sender domain"));
    }

    Stored getAny(UUID id) {
        return jdbc.sql("select * from sender_domain where id = ?").param(id)
                .query(SenderDomainService::mapStored).optional().orElseThrow(() -> new NotFound("sender domain"));
    }

    public List<Stored> listStored(UUID accountId) {
        return jdbc.sql("select * from sender_domain where account_id = ? order by domain").param(accountId)
                .query(SenderDomainService::mapStored).list();
    }

    @Transactional
    public void delete(UUID accountId, UUID id) {
        get(accountId, id);
        jdbc.sql("delete from sender_domain_check where sender_domain_id = ?").param(id).update();
        jdbc.sql("delete from sender_domain where id = ?").param(id).update();
        keyCache.remove(id);
    }

    /** The records to publish for a domain. */
    public List<DnsRecord> dnsRecords(Stored s) {
        String d = s.domain().domain();
        List<DnsRecord> out = new ArrayList<>();
        out.add(new DnsRecord("dkim-rsa", "TXT", s.domain().rsaSelector() + "._domainkey." + d,
                "v=DKIM1; k=rsa; p=" + s.rsaPublicKey(), "RSA-2048 DKIM key (X-2); required for verification"));
        if (s.edPublicKey() != null) {
            out.add(new DnsRecord("dkim-ed25519", "TXT", s.domain().ed25519Selector() + "._domainkey." + d,
                    "v=DKIM1; k=ed25519; p=" + s.edPublicKey(), "Ed25519 DKIM key for the second signature (RFC 8463)"));
        }
        if (props.spfInclude() != null) { // without the setting there is nothing to include; the check still asks for an SPF record
            out.add(new DnsRecord("spf", "TXT", d, "v=spf1 " + props.spfInclude() + " ~all",
                    "add " + props.spfInclude() + " to the existing SPF record if there is one (only one SPF record per name)"));
        }
        String rua = props.dmarcRua() != null ? props.dmarcRua() : "mailto:dmarc-reports@" + d;
        out.add(new DnsRecord("dmarc", "TXT", "_dmarc." + d, "v=DMARC1; p=none; rua=" + rua,
                "suggested start; move to p=quarantine or p=reject once reports show aligned mail"));
        if (props.bounceDomain() != null) {
            out.add(new DnsRecord("return-path", "CNAME", returnPathName(d), props.bounceDomain(),
                    "bounces come back through Fairsend while the envelope sender stays on your domain (SPF alignment)"));
        }
        return out;
    }

    public List<Check> checks(UUID domainId) {
        return jdbc.sql("select * from sender_domain_check where sender_domain_id = ? order by record").param(domainId)
                .query((rs, n) -> new Check(rs.getString("record"), rs.getString("dns_name"), rs.getString("status"),
                        rs.getString("expected"), rs.getString("found"), rs.getString("detail"),
                        rs.getTimestamp("checked_at").toInstant()))
                .list();
    }

    /** Alignment as reported from the last check (null before the first check). */
    public Alignment alignment(Stored s, List<Check> checks) {
        if (checks.isEmpty()) return null;
        Map<String, Check> by = new java.util.HashMap<>();
        checks.forEach(c -> by.put(c.record(), c));
        boolean dkim = ok(by.get("dkim-rsa"));
        String d = s.domain().domain();
        boolean spf;
        String envelope;
        if (props.bounceDomain() != null) {
            spf = ok(by.get("return-path"));
            envelope = spf ? returnPathName(d) : props.bounceDomain();
        } else {
            spf = ok(by.get("spf"));
            envelope = d;
        }
        Check dmarc = by.get("dmarc");
        String policy = dmarc != null && ok(dmarc) ? dmarc.detail().replace("policy ", "") : null;
        boolean passes = dkim || spf;
        String summary = (dkim ? "DKIM aligned (d=" + d + ")" : "DKIM not aligned: the DKIM record is not published")
                + "; " + (spf ? "SPF aligned (envelope sender on " + envelope + ")"
                        : "SPF not aligned: the envelope sender is on " + envelope
                                + (props.bounceDomain() != null ? ", publish the return-path CNAME" : ", publish the SPF record"))
                + "; " + (policy == null ? "no DMARC policy" : "DMARC p=" + policy + (passes ? ", mail passes" : ", mail would fail"));
        return new Alignment(dkim, spf, envelope, policy, passes, summary);
    }

    // ---------------------------------------------------------------- DNS check

    /**
     * Looks up every record, stores the result per record and, when the DKIM key is published, verifies a
     * pending domain. The look-ups run outside any transaction (no connection held during network I/O).
     */
    public Stored check(UUID accountId, UUID id) {
        Stored s = get(accountId, id);
        String d = s.domain().domain();
        Instant now = clock.instant();
        List<Check> results = new ArrayList<>();
        results.add(checkDkim("dkim-rsa", s.domain().rsaSelector() + "._domainkey." + d, "rsa", s.rsaPublicKey(), now));
        if (s.edPublicKey() != null) {
            results.add(checkDkim("dkim-ed25519", s.domain().ed25519Selector() + "._domainkey." + d, "ed25519", s.edPublicKey(), now));
        }
        results.add(checkSpf(d, now));
        results.add(checkDmarc(d, now));
        if (props.bounceDomain() != null) results.add(checkReturnPath(d, now));

        tx.executeWithoutResult(status -> store(accountId, s, results, now));
        return get(accountId, id);
    }

    private void store(UUID accountId, Stored s, List<Check> results, Instant now) {
        UUID id = s.domain().id();
        String d = s.domain().domain();
        // the domain may have been deleted while DNS was asked
        if (jdbc.sql("select count(*) from sender_domain where id = ?").param(id).query(Long.class).single() == 0) {
            throw new NotFound("sender domain");
        }
        jdbc.sql("delete from sender_domain_check where sender_domain_id = ?").param(id).update();
        for (Check c : results) {
            jdbc.sql("""
                    insert into sender_domain_check (sender_domain_id, record, dns_name, status, expected, found, detail, checked_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, c.record(), c.name(), c.status(), cut(c.expected(), 2000), cut(c.found(), 4000),
                            cut(c.detail(), 2000), Timestamp.from(now))
                    .update();
        }
        jdbc.sql("update sender_domain set last_checked_at = ? where id = ?").params(Timestamp.from(now), id).update();
        if (SenderDomain.PENDING.equals(s.domain().status()) && ok(results.getFirst())
                && verifiedElsewhere(accountId, d).isEmpty()) {
            markVerified(id, d, accountId, "dns-check",
                    "the DKIM record " + results.getFirst().name() + " publishes the generated key");
        }
    }

    private Check checkDkim(String record, String name, String keyType, String publicKey, Instant now) {
        String expected = "v=DKIM1; k=" + keyType + "; p=" + publicKey;
        DnsLookups.Answer a = dns.txt(name);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check(record, name, "error", expected, null, a.error(), now);
        List<String> dkim = a.values().stream().filter(v -> v.strip().toLowerCase(Locale.ROOT).startsWith("v=dkim1") || v.contains("p=")).toList();
        if (dkim.isEmpty()) return new Check(record, name, "missing", expected, joined(a.values()), "no DKIM key record at " + name, now);
        if (dkim.size() > 1) return new Check(record, name, "mismatch", expected, joined(dkim), "more than one DKIM record at " + name, now);
        Map<String, String> tags = tags(dkim.getFirst());
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        String p = tags.getOrDefault("p", "").replaceAll("\\s", "");
        if (!k.equals(keyType)) return new Check(record, name, "mismatch", expected, dkim.getFirst(), "k=" + k + " published, k=" + keyType + " expected", now);
        if (p.isEmpty()) return new Check(record, name, "mismatch", expected, dkim.getFirst(), "the published key is empty (revoked)", now);
        if (!p.equals(publicKey)) return new Check(record, name, "mismatch", expected, dkim.getFirst(), "the published key is not the one Fairsend generated", now);
        return new Check(record, name, "ok", expected, dkim.getFirst(), "the published key matches", now);
    }

    private Check checkSpf(String d, Instant now) {
        String expected = props.spfInclude() == null ? "v=spf1 ..." : "v=spf1 ... " + props.spfInclude() + " ...";
        DnsLookups.Answer a = dns.txt(d);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("spf", d, "error", expected, null, a.error(), now);
        List<String> spf = a.values().stream().filter(v -> v.strip().toLowerCase(Locale.ROOT).matches("v=spf1(\\s.*)?")).toList();
        if (spf.isEmpty()) return new Check("spf", d, "missing", expected, joined(a.values()), "no SPF record at " + d, now);
        if (spf.size() > 1) return new Check("spf", d, "mismatch", expected, joined(spf), "more than one SPF record: receivers treat this as a permanent error", now);
        String found = spf.getFirst();
        if (props.spfInclude() != null) {
            boolean included = List.of(found.toLowerCase(Locale.ROOT).split("\\s+")).stream()
                    .anyMatch(t -> t.equals(props.spfInclude().toLowerCase(Locale.ROOT)) || t.equals("+" + props.spfInclude().toLowerCase(Locale.ROOT)));
            if (!included) return new Check("spf", d, "mismatch", expected, found, "the SPF record does not contain " + props.spfInclude(), now);
            return new Check("spf", d, "ok", expected, found, "the SPF record contains " + props.spfInclude(), now);
        }
        return new Check("spf", d, "ok", expected, found, "an SPF record is published", now);
    }

    private Check checkDmarc(String d, Instant now) {
        String name = "_dmarc." + d;
        String expected = "v=DMARC1; p=none|quarantine|reject; ...";
        DnsLookups.Answer a = dns.txt(name);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("dmarc", name, "error", expected, null, a.error(), now);
        List<String> dmarc = a.values().stream().filter(v -> v.strip().toLowerCase(Locale.ROOT).matches("v\\s*=\\s*dmarc1(\\s*;.*)?")).toList();
        if (dmarc.isEmpty()) return new Check("dmarc", name, "missing", expected, joined(a.values()), "no DMARC record at " + name, now);
        if (dmarc.size() > 1) return new Check("dmarc", name, "mismatch", expected, joined(dmarc), "more than one DMARC record: receivers ignore them all", now);
        String policy = tags(dmarc.getFirst()).getOrDefault("p", "").toLowerCase(Locale.ROOT);
        if (!List.of("none", "quarantine", "reject").contains(policy)) {
            return new Check("dmarc", name, "mismatch", expected, dmarc.getFirst(), "the DMARC record has no valid p= policy", now);
        }
        return new Check("dmarc", name, "ok", expected, dmarc.getFirst(), "policy " + policy, now);
    }

    private Check checkReturnPath(String d, Instant now) {
        String name = returnPathName(d);
        DnsLookups.Answer a = dns.cname(name);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("return-path", name, "error", props.bounceDomain(), null, a.error(), now);
        if (a.values().isEmpty()) return new Check("return-path", name, "missing", props.bounceDomain(), null, "no CNAME at " + name, now);
        String target = a.values().getFirst().replaceAll("\\.$", "");
        if (!target.equals(props.bounceDomain())) return new Check("return-path", name, "mismatch", props.bounceDomain(), target, "the CNAME points elsewhere", now);
        return new Check("return-path", name, "ok", props.bounceDomain(), target, "the CNAME points at the bounce domain", now);
    }

    // ---------------------------------------------------------------- operator

    @Transactional
    public Stored verify(UUID id, String reason, String actor) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the domain is verified");
        Stored s = getAny(id);
        refuseIfVerifiedElsewhere(s.domain().accountId(), s.domain().domain(), "id");
        markVerified(id, s.domain().domain(), s.domain().accountId(), actor, reason.strip());
        return getAny(id);
    }

    @Transactional
    public Stored unverify(UUID id, String reason, String actor) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the verification is withdrawn");
        getAny(id);
        jdbc.sql("update sender_domain set status = 'revoked', verified_at = ?, verified_by = ?, verification_reason = ? where id = ?")
                .params(Timestamp.from(clock.instant()), actor, cut(reason.strip(), 2000), id).update();
        return getAny(id);
    }

    private void markVerified(UUID id, String domain, UUID accountId, String actor, String reason) {
        // serialise verifications of one domain name so two accounts cannot both end up verified
        jdbc.sql("select id from sender_domain where domain = ? order by id for update").param(domain).query(UUID.class).list();
        refuseIfVerifiedElsewhere(accountId, domain, "id");
        jdbc.sql("update sender_domain set status = 'verified', verified_at = ?, verified_by = ?, verification_reason = ? where id = ?")
                .params(Timestamp.from(clock.instant()), actor, cut(reason, 2000), id).update();
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
        if (candidates.isEmpty()) return Optional.empty();
        String in = String.join(",", java.util.Collections.nCopies(candidates.size(), "?"));
        List<Object> params = new ArrayList<>(candidates);
        params.add(accountId);
        return jdbc.sql("select domain from sender_domain where domain in (" + in + ") and account_id <> ? and status = 'verified' order by length(domain) desc")
                .params(params).query(String.class).list().stream().findFirst();
    }

    // ---------------------------------------------------------------- SenderDomains (for delivery)

    @Override
    public boolean isVerified(UUID accountId, String domain) {
        String d = hostNameOrNull(domain);
        if (d == null) return false;
        return jdbc.sql("select count(*) from sender_domain where account_id = ? and domain = ? and status = 'verified'")
                .params(accountId, d).query(Long.class).single() > 0;
    }

    @Override
    public List<SenderDomain> list(UUID accountId) {
        return listStored(accountId).stream().map(Stored::domain).toList();
    }

    @Override
    public Optional<DkimSigningKeys> signingKeys(UUID accountId, String domain) {
        String d = hostNameOrNull(domain);
        if (d == null) return Optional.empty();
        return jdbc.sql("""
                select id, domain, rsa_selector, rsa_private_key, ed_selector, ed_private_key from sender_domain
                where account_id = ? and domain = ? and status = 'verified'""")
                .params(accountId, d)
                .query((rs, n) -> keyCache.computeIfAbsent(rs.getObject("id", UUID.class), k -> {
                    try {
                        return decode(rs);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .optional();
    }

    private DkimSigningKeys decode(ResultSet rs) throws SQLException {
        String edSealed = rs.getString("ed_private_key");
        return new DkimSigningKeys(rs.getString("domain"), rs.getString("rsa_selector"),
                DkimKeyMaterial.privateKey("RSA", secrets.open(PURPOSE_RSA, rs.getString("rsa_private_key"))),
                edSealed == null ? null : rs.getString("ed_selector"),
                edSealed == null ? null : DkimKeyMaterial.privateKey("Ed25519", secrets.open(PURPOSE_ED, edSealed)));
    }

    @Override
    public List<InetAddress> sourceAddresses(UUID accountId) {
        return sourceAddressTexts(accountId).stream().map(InetAddress::ofLiteral).toList();
    }

    public List<String> sourceAddressTexts(UUID accountId) {
        return jdbc.sql("select address from account_source_address where account_id = ? order by sort_order").param(accountId)
                .query(String.class).list();
    }

    /** Replaces the account's pool; IP literals only (never host names: nothing is resolved). */
    @Transactional
    public List<String> setSourceAddresses(UUID accountId, List<String> raw) {
        accounts.get(accountId);
        if (raw == null) throw new RuleViolation("addresses", "required", "give the list of source addresses (empty to clear)");
        if (raw.size() > MAX_SOURCE_ADDRESSES) throw new RuleViolation("addresses", "size", "at most " + MAX_SOURCE_ADDRESSES + " addresses");
        LinkedHashSet<String> normalised = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i) == null ? "" : raw.get(i).strip();
            InetAddress ip;
            try {
                if (a.isEmpty() || !a.matches("[0-9A-Fa-f:.]+")) throw new IllegalArgumentException();
                ip = InetAddress.ofLiteral(a);
            } catch (IllegalArgumentException e) {
                throw new RuleViolation("addresses[" + i + "]", "ip-literal", "not an IPv4 or IPv6 address: " + a);
            }
            if (ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
                throw new RuleViolation("addresses[" + i + "]", "unicast", "a source address must be a unicast address: " + a);
            }
            normalised.add(ip.getHostAddress());
        }
        jdbc.sql("delete from account_source_address where account_id = ?").param(accountId).update();
        int i = 0;
        for (String a : normalised) {
            jdbc.sql("insert into account_source_address (account_id, address, sort_order) values (?, ?, ?)")
                    .params(accountId, a, i++).update();
        }
        return List.copyOf(normalised);
    }

    // ---------------------------------------------------------------- helpers

    String returnPathName(String domain) {
        return props.returnPathLabel() + "." + domain;
    }

    /** A host name: trimmed, trailing dot dropped, IDN to ASCII, lower-case, valid labels and TLD. */
    static String hostName(String raw) {
        String d = hostNameOrNull(raw);
        if (d == null) throw new RuleViolation("domain", "hostname", "not a valid domain name: " + (raw == null ? "" : raw.strip()));
        return d;
    }

    static String hostNameOrNull(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 300) return null;
        String s = raw.strip();
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        String ascii;
        try {
            ascii = IDN.toASCII(s.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (ascii.length() > 253) return null;
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) return null;
        for (String l : labels) if (!LABEL.matcher(l).matches()) return null;
        if (!TLD.matcher(labels[labels.length - 1]).matches()) return null;
        return ascii;
    }

    private static Map<String, String> tags(String record) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.putIfAbsent(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        return out;
    }

    private static boolean ok(Check c) {
        return c != null && "ok".equals(c.status());
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(" | ", values);
    }

    private static String cut(String s, int max) {
        return org.fairsend.platform.Texts.storable(s, max);
    }

    private static Stored mapStored(ResultSet rs, int n) throws SQLException {
        Timestamp verified = rs.getTimestamp("verified_at");
        Timestamp checked = rs.getTimestamp("last_checked_at");
        SenderDomain d = new SenderDomain(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getString("domain"), rs.getString("status"), rs.getString("rsa_selector"), rs.getString("ed_selector"),
                verified == null ? null : verified.toInstant(), rs.getString("verified_by"), rs.getString("verification_reason"),
                checked == null ? null : checked.toInstant(), rs.getTimestamp("created_at").toInstant());
        return new Stored(d, rs.getString("rsa_public_key"), rs.getString("ed_public_key"));
    }
}
