package org.fairsend.feedback.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.feedback.classify.Kind;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SendGrid's event webhook for accounts relaying through SendGrid: {@code bounce} (type {@code bounce} or
 * {@code blocked}), {@code dropped}, {@code spamreport}, {@code unsubscribe} and {@code group_unsubscribe} events
 * enter the same pipeline as inbound mail; other events (delivered, open, click...) are ignored here.
 *
 * <p>Authentication: the account's webhook token in the URL, and SendGrid's signed event webhook: an ECDSA
 * (P-256, SHA-256) signature, base64 DER in {@code X-Twilio-Email-Event-Webhook-Signature}, over the timestamp of
 * {@code X-Twilio-Email-Event-Webhook-Timestamp} followed by the raw body, checked with the verification key the
 * account set with {@code PUT /api/webhooks/sendgrid-key}. Unsigned, badly signed or stale calls are refused with
 * 403 and not stored.
 */
@RestController
class SendGridWebhookController {

    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record KeyRequest(String publicKey) {}

    private final JdbcClient jdbc;
    private final WebhookController webhooks;
    private final InboundStore store;
    private final BounceClassifier classifier;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;
    private final FeedbackProperties props;
    private final Clock clock;

    SendGridWebhookController(JdbcClient jdbc, WebhookController webhooks, InboundStore store, BounceClassifier classifier,
            SentMessages messages, FeedbackRecorder recorder, FeedbackProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
        this.store = store;
        this.classifier = classifier;
        this.messages = messages;
        this.recorder = recorder;
        this.props = props;
        this.clock = clock;
    }

    /** Sets the calling account's SendGrid verification key (the base64 public key SendGrid shows for its signed webhook). */
    @PutMapping("/api/webhooks/sendgrid-key")
    Map<String, Object> setKey(@RequestBody KeyRequest request) {
        String key = request == null || request.publicKey() == null ? "" : request.publicKey().replaceAll("\\s+", "");
        if (parseKey(key).isEmpty()) {
            throw new RuleViolation("publicKey", "X-3",
                    "not an ECDSA public key: give SendGrid's verification key, base64 of its DER (SubjectPublicKeyInfo)");
        }
        UUID account = Caller.current().accountId();
        jdbc.sql("""
                insert into webhook_key (account_id, provider, public_key, updated_at) values (?, 'sendgrid', ?, ?)
                on conflict (account_id, provider) do update set public_key = excluded.public_key, updated_at = excluded.updated_at""")
                .params(account, key, Timestamp.from(clock.instant())).update();
        return Map.of("provider", "sendgrid", "configured", true);
    }

    @PostMapping("/webhooks/sendgrid/{token}")
    ResponseEntity<Map<String, Object>> events(@PathVariable String token, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp) {
        UUID account = webhooks.accountOrRefuse(token);
        byte[] raw = body == null ? new byte[0] : body;
        PublicKey key = jdbc.sql("select public_key from webhook_key where account_id = ? and provider = 'sendgrid'")
                .param(account).query(String.class).optional().flatMap(SendGridWebhookController::parseKey)
                .orElseThrow(() -> new RuleViolation(403, SIGNATURE_HEADER, "X-3",
                        "SendGrid webhooks are not enabled for this account: set its verification key with PUT /api/webhooks/sendgrid-key"));
        String why = refusal(key, signature, timestamp, raw);
        if (why != null) {
            throw new RuleViolation(403, SIGNATURE_HEADER, "X-3", why);
        }
        long id = store.store("sendgrid", null, "account:" + account, null, raw);
        try {
            JsonNode root = JSON.readTree(raw);
            if (root == null || !root.isArray()) {
                store.finish(id, "unparsed", null, "not a SendGrid event array");
                return ResponseEntity.ok(Map.of("status", "unparsed", "id", id));
            }
            List<Classification> found = new ArrayList<>();
            int unsubscribed = 0;
            List<String> ignored = new ArrayList<>();
            for (JsonNode ev : root) {
                String event = ev.path("event").asString("");
                String email = ev.path("email").asString(null);
                String messageId = ev.path("smtp-id").asString(null);
                switch (event) {
                    case "bounce" -> found.add(bounce(ev, email, messageId));
                    case "dropped" -> dropped(ev, email, messageId).ifPresentOrElse(found::add, () -> ignored.add("dropped"));
                    case "spamreport" -> found.add(new Classification(Kind.COMPLAINT, email, null, null, "feedback", null, "abuse",
                            messageId, null, email, null, "sendgrid"));
                    case "unsubscribe", "group_unsubscribe" -> {
                        if (unsubscribe(account, email, messageId)) unsubscribed++;
                    }
                    default -> ignored.add(event);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            if (!found.isEmpty()) {
                out.putAll(webhooks.apply(account, found, "sendgrid", id));
            } else {
                store.finish(id, unsubscribed > 0 ? "processed" : "ignored",
                        unsubscribed + " unsubscribes; ignored: " + String.join(",", ignored), null);
                out.put("status", unsubscribed > 0 ? "processed" : "ignored");
                out.put("id", id);
            }
            out.put("unsubscribed", unsubscribed);
            return ResponseEntity.ok(out);
        } catch (RuntimeException e) {
            store.finish(id, "unparsed", null, e.toString());
            return ResponseEntity.ok(Map.of("status", "unparsed", "id", id));
        }
    }

    /** A bounce event: its status and reason classified like any SMTP reply; type "blocked" is a block (soft). */
    private Classification bounce(JsonNode ev, String email, String messageId) {
        String text = (ev.path("status").asString("") + " " + ev.path("reason").asString("")).strip();
        Classification c = classifier.classifyReply(email, null, text);
        Kind kind = c.kind();
        String reason = c.reason();
        if (ev.path("type").asString("").equals("blocked") && kind == Kind.HARD) {
            kind = Kind.SOFT; // SendGrid's "blocked": the receiver refused the sender, not the address
            reason = "blocked";
        }
        return new Classification(kind, email, c.status(), c.replyCode(), reason, c.diagnostic(), null, messageId, null, email,
                null, "sendgrid");
    }

    /**
     * A dropped event: SendGrid did not send because of its own lists. "Bounced Address" and "Invalid" say the address
     * failed before (hard), "Spam Reporting Address" that its owner complained (complaint); other drops (unsubscribed,
     * over the size limit...) are not feedback about the address.
     */
    private static Optional<Classification> dropped(JsonNode ev, String email, String messageId) {
        String reason = ev.path("reason").asString("").toLowerCase(java.util.Locale.ROOT);
        if (reason.contains("bounced address") || reason.startsWith("invalid")) {
            return Optional.of(new Classification(Kind.HARD, email, null, null, "user_unknown", ev.path("reason").asString(null),
                    null, messageId, null, email, null, "sendgrid"));
        }
        if (reason.contains("spam reporting address")) {
            return Optional.of(new Classification(Kind.COMPLAINT, email, null, null, "feedback", null, "abuse", messageId, null,
                    email, null, "sendgrid"));
        }
        return Optional.empty();
    }

    private boolean unsubscribe(UUID account, String email, String messageId) {
        if (email == null) return false;
        Optional<SentMessage> m = messages.findByMessageId(messageId).filter(x -> x.accountId().equals(account));
        if (m.isEmpty()) m = messages.latestTo(account, Channel.EMAIL, InboundProcessor.clean(email));
        return m.isPresent() && recorder.unsubscribe(m.get(), Channel.EMAIL, "sendgrid", null, null);
    }

    /** Why a call is refused, or null when its signature holds and its timestamp is fresh. */
    String refusal(PublicKey key, String signature, String timestamp, byte[] body) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            return "unsigned SendGrid call: " + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER + " are required";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "bad " + TIMESTAMP_HEADER;
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > props.webhookMaxAge().toSeconds()) {
            return "stale SendGrid call (timestamp outside fairsend.feedback.webhook-max-age)";
        }
        try {
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(key);
            v.update(timestamp.strip().getBytes(StandardCharsets.UTF_8));
            v.update(body);
            return v.verify(Base64.getDecoder().decode(signature.strip())) ? null : "invalid SendGrid signature";
        } catch (Exception e) {
            return "invalid SendGrid signature (" + e.getClass().getSimpleName() + ")";
        }
    }

    static Optional<PublicKey> parseKey(String base64) {
        try {
            PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return k instanceof ECPublicKey ? Optional.of(k) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
