package org.fairsend.feedback.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Decides whether an inbound report comes from a feedback-loop reporter the operator configured (docs/ARCHITECTURE.md,
 * "Trust boundaries"): the SMTP peer's address lies in one of the reporter's source ranges, or a DKIM signature whose
 * {@code d=} is one of the reporter's domains (or a subdomain of one) verifies on the message as received.
 *
 * <p>DKIM is Apache James jDKIM's verifier; the key records are looked up with dnsjava through the configured
 * resolver ({@code fairsend.dns.resolver}, else the system's), with no cache, and only for the configured domains:
 * a signature of any other domain costs no DNS query. A signature with a body length limit ({@code l=}) does not
 * count, since anything could follow the signed part.
 */
@Component
class ReporterVerifier {

    private static final Logger log = LoggerFactory.getLogger(ReporterVerifier.class);

    /** The verdict on one message. */
    sealed interface Verdict {
        /** From {@code reporter}, proven {@code how} (the range or the DKIM domain). */
        record Verified(String reporter, String how) implements Verdict {}

        /** From no configured reporter: {@code why} says what was checked. */
        record Unverified(String why) implements Verdict {}
    }

    private final FeedbackReporters reporters;
    private final String resolver;
    private final Duration timeout;

    ReporterVerifier(FeedbackReporters reporters, @Value("${fairsend.dns.resolver:}") String resolver,
            @Value("${fairsend.dns.timeout:3s}") Duration timeout) {
        this.reporters = reporters;
        this.resolver = resolver == null || resolver.isBlank() ? null : resolver.strip();
        this.timeout = timeout;
    }

    Verdict verify(byte[] raw, InetAddress peer) {
        List<FeedbackReporters.Reporter> all = reporters.all();
        if (all.isEmpty()) return new Verdict.Unverified("no feedback-loop reporter is configured");
        if (peer != null) {
            for (FeedbackReporters.Reporter r : all) {
                for (Cidr range : r.sourceRanges()) {
                    if (range.contains(peer)) return new Verdict.Verified(r.name(), "source " + peer.getHostAddress() + " in " + range);
                }
            }
        }
        List<String> domains = new ArrayList<>();
        all.forEach(r -> domains.addAll(r.dkimDomains()));
        String source = peer == null ? "unknown source" : "source " + peer.getHostAddress();
        if (domains.isEmpty()) return new Verdict.Unverified(source + " in no configured range; no reporter has a DKIM domain");
        List<SignatureRecord> valid;
        try {
            valid = new DKIMVerifier(new ConfiguredDomainsOnly(domains)).verify(new ByteArrayInputStream(raw));
        } catch (FailException e) {
            return new Verdict.Unverified(source + " in no configured range; DKIM: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.debug("DKIM verification of an inbound report failed", e);
            return new Verdict.Unverified(source + " in no configured range; DKIM could not be checked: " + e);
        }
        if (valid == null || valid.isEmpty()) return new Verdict.Unverified(source + " in no configured range; no DKIM signature");
        for (SignatureRecord s : valid) {
            if (s.getBodyHashLimit() != -1) continue;
            String d = s.getDToken().toString().toLowerCase(Locale.ROOT);
            for (FeedbackReporters.Reporter r : all) {
                for (String domain : r.dkimDomains()) {
                    if (within(d, domain)) return new Verdict.Verified(r.name(), "DKIM d=" + d);
                }
            }
        }
        return new Verdict.Unverified(source + " in no configured range; no valid DKIM signature of a configured domain");
    }

    private static boolean within(String d, String domain) {
        return d.equals(domain) || d.endsWith("." + domain);
    }

    /** Key records by DNS for the configured reporters' domains only; any other signing domain fails without a query. */
    private final class ConfiguredDomainsOnly implements PublicKeyRecordRetriever {
        private final List<String> domains;

        ConfiguredDomainsOnly(List<String> domains) {
            this.domains = domains;
        }

        @Override
        public List<String> getRecords(CharSequence methodAndOptions, CharSequence selector, CharSequence token)
                throws TempFailException, PermFailException {
            if (!"dns/txt".equalsIgnoreCase(methodAndOptions.toString())) {
                throw new PermFailException("key query method " + methodAndOptions + " is not supported");
            }
            String d = token.toString().toLowerCase(Locale.ROOT);
            if (domains.stream().noneMatch(domain -> within(d, domain))) {
                throw new PermFailException("d=" + d + " is not a configured feedback-loop reporter's domain");
            }
            try {
                Lookup lookup = new Lookup(Name.fromString(selector + "._domainkey." + d + "."), Type.TXT);
                lookup.setResolver(resolver());
                lookup.setCache(null);
                Record[] records = lookup.run();
                return switch (lookup.getResult()) {
                    case Lookup.SUCCESSFUL -> {
                        List<String> out = new ArrayList<>();
                        for (Record rec : records) if (rec instanceof TXTRecord t) out.add(String.join("", t.getStrings()));
                        yield out;
                    }
                    case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> throw new PermFailException("no key record at " + selector + "._domainkey." + d);
                    default -> throw new TempFailException("DNS look-up of " + selector + "._domainkey." + d + " failed: " + lookup.getErrorString());
                };
            } catch (TextParseException e) {
                throw new PermFailException("invalid selector or domain: " + e.getMessage());
            }
        }
    }

    /** The configured resolver ({@code host}, {@code host:port} or {@code [v6]:port}), else the system's. */
    private Resolver resolver() {
        Resolver r;
        if (resolver == null) {
            r = new ExtendedResolver();
        } else {
            URI spec = URI.create("dns://" + resolver);
            String host = spec.getHost().startsWith("[") ? spec.getHost().substring(1, spec.getHost().length() - 1) : spec.getHost();
            r = new SimpleResolver(new InetSocketAddress(host, spec.getPort() < 0 ? 53 : spec.getPort()));
        }
        r.setTimeout(timeout);
        r.setEDNS(0, 4096, 0, List.of());
        return r;
    }
}
