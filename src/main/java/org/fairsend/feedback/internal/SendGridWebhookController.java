package org.fairsend.feedback.internal;

import org.fairsend.feedback.UnsubscribeSource;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.servlet.http.HttpServletRequest;
import org.fairsend.accounts.Caller;
import org.fairsend.accounts.Integration;
import org.fairsend.accounts.IntegrationEndpoint;
import org.fairsend.accounts.IntegrationSecrets;
import org.fairsend.delivery.SentMessage;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.feedback.classify.Kind;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.WebhookGuard;
import org.springframework.http.ResponseEntity;
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
 * <p>Authentication, before anything is stored (issue 13): the account's webhook token in the URL, and SendGrid's signed
 * event webhook: an ECDSA (P-256, SHA-256) signature, base64 DER in {@code X-Twilio-Email-Event-Webhook-Signature}, over
 * the timestamp of {@code X-Twilio-Email-Event-Webhook-Timestamp} (at most {@code fairsend.feedback.webhook-max-age}
 * from now) followed by the raw body, checked with the account's SendGrid verification key: its integration secret
 * ({@code POST /api/integrations/sendgrid/secrets} or {@code PUT /api/webhooks/sendgrid-key}; the replaced key keeps
 * working during the grace period), else a key set before issue 13 ({@code webhook_key}). Unsigned, badly signed or
 * stale calls are refused with 401 problem+json and not stored; a body that is not a JSON array with 400.
 */
@RestController
class SendGridWebhookController implements IntegrationEndpoint {

    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record KeyRequest(String publicKey) {}

    private final WebhookStore webhookStore;
    private final WebhookController webhooks;
    private final InboundStore store;
    private final BounceClassifier classifier;
    private final FeedbackRecorder recorder;
    private final FeedbackProperties props;
    private final Clock clock;
    private final IntegrationSecrets secrets;
    private final WebhookGuard guard;
    private final ProvenMessages proven;

    SendGridWebhookController(WebhookStore webhookStore, WebhookController webhooks, InboundStore store, BounceClassifier classifier,
            FeedbackRecorder recorder, FeedbackProperties props, Clock clock, IntegrationSecrets secrets,
            WebhookGuard guard, ProvenMessages proven) {
        this.proven = proven;
        this.webhookStore = webhookStore;
        this.webhooks = webhooks;
        this.store = store;
        this.classifier = classifier;
        this.recorder = recorder;
        this.props = props;
        this.clock = clock;
        this.secrets = secrets;
        this.guard = guard;
    }

    /** This controller receives SendGrid's webhooks. */
    @Override
    public Integration integration() {
        return Integration.SENDGRID;
    }

    /** No platform-wide SendGrid key: each account sets its own. */
    @Override
    public List<String> configured() {
        return List.of();
    }

    /** A SendGrid verification key given at rotation must be an ECDSA public key. */
    @Override
    public String refusal(String secret) {
        return parseKey(secret).isEmpty() ? "not an ECDSA public key: give SendGrid's verification key, base64 of its DER" : null;
    }

    /** The answer to setting the key: the replaced key stays valid until {@code previousValidUntil}. */
    record KeySet(String provider, boolean configured, java.time.Instant previousValidUntil) {}

    /**
     * Sets the calling account's SendGrid verification key (the base64 public key SendGrid shows for its signed
     * webhook): a rotation of its SendGrid integration secret, the replaced key valid for the grace period.
     */
    @PutMapping("/api/webhooks/sendgrid-key")
    KeySet setKey(@RequestBody KeyRequest request) {
        String key = request == null || request.publicKey() == null ? "" : request.publicKey().replaceAll("\\s+", "");
        if (parseKey(key).isEmpty()) {
            throw new RuleViolation("publicKey", "X-3",
                    "not an ECDSA public key: give SendGrid's verification key, base64 of its DER (SubjectPublicKeyInfo)");
        }
        Caller caller = Caller.current();
        var rotated = secrets.rotate(Integration.SENDGRID, caller.accountId(), key, caller.actor());
        return new KeySet("sendgrid", true, rotated.previousValidUntil());
    }

    @PostMapping("/webhooks/sendgrid/{token}")
    ResponseEntity<WebhookController.Answer> events(@PathVariable String token, HttpServletRequest request,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp) {
        UUID account = webhooks.accountOrRefuse(token, "sendgrid", request);
        byte[] raw = guard.body(request);
        List<PublicKey> keys = keys(account);
        String why = keys.isEmpty()
                ? "SendGrid webhooks are not enabled for this account: set its verification key with PUT /api/webhooks/sendgrid-key"
                : refusal(keys, signature, timestamp, raw);
        if (why != null) throw guard.refused("sendgrid", 401, SIGNATURE_HEADER, "X-3", why, request.getRemoteAddr());
        JsonNode root = WebhookController.json(raw);
        if (root == null || !root.isArray()) throw new RuleViolation(400, "body", "json", "a SendGrid event webhook call is a JSON array of events");
        long id = store.store("sendgrid", null, "account:" + account, null, raw);
        try {
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
            WebhookController.Answer out;
            if (!found.isEmpty()) {
                out = webhooks.apply(account, found, "sendgrid", id);
            } else {
                store.finish(id, unsubscribed > 0 ? "processed" : "ignored",
                        unsubscribed + " unsubscribes; ignored: " + String.join(",", ignored), null);
                out = WebhookController.Answer.of(unsubscribed > 0 ? "processed" : "ignored", id);
            }
            return ResponseEntity.ok(out.unsubscribed(unsubscribed));
        } catch (RuntimeException e) {
            store.finish(id, "unparsed", null, e.toString());
            return ResponseEntity.ok(WebhookController.Answer.of("unparsed", id));
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
        Optional<SentMessage> m = proven.byMessageId(messageId, account);
        return m.isPresent() && recorder.unsubscribe(m.get(), Channel.EMAIL, UnsubscribeSource.SENDGRID, null, null);
    }

    /** The account's SendGrid verification keys: its integration secrets, else a key set before they existed. */
    private List<PublicKey> keys(UUID account) {
        IntegrationSecrets.Accepted accepted = secrets.accepted(Integration.SENDGRID, account);
        List<String> encoded = accepted.none()
                ? webhookStore.legacySendGridKeys(account)
                : accepted.secrets();
        return encoded.stream().map(SendGridWebhookController::parseKey).flatMap(Optional::stream).toList();
    }

    /** Why a call is refused, or null when its signature holds under one of the keys and its timestamp is fresh. */
    String refusal(List<PublicKey> keys, String signature, String timestamp, byte[] body) {
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
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return "invalid SendGrid signature (not base64)";
        }
        for (PublicKey key : keys) {
            try {
                Signature v = Signature.getInstance("SHA256withECDSA");
                v.initVerify(key);
                v.update(timestamp.strip().getBytes(StandardCharsets.UTF_8));
                v.update(body);
                if (v.verify(sig)) return null;
            } catch (Exception e) {
                // a malformed signature under this key: try the next one
            }
        }
        return "invalid SendGrid signature";
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
