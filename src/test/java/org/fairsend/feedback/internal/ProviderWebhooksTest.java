package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Provider webhooks authenticated for real (issue 4, X-3, R-16): Amazon SES through SNS with SNS message signatures
 * checked against a certificate fetched from a real HTTP server ({@link SnsTestPeer}), and SendGrid's signed event
 * webhook checked with an ECDSA key pair made here. Good calls are applied (bounce, complaint, unsubscribe and
 * suppression); tampered, unsigned and stale ones are refused with 401 problem+json and change nothing (issue 13).
 */
@PostgresTest
class ProviderWebhooksTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }}, nos croissants au beurre sont de retour ce samedi.</p>
            <p><a href="https://boulangerie.example/croissants">Voir les croissants</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    static EmailSetup.Sending sending;
    static Map<String, String> urls;

    @BeforeEach
    void campaign() {
        if (sending != null) return;
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "hook", "clients-wh.example", 8);
        String id = EmailSetup.campaign(s, "Les croissants reviennent", HTML, Map.of());
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.account().api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        // SES notifications count only from the topics the account lists (issue 13)
        assertThat(s.account().api().put("/api/integrations/ses/topics", Map.of("topicArns", List.of(SnsTestPeer.TOPIC))).status())
                .isEqualTo(200);
        var json = s.account().api().get("/api/webhooks").json();
        urls = Map.of("ses", path(json.get("ses").asString()), "sendgrid", path(json.get("sendgrid").asString()));
        sending = s;
    }

    private static String path(String url) {
        return url.replaceFirst("https?://[^/]+", "");
    }

    private static String messageId(String address) throws Exception {
        for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) {
            MimeMessage mm = m.getMimeMessage();
            if (mm.getAllRecipients()[0].toString().equalsIgnoreCase(address)) return mm.getHeader("Message-ID")[0];
        }
        throw new AssertionError("nothing received for " + address);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private UUID account() {
        return sending.account().id();
    }

    private long suppressed(String address, String reason) {
        return count("select count(*) from suppression where account_id = ? and address = ? and reason = ?", account(), address, reason);
    }

    private static void assertRefused(Api.Response r, String detail) {
        assertRefused(r, 401, detail);
    }

    private static void assertRefused(Api.Response r, int status, String detail) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"rule\":\"X-3\"").contains(detail);
    }

    @Test
    void sesThroughSnsOnlySignedMessagesAreApplied() throws Exception {
        SnsTestPeer sns = SnsTestPeer.get();
        Api web = fixtures.anonymous();
        String bounced = "hook1@clients-wh.example";
        long storedBefore = count("select count(*) from inbound_message where source = 'ses'");

        // a subscription confirmation, signed (SignatureVersion 1, SHA1withRSA): confirmed by fetching SubscribeURL
        var confirmed = web.postRaw(urls.get("ses"), SnsTestPeer.json(sns.subscription("127.0.0.1")), "text/plain");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("subscription-confirmed");
        assertThat(sns.confirmations).anySatisfy(q -> assertThat(q).contains("Token=2336412f37fb687f5d51e6e2425dacbba"));
        int fetched = sns.certificateFetches.get(); // the certificate is known to this application from here on

        // a SubscribeURL elsewhere than on an allowed host is never fetched
        int confirmations = sns.confirmations.size();
        assertRefused(web.postRaw(urls.get("ses"), SnsTestPeer.json(sns.subscription("localhost")), "text/plain"), 403, "SubscribeURL");
        assertThat(sns.confirmations).hasSize(confirmations);

        // a bounce notification whose Message was changed after signing: refused, nothing recorded or stored
        ObjectNode good = sns.notification(SnsTestPeer.sesBounce(bounced, messageId(bounced)), "2");
        ObjectNode tampered = good.deepCopy();
        tampered.put("Message", SnsTestPeer.sesBounce("hook2@clients-wh.example", messageId("hook2@clients-wh.example")));
        assertRefused(web.postRaw(urls.get("ses"), SnsTestPeer.json(tampered), "text/plain"), "does not match");
        // unsigned, and signed by another key while claiming the SNS certificate
        ObjectNode unsigned = good.deepCopy();
        unsigned.remove("Signature");
        assertRefused(web.postRaw(urls.get("ses"), SnsTestPeer.json(unsigned), "text/plain"), "no Signature");
        ObjectNode unversioned = good.deepCopy();
        unversioned.remove("SignatureVersion");
        assertRefused(web.postRaw(urls.get("ses"), SnsTestPeer.json(unversioned), "text/plain"), "SignatureVersion");
        ObjectNode intruder = SnsTestPeer.sign(good.deepCopy(), sns.intruder);
        assertRefused(web.postRaw(urls.get("ses"), SnsTestPeer.json(intruder), "text/plain"), "does not match");
        // a certificate on a host the pattern does not allow (the same server, named localhost) is never fetched
        int fetches = sns.certificateFetches.get();
        ObjectNode elsewhere = good.deepCopy();
        elsewhere.put("SigningCertURL", sns.base("localhost") + "/SimpleNotificationService-test.pem");
        SnsTestPeer.sign(elsewhere, sns.key);
        assertRefused(web.postRaw(urls.get("ses"), SnsTestPeer.json(elsewhere), "text/plain"), "not on an allowed SNS host");
        assertThat(sns.certificateFetches.get()).isEqualTo(fetches);
        var notJson = web.postRaw(urls.get("ses"), "not json at all", "text/plain");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
        assertThat(count("select count(*) from bounce where recipient in (?, ?)", bounced, "hook2@clients-wh.example")).isZero();
        assertThat(count("select count(*) from inbound_message where source = 'ses'")).isEqualTo(storedBefore + 1);

        // the genuine notification (SignatureVersion 2, SHA256withRSA) is applied: hard bounce, suppressed at once
        var accepted = web.postRaw(urls.get("ses"), SnsTestPeer.json(good), "text/plain");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("recorded").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from bounce where recipient = ? and source = 'ses' and kind = 'hard'", bounced)).isEqualTo(1);
        assertThat(suppressed(bounced, "hard_bounce")).isEqualTo(1);
        assertThat(count("select count(*) from bounce where recipient = ?", "hook2@clients-wh.example")).isZero();
        // the certificate was fetched once and cached (the peer is shared by every application context of the JVM)
        assertThat(sns.certificateFetches.get()).isEqualTo(fetched);

        // without the account's token nothing is even looked at
        assertThat(web.postRaw("/webhooks/ses/forged-token", SnsTestPeer.json(good), "text/plain").status()).isEqualTo(401);
    }

    private static String sign(KeyPair keys, String timestamp, String body) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    private static Api.Response sendgrid(Api web, String path, String body, String signature, String timestamp) {
        Api a = web;
        if (signature != null) a = a.withHeader(SendGridWebhookController.SIGNATURE_HEADER, signature);
        if (timestamp != null) a = a.withHeader(SendGridWebhookController.TIMESTAMP_HEADER, timestamp);
        return a.postRaw(path, body, "application/json");
    }

    @Test
    void sendGridSignedEventWebhook() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        Api web = fixtures.anonymous();
        String path = urls.get("sendgrid");
        String hard = "hook3@clients-wh.example", blocked = "hook4@clients-wh.example", spam = "hook5@clients-wh.example",
                unsub = "hook6@clients-wh.example", dropped = "hook7@clients-wh.example";
        String body = """
                [{"email":"%s","timestamp":1764644400,"smtp-id":"%s","event":"bounce","type":"bounce","status":"5.1.1",
                  "reason":"550 5.1.1 The email account that you tried to reach does not exist.","sg_event_id":"e1"},
                 {"email":"%s","timestamp":1764644401,"smtp-id":"%s","event":"bounce","type":"blocked","status":"5.7.1",
                  "reason":"554 5.7.1 Service unavailable; Client host blocked using zen.spamhaus.org","sg_event_id":"e2"},
                 {"email":"%s","timestamp":1764644402,"smtp-id":"%s","event":"spamreport","sg_event_id":"e3"},
                 {"email":"%s","timestamp":1764644403,"smtp-id":"%s","event":"unsubscribe","sg_event_id":"e4"},
                 {"email":"%s","timestamp":1764644404,"smtp-id":"%s","event":"dropped","reason":"Bounced Address","sg_event_id":"e5"},
                 {"email":"%s","timestamp":1764644405,"event":"delivered","sg_event_id":"e6"},
                 {"email":"%s","timestamp":1764644406,"event":"dropped","reason":"Bounced Address","sg_event_id":"e7"},
                 {"email":"%s","timestamp":1764644407,"event":"spamreport","sg_event_id":"e8"}]"""
                .formatted(hard, messageId(hard), blocked, messageId(blocked), spam, messageId(spam), unsub, messageId(unsub), dropped,
                        messageId(dropped), "hook8@clients-wh.example", "hook1@clients-wh.example", "hook2@clients-wh.example");
        String now = String.valueOf(Instant.now().getEpochSecond());

        // before the account sets its verification key, even a signed call is refused
        assertRefused(sendgrid(web, path, body, sign(keys, now, body), now), "not enabled for this account");
        // the key must be an ECDSA public key
        var bad = sending.account().api().put("/api/webhooks/sendgrid-key", Map.of("publicKey", "bm90IGEga2V5"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("publicKey").contains("X-3");
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        assertThat(sending.account().api().put("/api/webhooks/sendgrid-key", Map.of("publicKey", publicKey)).status()).isEqualTo(200);

        // unsigned, tampered, stale: refused, nothing applied
        assertRefused(sendgrid(web, path, body, null, null), "unsigned");
        assertRefused(sendgrid(web, path, body.replace(hard, "hook8@clients-wh.example"), sign(keys, now, body), now),
                "invalid SendGrid signature");
        String old = String.valueOf(Instant.now().minus(Duration.ofHours(2)).getEpochSecond());
        assertRefused(sendgrid(web, path, body, sign(keys, old, body), old), "stale");
        assertThat(count("select count(*) from bounce where recipient in (?, ?)", hard, "hook8@clients-wh.example")).isZero();

        // the genuine call: every event applied at once
        var accepted = sendgrid(web, path, body, sign(keys, now, body), now);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(count("select count(*) from bounce where recipient = ? and source = 'sendgrid' and kind = 'hard' and status_code = '5.1.1'",
                hard)).isEqualTo(1);
        assertThat(suppressed(hard, "hard_bounce")).isEqualTo(1);
        assertThat(count("select count(*) from bounce where recipient = ? and kind = 'soft' and reason = 'blocked'", blocked)).isEqualTo(1);
        assertThat(count("select count(*) from suppression where account_id = ? and address = ?", account(), blocked)).isZero();
        assertThat(count("select count(*) from complaint where recipient = ? and source = 'sendgrid'", spam)).isEqualTo(1);
        assertThat(suppressed(spam, "complaint")).isEqualTo(1);
        assertThat(count("select count(*) from unsubscribe where recipient = ? and source = 'sendgrid'", unsub)).isEqualTo(1);
        assertThat(suppressed(unsub, "unsubscribed")).isEqualTo(1);
        assertThat(suppressed(dropped, "hard_bounce")).isEqualTo(1);
        assertThat(count("select count(*) from suppression where account_id = ? and address = ?", account(), "hook8@clients-wh.example"))
                .isZero();
        // even from the account's own signed webhook, an event without the message's Message-ID proves nothing: no
        // "latest message to that address" (issue 13): no bounce, no complaint, no suppression
        assertThat(count("select count(*) from bounce where recipient = ? and source = 'sendgrid'", "hook1@clients-wh.example")).isZero();
        assertThat(count("select count(*) from complaint where recipient = ?", "hook2@clients-wh.example")).isZero();
        assertThat(suppressed("hook2@clients-wh.example", "complaint")).isZero();

        // another account's URL with this account's signature: that account has no key, so refused
        var other = fixtures.account();
        String otherPath = path(other.api().get("/api/webhooks").json().get("sendgrid").asString());
        assertRefused(sendgrid(web, otherPath, body, sign(keys, now, body), now), "not enabled for this account");
    }
}
