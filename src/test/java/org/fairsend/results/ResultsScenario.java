package org.fairsend.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import tools.jackson.databind.JsonNode;

/** Helpers of the results tests: a real campaign through GreenMail, and its feedback through the real endpoints. */
public final class ResultsScenario {

    public static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    public static final String SCANNER = "Mozilla/5.0 (compatible; Barracuda Sentinel URL scanner)";
    /** Apple Mail Privacy Protection's prefetch: a bare agent (feedback/machine-signals.json). */
    public static final String MPP = "Mozilla/5.0";
    public static final String PAIN = "https://boulangerie.example/pain";
    public static final String HORAIRES = "https://boulangerie.example/horaires";
    public static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }},</p>
            <p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois.</p>
            <p><a href="https://boulangerie.example/pain">Voir le pain</a></p>
            <p><a href="https://boulangerie.example/horaires">Nos horaires</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    private ResultsScenario() {}

    /** Starts the campaign; {@code POST /start} answers with the campaign (issue 20), then it finishes. */
    public static JsonNode startAndFinish(Api api, String id) {
        var r = api.post("/api/campaigns/" + id + "/start", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        return r.json();
    }

    public static String campaign(EmailSetup.Sending s, String name) {
        return EmailSetup.campaign(s, "Le pain de campagne revient", HTML, Map.of("name", name));
    }

    public static MimeMessage received(GreenMailExtension mail, String address) throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> find(mail, address) != null);
        return find(mail, address);
    }

    private static MimeMessage find(GreenMailExtension mail, String address) throws Exception {
        MimeMessage found = null;
        for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) {
            if (m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(address)) found = m.getMimeMessage();
        }
        return found;
    }

    public static String verp(MimeMessage m) throws Exception {
        return m.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim();
    }

    /** A sample DSN of the corpus fed to the inbound SMTP listener with swaks, only the RCPT rewritten to the VERP address. */
    public static void bounce(int inboundPort, String verp, String corpusFile) throws Exception {
        Path data = org.fairsend.feedback.classify.Corpus.bounces().resolve(Path.of("eml", "sisimai", corpusFile));
        Process p = new ProcessBuilder("swaks", "--server", "127.0.0.1:" + inboundPort, "--from", "MAILER-DAEMON@mx.clients.example",
                "--to", verp, "--data", data.toString(), "--timeout", "20").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    /** A Mailgun "complained" event, signed with the test's Mailgun key, posted to the account's webhook URL. */
    public static void mailgunComplaint(Api account, Api web, String recipient, MimeMessage m) throws Exception {
        String path = account.get("/api/webhooks").json().get("mailgun").asString().replaceFirst("https?://[^/]+", "");
        String ts = String.valueOf(java.time.Instant.now().getEpochSecond());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("test-mailgun-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = java.util.HexFormat.of().formatHex(mac.doFinal((ts + "tok-results").getBytes(StandardCharsets.UTF_8)));
        String body = """
                {"signature":{"timestamp":"%s","token":"tok-results","signature":"%s"},
                 "event-data":{"event":"complained","recipient":"%s","message":{"headers":{"message-id":"%s"}}}}"""
                .formatted(ts, sig, recipient, m.getHeader("Message-ID")[0].replaceAll("[<>]", ""));
        var r = web.postRaw(path, body, "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The figure {@code key} of the results' first channel. */
    public static JsonNode figure(JsonNode results, String key) {
        for (JsonNode f : results.get("channels").get(0).get("figures")) if (f.get("key").asString().equals(key)) return f;
        throw new AssertionError("no figure " + key + " in " + results);
    }

    /** Asserts a figure's value, and its rate over the named denominator (null: no rate). */
    public static void assertFigure(JsonNode results, String key, long value, String over, Double rate) {
        JsonNode f = figure(results, key);
        assertThat(f.get("value").asLong()).as(key + " in " + results).isEqualTo(value);
        if (over == null) {
            assertThat(f.get("denominator").isNull()).as(key).isTrue();
        } else {
            assertThat(f.get("denominator").asString()).as(key).isEqualTo(over);
            if (rate == null) assertThat(f.get("rate").isNull()).as(key).isTrue();
            else assertThat(f.get("rate").asDouble()).as(key + " rate").isEqualTo(rate);
        }
        assertThat(f.get("meaning").asString()).as(key + " says what it counts").isNotBlank();
    }
}
