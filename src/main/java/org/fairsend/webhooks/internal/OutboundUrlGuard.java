package org.fairsend.webhooks.internal;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * Where Fairsend may post (SSRF): an absolute {@code https} URL without user information whose host resolves only to
 * public addresses; never loopback, private (RFC 1918, fc00::/7), link-local (169.254/16, fe80::/10, so the cloud
 * metadata address), carrier-grade NAT (100.64/10), multicast or unspecified. Checked at registration and again
 * before each post, on the addresses the host resolves to then (a name may change where it points). Hosts listed in
 * {@code trusted-hosts} are exempt from both checks.
 */
@Component
class OutboundUrlGuard {

    private final OutboundWebhookProperties props;

    OutboundUrlGuard(OutboundWebhookProperties props) {
        this.props = props;
    }

    /** The URL, checked; a {@link RuleViolation} on {@code url} otherwise. Resolves the host. */
    URI check(String url) {
        URI uri = parse(url);
        String host = host(uri);
        if (props.trusted(host)) return uri;
        refusal(host).ifPresent(why -> {
            throw new RuleViolation("url", "ssrf", why);
        });
        return uri;
    }

    /** Why posting to this endpoint is refused now (the host resolved again), or empty. */
    java.util.Optional<String> refusalNow(String url) {
        try {
            URI uri = parse(url);
            String host = host(uri);
            return props.trusted(host) ? java.util.Optional.empty() : refusal(host);
        } catch (RuleViolation e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    private URI parse(String url) {
        if (url == null || url.isBlank()) throw new RuleViolation("url", "required", "url is required");
        if (url.length() > 2000) throw new RuleViolation("url", "length", "url is longer than 2000 characters");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RuleViolation("url", "url", "url is not a valid URL");
        }
        if (uri.getHost() == null || !uri.isAbsolute()) throw new RuleViolation("url", "url", "url must be an absolute URL with a host");
        if (uri.getRawUserInfo() != null) throw new RuleViolation("url", "url", "url must not carry a user name or password");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && props.trusted(host(uri)))) {
            throw new RuleViolation("url", "https", "url must use https");
        }
        return uri;
    }

    private static String host(URI uri) {
        String h = uri.getHost();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return IDN.toASCII(h).toLowerCase(Locale.ROOT);
    }

    private java.util.Optional<String> refusal(String host) {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return java.util.Optional.of("url's host " + host + " does not resolve");
        }
        for (InetAddress a : all) {
            String why = refused(a);
            if (why != null) return java.util.Optional.of("url's host " + host + " resolves to " + why + " (" + a.getHostAddress()
                    + "): webhooks are posted to public addresses only");
        }
        return java.util.Optional.empty();
    }

    private String refused(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
            return "the cloud metadata address";
        }
        if (props.allowPrivateAddresses()) return null;
        if (a.isLoopbackAddress()) return "a loopback address";
        if (a.isAnyLocalAddress()) return "an unspecified address";
        if (a.isLinkLocalAddress()) return "a link-local address";
        if (a.isSiteLocalAddress()) return "a private address";
        if (a.isMulticastAddress()) return "a multicast address";
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) return "a carrier-grade NAT address";
        if (a instanceof Inet4Address && (b[0] & 0xff) == 0) return "an unspecified address";
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) return "a private address";
        return null;
    }
}
