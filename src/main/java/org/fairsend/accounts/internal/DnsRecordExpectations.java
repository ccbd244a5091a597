package org.fairsend.accounts.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.accounts.SenderDomainSetup.Check;
import org.fairsend.accounts.SenderDomainSetup.DnsRecord;
import org.springframework.stereotype.Component;

/**
 * What a sender domain must publish in DNS (X-2): its DKIM keys, the SPF include, a DMARC policy and the
 * return-path CNAME (the last two from {@link SenderDomainProperties}), and the SPF/DMARC alignment that the last
 * check of those records gives.
 */
@Component
class DnsRecordExpectations {

    /** SPF and DMARC alignment of the domain as sent by Fairsend (X-2), from the last check. */
    record Alignment(boolean dkimAligned, boolean spfAligned, String envelopeDomain, String dmarcPolicy, boolean dmarcPasses,
            String summary) {}

    private final SenderDomainProperties props;

    DnsRecordExpectations(SenderDomainProperties props) {
        this.props = props;
    }

    /** The records to publish for a domain. */
    List<DnsRecord> dnsRecords(StoredSenderDomain s) {
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
                    "bounces come back through Fairsend while the envelope sender is on your domain, so SPF aligns; an MX to "
                            + props.bounceDomain() + "'s mail hosts (with an SPF record at that name) works too"));
        }
        return out;
    }

    /** Alignment as reported from the last check (null before the first check). */
    Alignment alignment(StoredSenderDomain s, List<Check> checks) {
        if (checks.isEmpty()) return null;
        Map<String, Check> by = new HashMap<>();
        checks.forEach(c -> by.put(c.record(), c));
        boolean dkim = ok(by.get("dkim-rsa"));
        String d = s.domain().domain();
        // X-2: alignment as the receiver computes it. The envelope sender (the VERP return path, delivery's
        // MessageLinks) is on the domain's own return-path name once the last check found it pointing at the bounce
        // host (SenderDomains.returnPathDomain, what the renderer uses); until then it is on the platform's bounce
        // domain, and SPF aligns (relaxed) with the From domain only when one is under the other, which a customer's
        // domain never is.
        boolean ownReturnPath = props.bounceDomain() != null && ok(by.get("return-path"));
        String envelope = ownReturnPath ? returnPathName(d) : props.bounceDomain() != null ? props.bounceDomain() : PLATFORM_DEFAULT_BOUNCE_DOMAIN;
        // aligned SPF also needs a record at the envelope's name to pass; without one the receiver's SPF result is "none"
        boolean spf = relaxedAligned(envelope, d) && (!ownReturnPath || ok(by.get("return-path-spf")));
        Check dmarc = by.get("dmarc");
        String policy = dmarc != null && ok(dmarc) ? dmarc.detail().replace("policy ", "") : null;
        boolean passes = dkim || spf;
        String summary = (dkim ? "DKIM aligned (d=" + d + ")" : "DKIM not aligned: the DKIM record is not published")
                + "; " + (spf ? "SPF aligned (envelope sender on " + envelope + ", the SPF record there decides whether it passes)"
                        : ownReturnPath ? "SPF not aligned: the envelope sender is on " + envelope + " but no SPF record is found there"
                        : "SPF not aligned: the envelope sender is on the platform's bounce domain " + envelope
                                + ", not under " + d + (props.bounceDomain() != null ? " until " + returnPathName(d) + " points at " + props.bounceDomain() : "")
                                + " (DMARC rests on DKIM)")
                + "; " + (policy == null ? "no DMARC policy" : "DMARC p=" + policy + (passes ? ", mail passes" : ", mail would fail"));
        return new Alignment(dkim, spf, envelope, policy, passes, summary);
    }

    /** The bounce domain delivery's MessageLinks uses when {@code fairsend.email.bounce-domain} is not set. */
    static final String PLATFORM_DEFAULT_BOUNCE_DOMAIN = "bounces.fairsend.localhost";

    /** DMARC relaxed alignment, simplified to "one name is the other or under it" (no public-suffix list). */
    static boolean relaxedAligned(String envelopeDomain, String fromDomain) {
        String e = envelopeDomain.toLowerCase(java.util.Locale.ROOT);
        String f = fromDomain.toLowerCase(java.util.Locale.ROOT);
        return e.equals(f) || e.endsWith("." + f) || f.endsWith("." + e);
    }

    /** The name of the return-path CNAME under the domain. */
    String returnPathName(String domain) {
        return props.returnPathLabel() + "." + domain;
    }

    private static boolean ok(Check c) {
        return c != null && c.ok();
    }
}
