package org.fairsend.content.internal.spamfilter;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.fairsend.content.SpamFilter;
import org.fairsend.content.SpamVerdict;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's spam filter over Rspamd's HTTP protocol ({@code POST /checkv2}, the message as the body, the envelope
 * in the {@code From} and {@code Rcpt} headers; the answer is JSON with the score, the action and every symbol that
 * hit with its score). The threshold is the policy's ({@code spamFilter.threshold}), not Rspamd's own actions.
 * Without a URL, on a refused connection, a timeout ({@code fairsend.spam-filter.timeout}), an HTTP error or an answer
 * that is not Rspamd's, the verdict is {@link SpamVerdict.NotRun}: never a pass.
 */
@Component
class RspamdSpamFilter implements SpamFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An answer larger than this is not Rspamd's (its JSON for a message is a few kilobytes). */
    private static final int MAX_ANSWER = 1 << 20;

    private final SpamFilterProperties props;
    private final DoubleSupplier threshold;
    private final HttpClient http;

    @org.springframework.beans.factory.annotation.Autowired
    RspamdSpamFilter(SpamFilterProperties props, PolicyService policies) {
        this(props, () -> policies.current().policy().spamFilter().threshold());
    }

    /** {@code threshold}: the policy's {@code spamFilter.threshold} as it is when a scan answers. */
    RspamdSpamFilter(SpamFilterProperties props, DoubleSupplier threshold) {
        this.props = props;
        this.threshold = threshold;
        this.http = HttpClient.newBuilder().connectTimeout(props.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public SpamVerdict judge(Message m) {
        if (!props.configured()) return new SpamVerdict.NotRun("no spam filter is configured: set fairsend.spam-filter.url");
        URI endpoint;
        HttpRequest.Builder request;
        try {
            endpoint = URI.create(props.url().toString().replaceAll("/+$", "") + "/checkv2");
            request = HttpRequest.newBuilder(endpoint);
        } catch (IllegalArgumentException e) {
            return new SpamVerdict.NotRun("fairsend.spam-filter.url " + props.url() + " cannot be asked: " + e.getMessage());
        }
        request.timeout(props.timeout()).header("Content-Type", "message/rfc822").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.rfc5322()));
        // the envelope, when it can travel as an HTTP header (an internationalised address is left to the message's own headers)
        if (headerSafe(m.recipient())) request.header("Rcpt", m.recipient());
        if (headerSafe(m.envelopeFrom())) request.header("From", m.envelopeFrom());
        String where = endpoint.getHost() + ":" + endpoint.getPort();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER + 1);
            }
        } catch (HttpTimeoutException e) {
            return new SpamVerdict.NotRun("the filter at " + where + " did not answer within " + props.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return new SpamVerdict.NotRun("the filter at " + where + " cannot be reached: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SpamVerdict.NotRun("interrupted while the filter at " + where + " was scanning");
        }
        if (response.statusCode() != 200) {
            return new SpamVerdict.NotRun("the filter at " + where + " answered HTTP " + response.statusCode());
        }
        if (body.length > MAX_ANSWER) return new SpamVerdict.NotRun("the filter at " + where + " answered more than " + MAX_ANSWER + " bytes");
        try {
            return verdict(JSON.readTree(body), threshold.getAsDouble(), where);
        } catch (JacksonException e) {
            return new SpamVerdict.NotRun("the filter at " + where + " answered something that is not Rspamd's JSON");
        }
    }

    /** Rspamd's answer: {@code score}, {@code action}, {@code symbols.NAME.{score, description, options}}, {@code messages}. */
    static SpamVerdict verdict(JsonNode n, double threshold, String where) {
        if (n == null || !n.isObject()) return new SpamVerdict.NotRun("the filter at " + where + " answered something that is not Rspamd's JSON");
        if (n.hasNonNull("error")) return new SpamVerdict.NotRun("the filter at " + where + " failed: " + clip(n.get("error").asString()));
        JsonNode score = n.get("score");
        if (score == null || !score.isNumber()) return new SpamVerdict.NotRun("the filter at " + where + " gave no score");
        List<SpamVerdict.Hit> hits = new ArrayList<>();
        JsonNode symbols = n.get("symbols");
        if (symbols != null && symbols.isObject()) {
            for (Map.Entry<String, JsonNode> e : symbols.properties()) {
                JsonNode s = e.getValue();
                List<String> options = new ArrayList<>();
                if (s.has("options") && s.get("options").isArray()) s.get("options").forEach(o -> options.add(clip(o.asString())));
                hits.add(new SpamVerdict.Hit(clip(e.getKey()), s.path("score").asDouble(0), s.hasNonNull("description") ? clip(s.get("description").asString()) : null,
                        options));
            }
        }
        List<String> messages = new ArrayList<>();
        JsonNode said = n.get("messages");
        if (said != null && said.isObject()) said.properties().forEach(e -> messages.add(clip(e.getValue().asString())));
        return new SpamVerdict.Scored(score.asDouble(), threshold, hits, n.path("action").asString(""), messages);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException || m == null || m.isBlank()) m = "connection refused";
        return clip(m);
    }

    private static String clip(String s) {
        if (s == null) return "";
        s = s.replaceAll("[\\x00-\\x1f]", " ");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static boolean headerSafe(String s) {
        return s != null && s.length() <= 320 && s.matches("[\\x21-\\x7e]+");
    }
}
