package org.fairsend.accounts.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.xbill.DNS.CNAMERecord;
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
 * TXT, CNAME and MX look-ups with dnsjava against the configured resolver ({@code fairsend.dns.resolver}, or the
 * system's). No cache: a check must see what is published now. EDNS0 with a 4096-byte payload, because a
 * TXT record holding an RSA-2048 key does not fit the classic 512 bytes.
 */
@Component
class DnsLookups {

    /** The answer to one question: the values found, or that the name or type does not exist, or a failure. */
    record Answer(Outcome outcome, List<String> values, String error) {
        enum Outcome { FOUND, NONE, FAILED }

        static Answer none() {
            return new Answer(Outcome.NONE, List.of(), null);
        }
    }

    private final DnsProperties props;

    DnsLookups(DnsProperties props) {
        this.props = props;
    }

    /** TXT records at {@code name}, each with its character-strings concatenated (RFC 6376 3.6.2.2, RFC 7208 3.3). */
    Answer txt(String name) {
        return query(name, Type.TXT);
    }

    /** The CNAME target at {@code name}, lower-case, without the trailing dot. */
    Answer cname(String name) {
        return query(name, Type.CNAME);
    }

    /** The MX exchanges at {@code name}, lower-case, without the trailing dot (preference ignored). */
    Answer mx(String name) {
        return query(name, Type.MX);
    }

    private Answer query(String name, int type) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
            lookup.setResolver(resolver());
            lookup.setCache(null);
            Record[] records = lookup.run();
            return switch (lookup.getResult()) {
                case Lookup.SUCCESSFUL -> {
                    List<String> values = new ArrayList<>();
                    for (Record r : records) {
                        if (r instanceof TXTRecord t) values.add(String.join("", t.getStrings()));
                        else if (r instanceof CNAMERecord c) values.add(c.getTarget().toString(true).toLowerCase(java.util.Locale.ROOT));
                        else if (r instanceof org.xbill.DNS.MXRecord m) values.add(m.getTarget().toString(true).toLowerCase(java.util.Locale.ROOT));
                    }
                    yield new Answer(Answer.Outcome.FOUND, values, null);
                }
                case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> Answer.none();
                default -> new Answer(Answer.Outcome.FAILED, List.of(), lookup.getErrorString());
            };
        } catch (TextParseException e) {
            return new Answer(Answer.Outcome.FAILED, List.of(), "invalid name: " + e.getMessage());
        }
    }

    private Resolver resolver() {
        Resolver r;
        if (props.resolver() == null) {
            r = new ExtendedResolver();
        } else {
            String spec = props.resolver().strip();
            String host = spec;
            int port = 53;
            if (spec.startsWith("[")) {
                int end = spec.indexOf(']');
                host = spec.substring(1, end);
                if (spec.length() > end + 2 && spec.charAt(end + 1) == ':') port = Integer.parseInt(spec.substring(end + 2));
            } else if (spec.indexOf(':') > 0 && spec.indexOf(':') == spec.lastIndexOf(':')) {
                host = spec.substring(0, spec.indexOf(':'));
                port = Integer.parseInt(spec.substring(spec.indexOf(':') + 1));
            }
            r = new SimpleResolver(new InetSocketAddress(host, port));
        }
        r.setTimeout(props.timeout());
        r.setEDNS(0, 4096, 0, List.of());
        return r;
    }
}
