package org.fairsend.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13: the webhook bodies (SES/SNS, Mailgun, SendGrid event arrays, SMS replies, call tracking, voice callbacks)
 * fuzzed through real HTTP against the running application on PostgreSQL: arbitrary and mutated JSON, unsigned and
 * (where the test knows the secret) validly signed, so that the parsing behind the authentication runs too. Nothing
 * may answer 5xx: a malformed or unauthenticated call is a 4xx (the exact one depends on the authentication, which
 * another part of issue 13 tightens), a well-formed one a 2xx. Tries are modest: each is an HTTP call and a
 * transaction. Generation is jqwik's, with a seed printed on failure to replay it ({@code -Dfairsend.fuzz.seed}).
 */
@PostgresTest
class WebhookFuzzTest {

    static final int TRIES = Integer.getInteger("fairsend.fuzz.webhook-tries", 100);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    Fixtures fixtures;

    record Call(String path, byte[] body, String contentType, Map<String, String> headers) {
        @Override
        public String toString() {
            return path + " " + contentType + " " + headers.keySet() + " " + new String(body, StandardCharsets.UTF_8)
                    .substring(0, Math.min(body.length, 300)).replaceAll("\\p{Cntrl}", "?");
        }
    }

    int send(Call c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixtures.port() + c.path()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", c.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** JSON shaped like the providers' bodies, with arbitrary values, cut, doubled, nested deep or bytes flipped. */
    static Arbitrary<String> json() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(WebhookFuzzTest::quote),
                Arbitraries.of("null", "0", "-1", "1e999", "123456789012345678901234567890", "true", "[]", "{}", "\"\"",
                        "\"\\u0000\"", "\"a\\u0000@b.example\"", "\"\\ud800\"", "\"+33612345678\"", "\"STOP\"", "\"CONTACT\"",
                        "\"a@b.example\"", "\"bounce\"", "\"failed\"", "\"permanent\"", "\"complained\"", "\"Notification\"",
                        "\"2026-01-01T00:00:00Z\"", "\"delivered\"", "\"opted_out\"", "\"call.started\"", "\"x\".repeat(1)"));
        Arbitrary<String> field = Combinators.combine(Arbitraries.of("event", "email", "recipient", "from", "to", "text", "message",
                "msisdn", "Type", "Message", "notificationType", "severity", "smtp-id", "reason", "status", "type", "callId", "at",
                "duration", "messageId", "providerRef", "detail", "event-data", "delivery-status", "signature", "timestamp", "token"),
                scalar).as((k, v) -> quote(k) + ":" + v);
        Arbitrary<String> object = field.list().ofMaxSize(12).map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> nested = Combinators.combine(object, object).as((a, b) -> a.replaceFirst("\\}$",
                (a.length() > 2 ? "," : "") + "\"event-data\":" + b + ",\"delivery-status\":" + b + "}"));
        Arbitrary<String> array = Arbitraries.oneOf(object, nested).list().ofMaxSize(5).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> any = Arbitraries.oneOf(object, nested, array);
        return Arbitraries.oneOf(any, any,
                Combinators.combine(any, Arbitraries.integers().between(0, 500)).as((s, n) -> s.substring(0, Math.min(n, s.length()))),
                Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.strings().ofMaxLength(200));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.append('"').toString();
    }

    static String hmacHex(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void noWebhookAnswers5xxWhateverItIsSent() throws Exception {
        var account = fixtures.account();
        var urls = account.api().get("/api/webhooks").json();
        String ses = urls.get("ses").asString().replaceFirst("https?://[^/]+", "");
        String mailgun = urls.get("mailgun").asString().replaceFirst("https?://[^/]+", "");
        String sendgrid = urls.get("sendgrid").asString().replaceFirst("https?://[^/]+", "");
        String sms = urls.get("smsReplies").asString().replaceFirst("https?://[^/]+", "");
        // SendGrid's signed event webhook: the account's verification key, so that signed calls reach the parser
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair sendgridKey = g.generateKeyPair();
        account.api().put("/api/webhooks/sendgrid-key",
                Map.of("publicKey", Base64.getEncoder().encodeToString(sendgridKey.getPublic().getEncoded())));

        long seed = Long.getLong("fairsend.fuzz.seed", new java.util.Random().nextLong());
        List<String> fiveHundreds = new ArrayList<>();
        JqwikSession.run(Long.toString(seed), () -> {
            List<String> bodies = json().sampleStream().limit(TRIES).toList();
            for (String body : bodies) {
                byte[] raw = body.getBytes(StandardCharsets.UTF_8);
                String ts = Long.toString(Instant.now().getEpochSecond());
                String mailgunToken = UUID.randomUUID().toString();
                String signedMailgun = "{\"signature\":{\"timestamp\":\"" + ts + "\",\"token\":\"" + mailgunToken + "\",\"signature\":\""
                        + hmacHex("test-mailgun-signing-key", ts + mailgunToken) + "\"},\"event-data\":" + body + "}";
                Signature ecdsa = Signature.getInstance("SHA256withECDSA");
                ecdsa.initSign(sendgridKey.getPrivate());
                ecdsa.update(ts.getBytes(StandardCharsets.UTF_8));
                ecdsa.update(raw);
                String sendgridSignature = Base64.getEncoder().encodeToString(ecdsa.sign());
                List<Call> calls = List.of(
                        new Call(ses, raw, "text/plain", Map.of()),
                        new Call("/webhooks/ses/forged", raw, "application/json", Map.of()),
                        new Call(mailgun, raw, "application/json", Map.of()),
                        new Call(mailgun, signedMailgun.getBytes(StandardCharsets.UTF_8), "application/json", Map.of()),
                        new Call(sendgrid, raw, "application/json", Map.of()),
                        new Call(sendgrid, raw, "application/json", Map.of("X-Twilio-Email-Event-Webhook-Signature", sendgridSignature,
                                "X-Twilio-Email-Event-Webhook-Timestamp", ts)),
                        new Call(sms, raw, "application/json", Map.of()),
                        new Call(sms, ("from=%2B33612345678&text=" + java.net.URLEncoder.encode(body, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", Map.of()),
                        new Call("/webhooks/calltracking", raw, "application/json", Map.of()),
                        new Call("/webhooks/calltracking", raw, "application/json", Map.of("Authorization", "Bearer test-calltracking-token")),
                        new Call("/webhooks/calltracking", raw, "application/json", Map.of("X-Fairsend-Timestamp", ts,
                                "X-Fairsend-Signature", "sha256=" + hmacHex("test-calltracking-secret", ts + "." + body))),
                        new Call("/webhooks/voice", raw, "application/json", Map.of()));
                for (Call c : calls) {
                    int status = send(c);
                    if (status >= 500) fiveHundreds.add(status + " " + c);
                }
            }
        });
        assertThat(fiveHundreds).as("seed " + seed).isEmpty();
    }
}
