package org.fairsend.calltracking.internal;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairsend.accounts.Integration;
import org.fairsend.accounts.IntegrationEndpoint;
import org.fairsend.accounts.IntegrationSecrets;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.WebhookGuard;
import org.fairsend.platform.WebhookSignature;
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
 * events, each {@code {event, callId, from, to, at, duration}}. Authenticated before anything is stored (issue 13)
 * with the platform's call-tracking integration secrets (current, and the previous one during the grace period after a
 * rotation under {@code /api/operator/integrations}; before any rotation {@code fairsend.calltracking.webhook-token}
 * and {@code webhook-secret}): an HMAC-SHA256 signature
 * ({@code X-Fairsend-Signature: sha256=<hex of HMAC(secret, timestamp + "." + body)>} with
 * {@code X-Fairsend-Timestamp}, seconds since the epoch, at most {@code webhook-max-age} from now) or the secret as a
 * bearer token. A refused call is counted ({@code fairsend.webhooks.refused}), never stored. The body is read through
 * {@link WebhookGuard} (bounded, 413), parsed here and never logged: it holds caller numbers.
 */
@RestController
class ProviderWebhook implements IntegrationEndpoint {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CallRecorder recorder;
    private final CalltrackingProperties props;
    private final Clock clock;
    private final IntegrationSecrets secrets;
    private final WebhookGuard guard;

    ProviderWebhook(CallRecorder recorder, CalltrackingProperties props, Clock clock, IntegrationSecrets secrets, WebhookGuard guard) {
        this.recorder = recorder;
        this.props = props;
        this.clock = clock;
        this.secrets = secrets;
        this.guard = guard;
    }

    /** This controller receives the telephony provider's call events. */
    @Override
    public Integration integration() {
        return Integration.CALLTRACKING;
    }

    /** The configured webhook token and secret: the bootstrap of the platform's call-tracking integration secret. */
    @Override
    public List<String> configured() {
        return java.util.stream.Stream.of(props.webhookToken(), props.webhookSecret()).filter(java.util.Objects::nonNull).toList();
    }

    /** A refused event of a batch, answered in its place (no retry helps it). */
    record Refused(String callId, String status, String field, String rule, String reason) {}

    /** The answer to a batch: per event, its {@link CallRecorder.Outcome} or why it was {@link Refused}. */
    record Batch(List<Object> results) {}

    @PostMapping("/webhooks/calltracking")
    @ApiResponse(responseCode = "200", description = "one event's outcome, or a batch's results", content = @Content(
            mediaType = "application/json", schema = @Schema(oneOf = {CallRecorder.Outcome.class, Batch.class})))
    ResponseEntity<?> receive(jakarta.servlet.http.HttpServletRequest request,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signature) {
        // read here rather than through @RequestBody, whose debug logging would print the start of the body
        byte[] raw = guard.body(request);
        String refusal = authenticate(raw, authorization, timestamp, signature);
        if (refusal != null) throw guard.refused("calltracking", 401, "Authorization", "provider-auth", refusal, request.getRemoteAddr());
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
                results.add(new Refused(String.valueOf(text(n, "callId")), "refused", first.field(), first.rule(), first.message()));
            }
        }
        return ResponseEntity.ok(new Batch(results));
    }

    private static CallRecorder.ProviderEvent event(JsonNode n) {
        Instant at;
        try {
            at = n.hasNonNull("at") ? Instant.parse(n.get("at").asString()) : null;
        } catch (RuntimeException ex) {
            throw new RuleViolation(400, "at", "iso-8601", "at is an ISO-8601 instant such as 2026-05-04T09:30:00Z");
        }
        JsonNode d = n.get("duration");
        // a whole number that fits (a 30-digit duration threw in asInt(): a 500 found by fuzzing)
        if (d != null && !d.isNull() && !(d.isIntegralNumber() && d.canConvertToInt())) {
            throw new RuleViolation(400, "duration", "provider", "seconds, a whole number");
        }
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
        // an object or array where a value belongs is no value (found by fuzzing: asString() threw, a 500)
        return v == null || v.isNull() || !v.isValueNode() ? null : org.fairsend.platform.Texts.storable(v.asString(), 2000);
    }

    /** Null when authenticated; else why not (never which part of a secret was wrong). */
    String authenticate(byte[] body, String authorization, String timestamp, String signature) {
        IntegrationSecrets.Accepted accepted = secrets.accepted(Integration.CALLTRACKING, null);
        if (accepted.none()) {
            return "call tracking webhooks are not enabled (rotate the calltracking secret under /api/operator/integrations, "
                    + "or set fairsend.calltracking.webhook-token or webhook-secret)";
        }
        return WebhookSignature.refusal(accepted.secrets(), true, authorization, timestamp, signature, body, clock.instant(),
                props.webhookMaxAge());
    }

    private static ResponseEntity<ProblemDetail> problem(int status, String detail, String field, String rule) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatusCode.valueOf(status), detail);
        p.setType(java.net.URI.create("https://fairsend.org/problems/rule-violation"));
        p.setProperty("errors", List.of(Map.of("field", field, "rule", rule, "message", detail)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
