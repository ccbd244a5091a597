package org.fairsend.calltracking.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairsend.platform.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The telephony provider's webhook: {@code POST /webhooks/calltracking} with one event, or a JSON array of
 * events, each {@code {event, callId, from, to, at, duration}}. Authenticated by a bearer token
 * ({@code fairsend.calltracking.webhook-token}) or an HMAC-SHA256 signature
 * ({@code X-Fairsend-Signature: sha256=<hex of HMAC(secret, timestamp + "." + body)>} with
 * {@code X-Fairsend-Timestamp}, seconds since the epoch, at most {@code webhook-max-age} old). The body is
 * parsed here and never logged: it holds caller numbers.
 */
@RestController
class ProviderWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private final CallRecorder recorder;
    private final CalltrackingProperties props;
    private final Clock clock;

    ProviderWebhook(CallRecorder recorder, CalltrackingProperties props, Clock clock) {
        this.recorder = recorder;
        this.props = props;
        this.clock = clock;
    }

    @PostMapping("/webhooks/calltracking")
    ResponseEntity<?> receive(jakarta.servlet.http.HttpServletRequest request,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = "X-Fairsend-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Fairsend-Signature", required = false) String signature) {
        // read here rather than through @RequestBody, whose debug logging would print the start of the body
        byte[] raw;
        try (java.io.InputStream in = request.getInputStream()) {
            raw = in.readNBytes(MAX_BODY + 1);
        } catch (java.io.IOException e) {
            return problem(400, "the body could not be read", "body", "read");
        }
        if (raw.length > MAX_BODY) return problem(413, "at most " + MAX_BODY + " bytes per request", "body", "size");
        String refusal = authenticate(raw, authorization, timestamp, signature);
        if (refusal != null) return problem(401, refusal, "Authorization", "provider-auth");
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (RuntimeException e) {
            return problem(400, "the body is not JSON", "body", "json");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root != null && root.isArray()) root.forEach(nodes::add);
        else if (root != null && root.isObject()) nodes.add(root);
        else return problem(400, "the body is an event object or an array of them", "body", "json");
        if (nodes.size() > 1000) return problem(413, "at most 1000 events per request", "body", "size");
        if (!root.isArray()) return ResponseEntity.ok(record(event(root)));
        // a batch: each event is recorded on its own, and a refused one is answered in its place (no retry helps it)
        List<Object> results = new ArrayList<>();
        for (JsonNode n : nodes) {
            try {
                results.add(record(event(n)));
            } catch (RuleViolation v) {
                RuleViolation.Violation first = v.violations().getFirst();
                results.add(Map.of("callId", String.valueOf(text(n, "callId")), "status", "refused", "field", first.field(),
                        "rule", first.rule(), "reason", first.message()));
            }
        }
        return ResponseEntity.ok(Map.of("results", results));
    }

    private static CallRecorder.ProviderEvent event(JsonNode n) {
        Instant at;
        try {
            at = n.hasNonNull("at") ? Instant.parse(n.get("at").asString()) : null;
        } catch (RuntimeException ex) {
            throw new RuleViolation(400, "at", "iso-8601", "at is an ISO-8601 instant such as 2026-05-04T09:30:00Z");
        }
        JsonNode d = n.get("duration");
        if (d != null && !d.isNull() && !d.isIntegralNumber()) throw new RuleViolation(400, "duration", "provider", "seconds, a whole number");
        return new CallRecorder.ProviderEvent(text(n, "event"), text(n, "callId"), text(n, "from"), text(n, "to"), at,
                d == null || d.isNull() ? null : d.asInt());
    }

    private CallRecorder.Outcome record(CallRecorder.ProviderEvent e) {
        try {
            return recorder.record(e);
        } catch (DuplicateKeyException raced) {
            // the same call's first events arrived at once: the other one created the row, this one updates it
            return recorder.record(e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** Null when authenticated; else why not (never which part of a secret was wrong). */
    String authenticate(byte[] body, String authorization, String timestamp, String signature) {
        if (props.webhookToken() == null && props.webhookSecret() == null) {
            return "call tracking webhooks are not enabled (set fairsend.calltracking.webhook-token or webhook-secret)";
        }
        if (props.webhookToken() != null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(given, props.webhookToken().getBytes(StandardCharsets.UTF_8))) return null;
            return "invalid bearer token";
        }
        if (props.webhookSecret() != null && signature != null && timestamp != null) {
            long ts;
            try {
                ts = Long.parseLong(timestamp.strip());
            } catch (NumberFormatException e) {
                return "X-Fairsend-Timestamp is seconds since the epoch";
            }
            Duration age = Duration.between(Instant.ofEpochSecond(ts), clock.instant()).abs();
            if (age.compareTo(props.webhookMaxAge()) > 0) return "the signature timestamp is too old (replay protection)";
            if (org.fairsend.platform.WebhookSignature.matches(props.webhookSecret(), timestamp, body, signature)) return null;
            return "invalid signature";
        }
        return "authenticate with Authorization: Bearer <token> or X-Fairsend-Timestamp and X-Fairsend-Signature";
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String detail, String field, String rule) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(status), detail);
        p.setType(java.net.URI.create("https://fairsend.org/problems/rule-violation"));
        p.setProperty("errors", List.of(Map.of("field", field, "rule", rule, "message", detail)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
