package org.fairsend.feedback.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fairsend.accounts.Caller;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.classify.BounceClassifier;
import org.fairsend.feedback.classify.Classification;
import org.fairsend.feedback.classify.Kind;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.Tokens;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provider webhooks, for accounts that relay through an upstream ESP: their bounce and complaint
 * notifications enter the same pipeline as inbound mail (stored raw first, then recorded).
 *
 * <p>Authentication. Every webhook URL carries a per-account signed token ({@code /webhooks/ses/{token}},
 * {@code /webhooks/mailgun/{token}}, {@code /webhooks/sendgrid/{token}}, from {@code GET /api/webhooks}): it
 * names the account, so a notification can only affect that account's messages. On top of it each provider's own
 * signature is checked: Amazon SES through SNS by the SNS message signature ({@link SnsVerifier}: the signing
 * certificate fetched from an allowed AWS host only); Mailgun by HMAC-SHA256 of {@code timestamp + token} with the
 * webhook signing key ({@code fairsend.feedback.mailgun-signing-key}); SendGrid by its signed event webhook
 * ({@link SendGridWebhookController}). Timestamps older than {@code fairsend.feedback.webhook-max-age} are refused.
 */
@RestController
class WebhookController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PURPOSE = "webhook";

    private final Tokens tokens;
    private final SmsReplies replies;
    private final FairsendProperties platform;
    private final FeedbackProperties props;
    private final InboundStore store;
    private final BounceClassifier classifier;
    private final SentMessages messages;
    private final FeedbackRecorder recorder;
    private final Clock clock;
    private final SnsVerifier sns;

    WebhookController(Tokens tokens, FairsendProperties platform, FeedbackProperties props, InboundStore store,
            BounceClassifier classifier, SentMessages messages, FeedbackRecorder recorder, Clock clock, SnsVerifier sns,
            SmsReplies replies) {
        this.sns = sns;
        this.replies = replies;
        this.tokens = tokens;
        this.platform = platform;
        this.props = props;
        this.store = store;
        this.classifier = classifier;
        this.messages = messages;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** The calling account's webhook URLs, to configure at its ESP. */
    @GetMapping("/api/webhooks")
    Map<String, String> urls() {
        String token = tokens.sign(PURPOSE, Caller.current().accountId().toString(), Instant.ofEpochSecond(4102444800L));
        return Map.of("ses", platform.publicUrl() + "/webhooks/ses/" + token, "mailgun", platform.publicUrl() + "/webhooks/mailgun/" + token,
                "sendgrid", platform.publicUrl() + "/webhooks/sendgrid/" + token,
                "smsReplies", platform.publicUrl() + "/webhooks/sms/" + token);
    }

    /**
     * Amazon SES through SNS. Every message must carry a valid SNS signature (refused with 403 otherwise, and not
     * stored); a SubscriptionConfirmation is confirmed by fetching its SubscribeURL (on an allowed SNS host only).
     */
    @PostMapping("/webhooks/ses/{token}")
    ResponseEntity<Map<String, Object>> ses(@PathVariable String token, @RequestBody(required = false) byte[] body) {
        UUID account = accountOrRefuse(token);
        byte[] raw = body == null ? new byte[0] : body;
        String text = new String(raw, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new RuleViolation(403, "Signature", "X-3", "an SES webhook call must be a signed SNS message (the body is not JSON)");
        }
        if (root == null || !root.isObject()) {
            throw new RuleViolation(403, "Signature", "X-3", "an SES webhook call must be a signed SNS message");
        }
        try {
            sns.verify(root);
        } catch (SnsVerifier.Refused e) {
            throw new RuleViolation(403, "Signature", "X-3", "SNS signature refused: " + e.getMessage());
        }
        String type = root.path("Type").asString("");
        String url = root.path("SubscribeURL").asString(null);
        if (type.equals("SubscriptionConfirmation") && (url == null || !sns.allowed(url))) {
            throw new RuleViolation(403, "SubscribeURL", "X-3", "SubscribeURL is not on an allowed SNS host: " + url);
        }
        long id = store.store("ses", null, "account:" + account, null, raw);
        if (type.equals("SubscriptionConfirmation")) {
            try {
                int status = sns.confirm(url);
                store.finish(id, status / 100 == 2 ? "processed" : "unparsed", "SNS subscription confirmed: HTTP " + status, null);
                return ResponseEntity.ok(Map.of("status", status / 100 == 2 ? "subscription-confirmed" : "subscription-failed",
                        "id", id, "httpStatus", status));
            } catch (SnsVerifier.Refused e) {
                store.finish(id, "unparsed", null, e.getMessage());
                return ResponseEntity.ok(Map.of("status", "subscription-failed", "id", id));
            }
        }
        if (!type.equals("Notification")) {
            store.finish(id, "ignored", "SNS " + type, null);
            return ResponseEntity.ok(Map.of("status", "ignored", "id", id));
        }
        try {
            List<Classification> found = classifier.classifyNotification(text);
            if (found.isEmpty()) {
                store.finish(id, "unparsed", null, "not an SES notification");
                return ResponseEntity.ok(Map.of("status", "unparsed", "id", id));
            }
            return ResponseEntity.ok(apply(account, found, "ses", id));
        } catch (RuntimeException e) {
            store.finish(id, "unparsed", null, e.toString());
            return ResponseEntity.ok(Map.of("status", "unparsed", "id", id));
        }
    }

    /**
     * Mobile-originated SMS posted by an aggregator: JSON {@code {"from": "+336...", "to": "36111", "text": "STOP"}}
     * or the same as form fields ({@code msisdn}/{@code from}, {@code to}, {@code text}/{@code message}). The token
     * names the account: a STOP unsubscribes the number from that account's SMS at once.
     */
    @PostMapping("/webhooks/sms/{token}")
    ResponseEntity<Map<String, Object>> smsReply(@PathVariable String token, @RequestBody(required = false) byte[] body,
            @org.springframework.web.bind.annotation.RequestParam Map<String, String> form) {
        Optional<UUID> account = account(token);
        if (account.isEmpty()) return refused("invalid webhook token");
        String from = form.getOrDefault("from", form.get("msisdn"));
        String to = form.get("to");
        String text = form.getOrDefault("text", form.get("message"));
        if (from == null && body != null && body.length > 0) {
            try {
                JsonNode root = JSON.readTree(body);
                from = root.path("from").asString(root.path("msisdn").asString(null));
                to = root.path("to").asString(null);
                text = root.path("text").asString(root.path("message").asString(null));
            } catch (RuntimeException e) {
                return ResponseEntity.badRequest().body(Map.of("error", "not JSON", "field", "body"));
            }
        }
        if (from == null || from.isBlank() || Addresses.phoneOrEmpty(from, "FR").isEmpty()) {
            return ResponseEntity.unprocessableEntity().body(Map.of("error", "from must be the sender's phone number", "field", "from",
                    "rule", "R-17"));
        }
        var outcome = replies.handle(account.get(), from, to, text == null ? "" : text, "webhook");
        return ResponseEntity.ok(Map.of("id", outcome.replyId(), "keyword", outcome.keyword(), "result", outcome.result()));
    }

    @PostMapping("/webhooks/mailgun/{token}")
    ResponseEntity<Map<String, Object>> mailgun(@PathVariable String token, @RequestBody(required = false) byte[] body) {
        Optional<UUID> account = account(token);
        if (account.isEmpty()) return refused("invalid webhook token");
        if (props.mailgunSigningKey() == null) return refused("Mailgun webhooks are not enabled (no signing key set)");
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? new byte[0] : body);
        } catch (RuntimeException e) {
            return refused("not JSON");
        }
        JsonNode sig = root.path("signature");
        if (!mailgunSignatureValid(sig.path("timestamp").asString(""), sig.path("token").asString(""), sig.path("signature").asString(""))) {
            return refused("invalid Mailgun signature");
        }
        long id = store.store("mailgun", null, "account:" + account.get(), null, body);
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
                Integer code = ds.path("code").isNumber() ? ds.path("code").asInt() : null;
                Classification c = classifier.classifyReply(recipient, code, text);
                found.add(new Classification(c.kind(), c.recipient(), c.status(), c.replyCode(), c.reason(), c.diagnostic(), null,
                        messageId, null, recipient, null, "mailgun"));
            } else if (event.equals("complained")) {
                found.add(new Classification(Kind.COMPLAINT, recipient, null, null, "feedback", null, "abuse", messageId, null,
                        recipient, null, "mailgun"));
            } else {
                store.finish(id, "ignored", "event " + event, null);
                return ResponseEntity.ok(Map.of("status", "ignored", "id", id));
            }
            return ResponseEntity.ok(apply(account.get(), found, "mailgun", id));
        } catch (RuntimeException e) {
            store.finish(id, "unparsed", null, e.toString());
            return ResponseEntity.ok(Map.of("status", "unparsed", "id", id));
        }
    }

    /** Ties each report to the account's message (Message-ID, else the account's latest message to the recipient) and records it. */
    Map<String, Object> apply(UUID accountId, List<Classification> found, String source, long inboundId) {
        List<String> outcomes = new ArrayList<>();
        int recorded = 0;
        for (Classification c : found) {
            if (!c.isBounce() && c.kind() != Kind.COMPLAINT) {
                outcomes.add(c.kind().label());
                continue;
            }
            Optional<SentMessage> m = messages.findByMessageId(c.originalMessageId()).filter(x -> x.accountId().equals(accountId));
            if (m.isEmpty() && c.recipient() != null) m = messages.latestTo(accountId, Channel.EMAIL, InboundProcessor.clean(c.recipient()));
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
        return Map.of("status", status, "id", inboundId, "recorded", recorded);
    }

    boolean mailgunSignatureValid(String timestamp, String token, String signature) {
        try {
            long ts = Long.parseLong(timestamp);
            if (Math.abs(clock.instant().getEpochSecond() - ts) > props.webhookMaxAge().toSeconds()) return false;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(props.mailgunSigningKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                    signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    UUID accountOrRefuse(String token) {
        return account(token).orElseThrow(() -> new RuleViolation(401, "token", "X-3", "invalid webhook token"));
    }

    private Optional<UUID> account(String token) {
        try {
            return Optional.of(UUID.fromString(tokens.verify(PURPOSE, token)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ResponseEntity<Map<String, Object>> refused(String why) {
        throw new RuleViolation(401, "signature", "X-3", why);
    }
}
