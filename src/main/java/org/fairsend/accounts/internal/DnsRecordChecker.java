package org.fairsend.accounts.internal;

import static org.fairsend.accounts.SenderDomainSetup.CheckStatus.ERROR;
import static org.fairsend.accounts.SenderDomainSetup.CheckStatus.MISMATCH;
import static org.fairsend.accounts.SenderDomainSetup.CheckStatus.MISSING;
import static org.fairsend.accounts.SenderDomainSetup.CheckStatus.OK;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairsend.accounts.SenderDomainSetup.Check;
import org.springframework.stereotype.Component;

/**
 * Looks a sender domain's records up in DNS and judges each against what {@link DnsRecordExpectations}
 * asks for: the DKIM keys (the RSA one first: it proves control of the domain), SPF, DMARC and, with a bounce
 * domain, the return-path CNAME. Network only: it neither reads nor writes the database.
 */
@Component
class DnsRecordChecker {

    private final DnsLookups dns;
    private final SenderDomainProperties props;
    private final DnsRecordExpectations expectations;

    DnsRecordChecker(DnsLookups dns, SenderDomainProperties props, DnsRecordExpectations expectations) {
        this.dns = dns;
        this.props = props;
        this.expectations = expectations;
    }

    /** One check per expected record, the RSA DKIM record first. */
    List<Check> check(StoredSenderDomain s, Instant now) {
        String d = s.domain().domain();
        List<Check> results = new ArrayList<>();
        results.add(checkDkim("dkim-rsa", s.domain().rsaSelector() + "._domainkey." + d, "rsa", s.rsaPublicKey(), now));
        if (s.edPublicKey() != null) {
            results.add(checkDkim("dkim-ed25519", s.domain().ed25519Selector() + "._domainkey." + d, "ed25519", s.edPublicKey(), now));
        }
        results.add(checkSpf(d, now));
        results.add(checkDmarc(d, now));
        if (props.bounceDomain() != null) {
            Check returnPath = checkReturnPath(d, now);
            results.add(returnPath);
            if (returnPath.ok()) results.add(checkReturnPathSpf(returnPath.name(), now));
        }
        return results;
    }

    private Check checkDkim(String record, String name, String keyType, String publicKey, Instant now) {
        String expected = "v=DKIM1; k=" + keyType + "; p=" + publicKey;
        DnsLookups.Answer a = dns.txt(name);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check(record, name, ERROR, expected, null, a.error(), now);
        List<String> dkim = a.values().stream().filter(v -> v.strip().toLowerCase(Locale.ROOT).startsWith("v=dkim1") || v.contains("p=")).toList();
        if (dkim.isEmpty()) return new Check(record, name, MISSING, expected, joined(a.values()), "no DKIM key record at " + name, now);
        if (dkim.size() > 1) return new Check(record, name, MISMATCH, expected, joined(dkim), "more than one DKIM record at " + name, now);
        Map<String, String> tags = tags(dkim.getFirst());
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        String p = tags.getOrDefault("p", "").replaceAll("\\s", "");
        if (!k.equals(keyType)) return new Check(record, name, MISMATCH, expected, dkim.getFirst(), "k=" + k + " published, k=" + keyType + " expected", now);
        if (p.isEmpty()) return new Check(record, name, MISMATCH, expected, dkim.getFirst(), "the published key is empty (revoked)", now);
        if (!p.equals(publicKey)) return new Check(record, name, MISMATCH, expected, dkim.getFirst(), "the published key is not the one Fairsend generated", now);
        return new Check(record, name, OK, expected, dkim.getFirst(), "the published key matches", now);
    }

    private Check checkSpf(String d, Instant now) {
        String expected = props.spfInclude() == null ? "v=spf1 ..." : "v=spf1 ... " + props.spfInclude() + " ...";
        DnsLookups.Answer a = dns.txt(d);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("spf", d, ERROR, expected, null, a.error(), now);
        List<String> spf = a.values().stream().filter(v -> v.strip().toLowerCase(Locale.ROOT).matches("v=spf1(\\s.*)?")).toList();
        if (spf.isEmpty()) return new Check("spf", d, MISSING, expected, joined(a.values()), "no SPF record at " + d, now);
        if (spf.size() > 1) return new Check("spf", d, MISMATCH, expected, joined(spf), "more than one SPF record: receivers treat this as a permanent error", now);
        String found = spf.getFirst();
        if (props.spfInclude() != null) {
            boolean included = List.of(found.toLowerCase(Locale.ROOT).split("\\s+")).stream()
                    .anyMatch(t -> t.equals(props.spfInclude().toLowerCase(Locale.ROOT)) || t.equals("+" + props.spfInclude().toLowerCase(Locale.ROOT)));
            if (!included) return new Check("spf", d, MISMATCH, expected, found, "the SPF record does not contain " + props.spfInclude(), now);
            return new Check("spf", d, OK, expected, found, "the SPF record contains " + props.spfInclude(), now);
        }
        return new Check("spf", d, OK, expected, found, "an SPF record is published", now);
    }

    private Check checkDmarc(String d, Instant now) {
        String name = "_dmarc." + d;
        String expected = "v=DMARC1; p=none|quarantine|reject; ...";
        DnsLookups.Answer a = dns.txt(name);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("dmarc", name, ERROR, expected, null, a.error(), now);
        List<String> dmarc = a.values().stream().filter(v -> v.strip().toLowerCase(Locale.ROOT).matches("v\\s*=\\s*dmarc1(\\s*;.*)?")).toList();
        if (dmarc.isEmpty()) return new Check("dmarc", name, MISSING, expected, joined(a.values()), "no DMARC record at " + name, now);
        if (dmarc.size() > 1) return new Check("dmarc", name, MISMATCH, expected, joined(dmarc), "more than one DMARC record: receivers ignore them all", now);
        String policy = tags(dmarc.getFirst()).getOrDefault("p", "").toLowerCase(Locale.ROOT);
        if (!List.of("none", "quarantine", "reject").contains(policy)) {
            return new Check("dmarc", name, MISMATCH, expected, dmarc.getFirst(), "the DMARC record has no valid p= policy", now);
        }
        return new Check("dmarc", name, OK, expected, dmarc.getFirst(), "policy " + policy, now);
    }

    /**
     * The domain's return-path name: a CNAME to the bounce domain, or MX records naming the bounce domain
     * or its own mail hosts, so that bounces to {@code b-...@<label>.<domain>} reach the platform's inbound listener.
     * Only then does the envelope sender move under the customer's domain (the SPF record at that name is the bounce
     * domain's through the CNAME; with MX records the customer publishes it too).
     */
    private Check checkReturnPath(String d, Instant now) {
        String name = expectations.returnPathName(d);
        String bounce = props.bounceDomain();
        DnsLookups.Answer a = dns.cname(name);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("return-path", name, ERROR, bounce, null, a.error(), now);
        if (!a.values().isEmpty()) {
            String target = a.values().getFirst().replaceAll("\\.$", "");
            if (!target.equals(bounce)) return new Check("return-path", name, MISMATCH, bounce, target, "the CNAME points elsewhere", now);
            return new Check("return-path", name, OK, bounce, target, "the CNAME points at the bounce domain", now);
        }
        DnsLookups.Answer mx = dns.mx(name);
        if (mx.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("return-path", name, ERROR, bounce, null, mx.error(), now);
        if (mx.values().isEmpty()) return new Check("return-path", name, MISSING, bounce, null, "no CNAME (nor MX) at " + name, now);
        java.util.Set<String> ours = new java.util.HashSet<>();
        ours.add(bounce);
        DnsLookups.Answer bounceMx = dns.mx(bounce);
        bounceMx.values().forEach(v -> ours.add(v.replaceAll("\\.$", "")));
        List<String> found = mx.values().stream().map(v -> v.replaceAll("\\.$", "")).toList();
        if (!ours.containsAll(found)) {
            return new Check("return-path", name, MISMATCH, bounce, String.join(" ", found),
                    "the MX records send mail elsewhere than the bounce domain's mail hosts (" + String.join(" ", new java.util.TreeSet<>(ours)) + ")", now);
        }
        return new Check("return-path", name, OK, bounce, String.join(" ", found), "the MX records point at the bounce domain's mail hosts", now);
    }

    /**
     * The SPF record a receiver evaluates for the envelope sender once it is on the return-path name: the bounce
     * domain's, reached through the CNAME, or the one published beside MX records. Without it SPF is aligned but
     * cannot pass.
     */
    private Check checkReturnPathSpf(String name, Instant now) {
        String expected = "v=spf1 ... (the sending hosts)";
        DnsLookups.Answer a = dns.txt(name);
        if (a.outcome() == DnsLookups.Answer.Outcome.FAILED) return new Check("return-path-spf", name, ERROR, expected, null, a.error(), now);
        List<String> spf = a.values().stream().filter(v -> v.strip().toLowerCase(Locale.ROOT).matches("v=spf1(\\s.*)?")).toList();
        if (spf.isEmpty()) return new Check("return-path-spf", name, MISSING, expected, joined(a.values()),
                "no SPF record at " + name + ": receivers find no SPF for the envelope sender", now);
        if (spf.size() > 1) return new Check("return-path-spf", name, MISMATCH, expected, joined(spf), "more than one SPF record: a permanent error", now);
        return new Check("return-path-spf", name, OK, expected, spf.getFirst(), "receivers evaluate this SPF record for the envelope sender", now);
    }

    private static Map<String, String> tags(String record) {
        Map<String, String> out = new HashMap<>();
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.putIfAbsent(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        return out;
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(" | ", values);
    }
}
