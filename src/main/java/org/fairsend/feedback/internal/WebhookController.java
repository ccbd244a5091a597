package org.fairsend.feedback.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fairsend.accounts.Caller;
import org.fairsend.accounts.Integration;
import org.fairsend.accounts.IntegrationEndpoint;
import org.fairsend.accounts.IntegrationSecrets;
import org.fairsend.delivery.SentMessage;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.feedback.classify.Kind;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.Tokens;
import org.fairsend.platform.WebhookGuard;
import org.fairsend.platform.WebhookSignature;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider webhooks, for accounts that relay through an upstream ESP: their bounce and complaint
 * notifications enter the same pipeline as inbound mail (stored raw first, then recorded).
 *
 * <p>Authentication, always before anything is stored (issue 13). Every webhook URL carries a per-account signed token
 * ({@code /webhooks/ses/{token}}, {@code /webhooks/mailgun/{token}}, {@code /webhooks/sendgrid/{token}},
 * {@code /webhooks/sms/{token}}, from {@code GET /api/webhooks}): it names the account, so a call can only affect that
 * account. On top of it each provider's own proof is checked with the account's integration secrets
 * ({@link IntegrationSecrets}: current, and the previous one during the grace period after a rotation):
 * <ul>
 * <li>Amazon SES through SNS: the SNS message signature ({@link SnsVerifier}: the signing certificate fetched from an
 *     allowed AWS host only), a topic the account allows ({@link SnsTopics}; 403 otherwise), a {@code Timestamp} within
 *     {@code fairsend.feedback.sns.max-age}, a MessageId not seen before ({@link ReplayGuard}: a replay answers 200 and
 *     does nothing); and, when the account rotated an SES secret, HTTP basic authentication with it as the password
 *     (SNS sends it when the subscribed URL is {@code https://fairsend:<secret>@host/webhooks/ses/<token>}).</li>
 * <li>Mailgun: HMAC-SHA256 of {@code timestamp + token} with the account's Mailgun signing key (else the platform's,
 *     else {@code fairsend.feedback.mailgun-signing-key}), a timestamp within {@code fairsend.feedback.webhook-max-age},
 *     and a token not seen before (replay cache).</li>
 * <li>SendGrid: its signed event webhook ({@link SendGridWebhookController}).</li>
 * <li>SMS replies: {@code X-Fairsend-Signature} over {@code timestamp "." body} (platform.WebhookSignature) with the
 *     account's SMS secret (else the platform's, for an aggregator the operator runs for every account), a fresh
 *     timestamp, a signature not seen before.</li>
 * </ul>
 * Bodies are read through {@link WebhookGuard} (bounded, 413). Refusals are problem+json: 401 for a missing or bad
 * token, signature or timestamp, 403 for a topic the account does not allow, 400 for a body that is not JSON; they are
 * counted, never stored.
 */
@RestController
class WebhookController implements IntegrationEndpoint {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "webhook";

    private final Tokens tokens;
    private final SmsReplies replies;
    private final FairsendProperties platform;
    private final FeedbackProperties props;
    private final InboundStore store;
    private final BounceClassifier classifier;
    private final FeedbackRecorder recorder;
    private final Clock clock;
    private final SnsVerifier sns;
    private final IntegrationSecrets secrets;
    private final WebhookGuard guard;
    private final ReplayGuard replays;
    private final SnsTopics topics;
    private final TransactionTemplate tx;
    private final ProvenMessages proven;

    WebhookController(Tokens tokens, FairsendProperties platform, FeedbackProperties props, InboundStore store,
            BounceClassifier classifier, FeedbackRecorder recorder, Clock clock, SnsVerifier sns,
            SmsReplies replies, IntegrationSecrets secrets, WebhookGuard guard, ReplayGuard replays, SnsTopics topics,
            TransactionTemplate tx, ProvenMessages proven) {
        this.proven = proven;
        this.sns = sns;
        this.replies = replies;
        this.tokens = tokens;
        this.platform = platform;
        this.props = props;
        this.store = store;
        this.classifier = classifier;
        this.recorder = recorder;
        this.clock = clock;
        this.secrets = secrets;
        this.guard = guard;
        this.replays = replays;
        this.topics = topics;
        this.tx = tx;
    }

    /** This controller receives Mailgun's webhooks. */
    @Override
    public Integration integration() {
        return Integration.MAILGUN;
    }

    /** The configured Mailgun signing key: the platform-level bootstrap of the Mailgun integration. */
    @Override
    public List<String> configured() {
        return props.mailgunSigningKey() == null ? List.of() : List.of(props.mailgunSigningKey());
    }

    /**
     * What a provider webhook call answers: the outcome, the stored inbound message's id, how many reports it recorded
     * (and, for SendGrid, how many unsubscribes); absent fields are left out.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Answer(String status, Long id, Integer recorded, Integer httpStatus, Integer unsubscribed) {

        static Answer of(String status, long id) {
            return new Answer(status, id, null, null, null);
        }

        Answer unsubscribed(int n) {
            return new Answer(status, id, recorded, httpStatus, n);
        }
    }

    /** The answer to an SMS reply webhook call: the reply, its keyword and what was done; only the result when a replay. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record SmsReplyAnswer(Long id, String keyword, String result) {}

    /** The calling account's webhook URLs, one per provider. */
    record Urls(String ses, String mailgun, String sendgrid, String smsReplies) {}

    /** The calling account's webhook URLs, to configure at its ESP. */
    @GetMapping("/api/webhooks")
    Urls urls() {
        String token = tokens.sign(PURPOSE, Caller.current().accountId().toString(), Instant.ofEpochSecond(4102444800L));
        return new Urls(platform.publicUrl() + "/webhooks/ses/" + token, platform.publicUrl() + "/webhooks/mailgun/" + token,
                platform.publicUrl() + "/webhooks/sendgrid/" + token, platform.publicUrl() + "/webhooks/sms/" + token);
    }

    /**
     * Amazon SES through SNS. Every message must carry a valid SNS signature from an allowed topic, be recent and new;
     * a SubscriptionConfirmation is confirmed by fetching its SubscribeURL (on an allowed SNS host only).
     */
    @PostMapping("/webhooks/ses/{token}")
    ResponseEntity<Answer> ses(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        UUID account = accountOrRefuse(token, "ses", request);
        IntegrationSecrets.Accepted basic = secrets.accepted(Integration.SES, account);
        if (!basic.none() && !basic.any(s -> basicPasswordMatches(authorization, s))) {
            // SNS sends its credentials only once challenged
            response.setHeader("WWW-Authenticate", "Basic realm=\"fairsend-ses\"");
            throw guard.refused("ses", 401, "Authorization", "X-3", authorization == null
                    ? "this account's SES webhook needs HTTP basic authentication with its SES secret" : "invalid SES basic authentication",
                    request.getRemoteAddr());
        }
        byte[] raw = guard.body(request);
        JsonNode root = json(raw);
        if (root == null || !root.isObject()) {
            throw new RuleViolation(400, "body", "json", "an SES webhook call is a signed SNS message, a JSON object");
        }
        try {
            sns.verify(root);
        } catch (SnsVerifier.Refused e) {
            throw guard.refused("ses", 401, "Signature", "X-3", "SNS signature refused: " + e.getMessage(), request.getRemoteAddr());
        }
        String topic = root.path("TopicArn").asString(null);
        if (!topics.allowed(account, topic)) {
            throw guard.refused("ses", 403, "TopicArn", "X-3", "this account does not accept SNS messages from topic " + topic
                    + " (list its topics with PUT /api/integrations/ses/topics)", request.getRemoteAddr());
        }
        try {
            sns.checkTimestamp(root);
        } catch (SnsVerifier.Refused e) {
            throw guard.refused("ses", 401, "Timestamp", "X-3", e.getMessage(), request.getRemoteAddr());
        }
        String type = root.path("Type").asString("");
        String url = root.path("SubscribeURL").asString(null);
        if (type.equals("SubscriptionConfirmation") && (url == null || !sns.allowed(url))) {
            throw new RuleViolation(403, "SubscribeURL", "X-3", "SubscribeURL is not on an allowed SNS host: " + url);
        }
        String messageId = root.path("MessageId").asString("");
        Long stored = tx.execute(s -> replays.firstTime(Integration.SES, account, messageId, props.sns().maxAge())
                ? store.store("ses", null, "account:" + account, null, raw) : null);
        if (stored == null) return duplicate();
        long id = stored;
        if (type.equals("SubscriptionConfirmation")) {
            try {
                int status = sns.confirm(url);
                store.finish(id, status / 100 == 2 ? "processed" : "unparsed", "SNS subscription confirmed: HTTP " + status, null);
                return ResponseEntity.ok(new Answer(status / 100 == 2 ? "subscription-confirmed" : "subscription-failed", id, null,
                        status, null));
            } catch (SnsVerifier.Refused e) {
                store.finish(id, "unparsed", null, e.getMessage());
                return ResponseEntity.ok(Answer.of("subscription-failed", id));
            }
        }
        if (!type.equals("Notification")) {
            store.finish(id, "ignored", "SNS " + type, null);
            return ResponseEntity.ok(Answer.of("ignored", id));
        }
        try {
            List<Classification> found = classifier.classifyNotification(new String(raw, StandardCharsets.UTF_8));
            if (found.isEmpty()) {
                store.finish(id, "unparsed", null, "not an SES notification");
                return ResponseEntity.ok(Answer.of("unparsed", id));
            }
            return ResponseEntity.ok(apply(account, found, "ses", id));
        } catch (RuntimeException e) {
            store.finish(id, "unparsed", null, e.toString());
            return ResponseEntity.ok(Answer.of("unparsed", id));
        }
    }

    /**
     * Mobile-originated SMS posted by an aggregator, signed with the account's SMS secret: JSON
     * {@code {"from": "+336...", "to": "36111", "text": "STOP"}} or the same as form fields in the body
     * ({@code msisdn}/{@code from}, {@code to}, {@code text}/{@code message}). A STOP unsubscribes the number from this
     * account's SMS at once if the account wrote to it; a CONTACT is answered only to a number the account messaged.
     */
    @PostMapping("/webhooks/sms/{token}")
    ResponseEntity<SmsReplyAnswer> smsReply(@PathVariable String token, HttpServletRequest request,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signature) {
        UUID account = accountOrRefuse(token, "sms", request);
        byte[] raw = guard.body(request);
        IntegrationSecrets.Accepted keys = secrets.accepted(Integration.SMS, account);
        String why = keys.none() ? "SMS reply webhooks need a signing secret: rotate one with POST /api/integrations/sms/secrets"
                : WebhookSignature.refusal(keys.secrets(), false, null, timestamp, signature, raw, clock.instant(), props.webhookMaxAge());
        if (why != null) throw guard.refused("sms", 401, WebhookSignature.SIGNATURE_HEADER, "R-17", why, request.getRemoteAddr());
        Map<String, String> fields = smsFields(raw, request.getContentType());
        String from = fields.getOrDefault("from", fields.get("msisdn"));
        String text = fields.getOrDefault("text", fields.get("message"));
        if (from == null || from.isBlank() || Addresses.phoneOrEmpty(from, "FR").isEmpty()) {
            throw new RuleViolation("from", "R-17", "from must be the sender's phone number");
        }
        SmsReplies.Outcome outcome = tx.execute(s -> replays.firstTime(Integration.SMS, account, signature.strip(), props.webhookMaxAge())
                ? replies.handle(account, from, fields.get("to"), text == null ? "" : text, "webhook") : null);
        if (outcome == null) return ResponseEntity.ok(new SmsReplyAnswer(null, null, "duplicate"));
        return ResponseEntity.ok(new SmsReplyAnswer(outcome.replyId(), outcome.keyword(), outcome.result()));
    }

    /** The fields of an SMS reply: a JSON object, or form fields ({@code application/x-www-form-urlencoded}). */
    private static Map<String, String> smsFields(byte[] raw, String contentType) {
        Map<String, String> out = new HashMap<>();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            try {
                for (String pair : new String(raw, StandardCharsets.US_ASCII).split("&")) {
                    if (pair.isEmpty()) continue;
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    out.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException e) {
                throw new RuleViolation(400, "body", "form", "the body is not valid form data");
            }
            return out;
        }
        JsonNode root = json(raw);
        if (root == null || !root.isObject()) throw new RuleViolation(400, "body", "json", "the body is a JSON object (or form data)");
        for (String f : List.of("from", "msisdn", "to", "text", "message")) {
            JsonNode v = root.get(f);
            if (v != null && (v.isString() || v.isNumber())) out.put(f, v.asString());
        }
        return out;
    }

    @PostMapping("/webhooks/mailgun/{token}")
    ResponseEntity<Answer> mailgun(@PathVariable String token, HttpServletRequest request) {
        UUID account = accountOrRefuse(token, "mailgun", request);
        byte[] raw = guard.body(request);
        JsonNode root = json(raw);
        if (root == null || !root.isObject()) throw new RuleViolation(400, "body", "json", "a Mailgun webhook call is a JSON object");
        IntegrationSecrets.Accepted keys = secrets.accepted(Integration.MAILGUN, account);
        JsonNode sig = root.path("signature");
        String timestamp = sig.path("timestamp").asString(""), mgToken = sig.path("token").asString(""),
                signature = sig.path("signature").asString("");
        String why = keys.none() ? "Mailgun webhooks are not enabled: set the account's Mailgun signing key with POST /api/integrations/mailgun/secrets"
                : !fresh(timestamp) ? "stale or missing Mailgun timestamp (fairsend.feedback.webhook-max-age)"
                : mgToken.isEmpty() || !keys.any(k -> mailgunSignatureValid(k, timestamp, mgToken, signature)) ? "invalid Mailgun signature"
                : null;
        if (why != null) throw guard.refused("mailgun", 401, "signature", "X-3", why, request.getRemoteAddr());
        Long stored = tx.execute(s -> replays.firstTime(Integration.MAILGUN, account, mgToken, props.webhookMaxAge())
                ? store.store("mailgun", null, "account:" + account, null, raw) : null);
        if (stored == null) return duplicate();
        long id = stored;
        try {
            JsonNode ev = root.path("event-data");
            String event = ev.path("event").asString("");
            String recipient = ev.path("recipient").asString(null);
            String messageId = ev.path("message").path("headers").path("message-id").asString(null);
            List<Classification> found = new ArrayList<>();
            if (event.equals("failed") && ev.path("severity").asString("").equals("permanent")) {
                JsonNode ds = ev.path("delivery-status");
                String text = String.join(" ", ds.path("enhanced-code").asString(""), ds.path("message").asString(""),
                        ds.path("description").asString(""), ev.path("reason").asString("")).strip();
                // a reply code is a small whole number; anything else (a fraction, 30 digits) is no code
                Integer code = ds.path("code").isIntegralNumber() && ds.path("code").canConvertToInt() ? ds.path("code").asInt() : null;
                Classification c = classifier.classifyReply(recipient, code, text);
                found.add(new Classification(c.kind(), c.recipient(), c.status(), c.replyCode(), c.reason(), c.diagnostic(), null,
                        messageId, null, recipient, null, "mailgun"));
            } else if (event.equals("complained")) {
                found.add(new Classification(Kind.COMPLAINT, recipient, null, null, "feedback", null, "abuse", messageId, null,
                        recipient, null, "mailgun"));
            } else {
                store.finish(id, "ignored", "event " + event, null);
                return ResponseEntity.ok(Answer.of("ignored", id));
            }
            return ResponseEntity.ok(apply(account, found, "mailgun", id));
        } catch (RuntimeException e) {
            store.finish(id, "unparsed", null, e.toString());
            return ResponseEntity.ok(Answer.of("unparsed", id));
        }
    }

    /**
     * Ties each report to the account's own message by proof only (its Message-ID's MAC, or its signed VERP envelope
     * sender: {@link ProvenMessages}) and records it. An authenticated provider still cannot name a message by its
     * recipient alone: what cannot be proved is kept as unmatched and counts nothing (issue 13).
     */
    Answer apply(UUID accountId, List<Classification> found, String source, long inboundId) {
        List<String> outcomes = new ArrayList<>();
        int recorded = 0;
        for (Classification c : found) {
            if (!c.isBounce() && c.kind() != Kind.COMPLAINT) {
                outcomes.add(c.kind().label());
                continue;
            }
            Optional<SentMessage> m = proven.tie(c, accountId);
            if (m.isEmpty()) {
                outcomes.add(c.kind().label() + " for " + c.recipient() + ": no message found");
                continue;
            }
            if (c.kind() == Kind.COMPLAINT) recorder.complaint(m.get(), c.feedbackType(), source, inboundId);
            else recorder.bounce(m.get(), c, source, inboundId);
            recorded++;
            outcomes.add(c.kind().label() + " " + c.reason() + " message " + m.get().id());
        }
        String status = recorded > 0 ? "processed" : outcomes.stream().anyMatch(o -> o.contains("no message")) ? "unmatched" : "ignored";
        store.finish(inboundId, status, String.join("; ", outcomes), null);
        return new Answer(status, inboundId, recorded, null, null);
    }

    /** Whether a Mailgun timestamp is within {@code fairsend.feedback.webhook-max-age} of now. */
    private boolean fresh(String timestamp) {
        try {
            return Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) <= props.webhookMaxAge().toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether {@code signature} is Mailgun's HMAC-SHA256 of {@code timestamp + token} under {@code key}. */
    static boolean mailgunSignatureValid(String key, String timestamp, String token, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                    signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    /** Whether an {@code Authorization: Basic} header carries {@code secret} as its password (any user name). */
    static boolean basicPasswordMatches(String authorization, String secret) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return false;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && WebhookSignature.equalsAny(List.of(secret), decoded.substring(colon + 1));
    }

    /** The account a webhook URL's token names; a forged or malformed token is refused (401) before the body is read. */
    UUID accountOrRefuse(String token, String integration, HttpServletRequest request) {
        try {
            return UUID.fromString(tokens.verify(PURPOSE, token));
        } catch (RuntimeException e) {
            throw guard.refused(integration, 401, "token", "X-3", "invalid webhook token", request.getRemoteAddr());
        }
    }

    /** The JSON of a body, or null when it is not JSON. */
    static JsonNode json(byte[] raw) {
        try {
            return JSON.readTree(raw);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A call already processed (a replayed MessageId or token): acknowledged, nothing done. */
    static ResponseEntity<Answer> duplicate() {
        return ResponseEntity.ok(new Answer("duplicate", null, null, null, null));
    }
}
