package org.fairsend.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.RateLimiter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits of the public endpoints (issue 13): per {@link EndpointClass}, per source address, and for webhooks
 * per address and URL (the URL names the integration) within an overall allowance per address. Past a limit: 429
 * problem+json with {@code Retry-After} (seconds), before Spring Security, before the body is read. The source address
 * is {@code getRemoteAddr()}, which honours {@code server.forward-headers-strategy} (a trusted proxy's
 * {@code X-Forwarded-For}); an IPv6 address counts by its /64 network, which one subscriber line usually holds.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_KEY_PATH = 256;

    private final WebLimits limits;
    private final RateLimiter limiter;

    RateLimitFilter(WebLimits limits, RateLimiter limiter) {
        this.limits = limits;
        this.limiter = limiter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
        EndpointClass endpoint = EndpointClass.of(req);
        if (!endpoint.publicEndpoint()) {
            chain.doFilter(req, res);
            return;
        }
        String source = source(req.getRemoteAddr());
        RateLimiter.Decision d;
        if (endpoint == EndpointClass.WEBHOOK) {
            String path = EndpointClass.path(req);
            String integration = path.length() <= MAX_KEY_PATH ? path : Hashing.sha256Hex(path);
            d = limiter.tryConsume("webhook-address|" + source, limits.webhookPerAddress().limit());
            if (d.allowed()) d = limiter.tryConsume("webhook|" + source + "|" + integration, limits.limit(endpoint));
        } else {
            d = limiter.tryConsume(endpoint.name() + "|" + source, limits.limit(endpoint));
        }
        if (d.allowed()) {
            chain.doFilter(req, res);
            return;
        }
        res.setHeader("Retry-After", Long.toString(seconds(d.retryAfter())));
        FilterProblems.write(res, 429, "Too Many Requests", "too many requests from this address to this endpoint; retry after "
                + seconds(d.retryAfter()) + " s", "request", "rate-limit");
    }

    static long seconds(Duration wait) {
        long s = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** The address a limit counts: the IPv4 address, or the /64 network of an IPv6 one. */
    static String source(String remoteAddr) {
        if (remoteAddr == null) return "";
        if (remoteAddr.indexOf(':') < 0) return remoteAddr;
        try {
            InetAddress a = InetAddress.getByName(remoteAddr); // a literal: no lookup
            if (a instanceof Inet6Address) {
                byte[] net = Arrays.copyOf(a.getAddress(), 16);
                Arrays.fill(net, 8, 16, (byte) 0);
                return InetAddress.getByAddress(net).getHostAddress() + "/64";
            }
            return a.getHostAddress();
        } catch (UnknownHostException e) {
            return remoteAddr;
        }
    }
}
