package org.fairsend.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP session against the console (cookies kept, redirects not followed), for header-level tests;
 * optionally as a client behind a proxy ({@code X-Forwarded-For}, honoured where forward headers are enabled).
 */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final String base;
    final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private final String forwardedFor;

    public ConsoleSession(int port) {
        this(port, null);
    }

    public ConsoleSession(int port, String forwardedFor) {
        this.base = "http://127.0.0.1:" + port;
        this.forwardedFor = forwardedFor;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (forwardedFor != null) b.header("X-Forwarded-For", forwardedFor);
        return b;
    }

    public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return post(path, form, Map.of());
    }

    /** A form post with extra headers (an htmx request sends {@code HX-Request}). */
    public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(b::header);
        return client.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) throw new AssertionError("no CSRF token in the page");
        return m.group(1);
    }

    /** Signs in through the form; returns the answer to the form post. */
    public HttpResponse<String> signIn(String email, String password) throws Exception {
        String token = csrf(get("/console/login").body());
        return post("/console/login", Map.of("email", email, "password", password, "_csrf", token));
    }
}
