package org.fairsend.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The kinds of HTTP endpoint, each with its own body cap and (for the public ones) rate limit in {@link WebLimits}.
 * Classified from the request's normalised path (and method, for sign-in) before anything reads the body.
 */
public enum EndpointClass {

    /** Mail, SMS, voice and call-tracking providers' callbacks: bursts from a few addresses, per integration token. */
    WEBHOOK(true, "/webhooks/**"),
    /** Hosted subscription forms: the page and its submission. */
    HOSTED_FORM(true, "/f/**"),
    /** Double opt-in confirmation links. */
    CONFIRMATION(true, "/confirm/**"),
    /** Unsubscribe pages and RFC 8058 one-click posts, which mailbox providers send from their own servers. */
    UNSUBSCRIBE(true, "/u/**"),
    /** Open pixels and click redirects, fetched by image proxies and link scanners on behalf of many recipients. */
    TRACKING(true, "/o/**", "/c/**"),
    /** Call-tracking public forms. */
    CALL_TRACKING_FORM(true, "/t/**"),
    /** Voice recordings fetched by the voice provider for each call. */
    VOICE_AUDIO(true, "/voice/audio/**"),
    /** The console's sign-in form post. */
    SIGN_IN(true, "/console/login"),
    /** File uploads (imports, recordings, opposition lists): the upload limit, not the API's. */
    UPLOAD(false, "/api/imports", "/api/voice-messages", "/api/operator/opposition-list", "/api/operator/spamtraps/import",
            "/api/operator/calltracking/numbers/import", "/console/imports", "/console/voice/recordings"),
    /** Everything else: the API, the console, management. */
    API(false);

    private final boolean publicEndpoint;
    private final List<PathPattern> patterns;

    EndpointClass(boolean publicEndpoint, String... patterns) {
        this.publicEndpoint = publicEndpoint;
        this.patterns = Stream.of(patterns).map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** Anonymous callers reach it: it has a rate limit. */
    public boolean publicEndpoint() {
        return publicEndpoint;
    }

    public static EndpointClass of(HttpServletRequest request) {
        return of(request.getMethod(), path(request));
    }

    static EndpointClass of(String method, String path) {
        PathContainer p = PathContainer.parsePath(path);
        for (EndpointClass c : values()) {
            if (c == SIGN_IN && !"POST".equalsIgnoreCase(method)) continue;
            for (PathPattern pattern : c.patterns) {
                if (pattern.matches(p)) return c;
            }
        }
        return API;
    }

    /** The path within the application as the container normalised it (decoded, dot segments and path parameters removed). */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String info = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (info == null ? "" : info);
        return path.isEmpty() ? "/" : path;
    }
}
