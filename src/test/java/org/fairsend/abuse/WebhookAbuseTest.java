package org.fairsend.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.feedback.internal.SnsTestPeer;
import org.fairsend.platform.WebhookSignature;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.fairsend.support.TestSmsc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13, "bounded, authenticated webhooks", tried as an attacker would, through real HTTP against the running app on
 * PostgreSQL: every provider webhook (SES through SNS, Mailgun, SendGrid, SMS replies, voice callbacks, call tracking)
 * refuses an unsigned or wrongly signed call with 401 problem+json and stores nothing (no inbound copy, no voice
 * callback body, no complaint, bounce, suppression or call); replayed SNS MessageIds and Mailgun tokens do nothing the
 * second time; SNS messages from a topic the account does not allow, or outside the timestamp window, are refused; a
 * rotated secret works during its grace period only; an SMS reply cannot make an account text or suppress a number it
 * never messaged (no SMS pumping).
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class WebhookAbuseTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final TestSmsc SMSC = TestSmsc.started();
    static final String VOICE_SECRET = "abuse-test-voice-callback-secret";
    static final String PLATFORM_MAILGUN_KEY = "test-mailgun-signing-key"; // application-pgtest.properties
    static final String CALLTRACKING_TOKEN = "test-calltracking-token";
    static final String MESSAGED = "+33614880001";
    static final String STRANGER = "+33614880099";
    static final String TRACKED = "+33427879951";
    /** A small body cap for this test, so that a refused body stays within what Tomcat swallows after an early answer. */
    static final int MAX_BODY = 64 * 1024;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        SMSC.register(r, "abuse-smsc");
        r.add("fairsend.sms.short-code", () -> "36111");
        r.add("fairsend.sms.reconnect-initial", () -> "100ms");
        r.add("fairsend.voice.provider.callback-secret", () -> VOICE_SECRET);
        r.add("fairsend.webhooks.max-body-size", () -> MAX_BODY + "B");
    }

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ShiftedClock clock;

    /** An account that mailed abuse1..8@clients-abuse.example and texted {@link #MESSAGED}. */
    static EmailSetup.Sending sending;
    static Map<String, String> paths;
    static String trackedCaller = "+33612345601";

    @BeforeEach
    void oneAccountThatSent() throws Exception {
        if (sending != null) return;
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "abuse", "clients-abuse.example", 8);
        String id = EmailSetup.campaign(s, "Les galettes des rois sont arrivées", """
                <html><body><p>Bonjour {{ contact.first_name }}, nos galettes sont de retour.</p>
                <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""", Map.of());
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.account().api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        var sms = s.account().api().post("/api/messages/sms", Map.of("to", MESSAGED, "category", "delivery",
                "text", "Votre commande de galettes est prête."));
        assertThat(sms.status()).as(sms.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from outbound_message where account_id = ? and recipient = ? and status = 'sent'", s.account().id(), MESSAGED) == 1);
        assertThat(s.account().api().put("/api/integrations/ses/topics", Map.of("topicArns", List.of(SnsTestPeer.TOPIC))).status())
                .isEqualTo(200);
        var urls = s.account().api().get("/api/webhooks").json();
        paths = Map.of("ses", path(urls.get("ses").asString()), "mailgun", path(urls.get("mailgun").asString()),
                "sendgrid", path(urls.get("sendgrid").asString()), "sms", path(urls.get("smsReplies").asString()));
        // a tracked number of the platform, assigned to the account
        Api op = fixtures.operator();
        var imported = op.post("/api/operator/calltracking/numbers/import", Map.of("numbers", List.of(TRACKED)));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String numberId = imported.json().get("imported").get(0).get("id").asString();
        assertThat(op.post("/api/operator/calltracking/numbers/" + numberId + "/assign", Map.of("accountId", s.account().id().toString()))
                .status()).isEqualTo(200);
        sending = s;
    }

    @AfterEach
    void realTimeAndConfiguredPlatformSecrets() {
        clock.reset();
        // other test classes share this database and rely on the configured platform secrets
        jdbc.sql("delete from integration_secret where scope = 'platform'").update();
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        SMSC.close();
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void unsignedOrForgedCallsToEveryWebhookAreRefusedAndStoreNothing() throws Exception {
        Api web = fixtures.anonymous();
        UUID account = sending.account().id();
        long inbound = count("select count(*) from inbound_message");
        long complaints = count("select count(*) from complaint where account_id = ?", account);
        long bounces = count("select count(*) from bounce where account_id = ?", account);
        long suppressions = count("select count(*) from suppression where account_id = ?", account);
        long replies = count("select count(*) from sms_reply where account_id = ?", account);

        // SES through SNS: signature removed, or the message changed after signing
        ObjectNode genuine = SnsTestPeer.get().notification(SnsTestPeer.sesBounce("abuse1@clients-abuse.example",
                messageId("abuse1@clients-abuse.example")), "2", SnsTestPeer.TOPIC, clock.instant());
        ObjectNode unsigned = genuine.deepCopy();
        unsigned.remove("Signature");
        assertUnauthorized(web.postRaw(paths.get("ses"), SnsTestPeer.json(unsigned), "text/plain"));
        ObjectNode tampered = genuine.deepCopy();
        tampered.put("Message", SnsTestPeer.sesBounce("abuse2@clients-abuse.example", messageId("abuse2@clients-abuse.example")));
        assertUnauthorized(web.postRaw(paths.get("ses"), SnsTestPeer.json(tampered), "text/plain"));
        // a forged webhook token: refused before the body is read
        assertUnauthorized(web.postRaw("/webhooks/ses/" + UUID.randomUUID() + ".zz.forged", SnsTestPeer.json(genuine), "text/plain"));

        // Mailgun: a complaint signed with a made-up key, and one without a signature
        String recipient = "abuse3@clients-abuse.example";
        assertUnauthorized(web.postRaw(paths.get("mailgun"), mailgunComplaint("not-the-signing-key", token(), recipient),
                "application/json"));
        assertUnauthorized(web.postRaw(paths.get("mailgun"), """
                {"event-data":{"event":"complained","recipient":"%s"}}""".formatted(recipient), "application/json"));

        // SendGrid: no key set for the account, then a key set and a call signed by another key
        String spam = "[{\"email\":\"" + recipient + "\",\"event\":\"spamreport\",\"sg_event_id\":\"x1\"}]";
        String now = String.valueOf(clock.instant().getEpochSecond());
        KeyPair sendgrid = ecKeys(), intruder = ecKeys();
        assertUnauthorized(sendgrid(web, spam, ecSign(sendgrid, now, spam), now));
        assertThat(sending.account().api().put("/api/webhooks/sendgrid-key",
                Map.of("publicKey", Base64.getEncoder().encodeToString(sendgrid.getPublic().getEncoded()))).status()).isEqualTo(200);
        assertUnauthorized(sendgrid(web, spam, ecSign(intruder, now, spam), now));
        assertUnauthorized(sendgrid(web, spam, null, null));

        // SMS replies: the token in the path is not enough; a signature by another secret neither
        String stop = Api.JSON.writeValueAsString(Map.of("from", MESSAGED, "to", "36111", "text", "STOP"));
        assertUnauthorized(web.postRaw(paths.get("sms"), stop, "application/json"));
        rotate(sending.account().api(), "/api/integrations/sms/secrets");
        assertUnauthorized(signedPost(web, paths.get("sms"), "fsw_a-secret-of-the-attackers-own-choosing", stop));

        // voice: an opt-out callback unsigned, forged, and signed with a stale timestamp; nothing kept, not even the body
        long voiceCallbacks = count("select count(*) from voice_callback");
        long voiceRefusals = count("select count(*) from voice_refusal");
        String optOut = "{\"messageId\":\"1\",\"status\":\"opted_out\"}";
        assertUnauthorized(web.postRaw("/webhooks/voice", optOut, "application/json"));
        assertUnauthorized(web.withHeader(WebhookSignature.TIMESTAMP_HEADER, now).withHeader(WebhookSignature.SIGNATURE_HEADER,
                "sha256=" + "0".repeat(64)).postRaw("/webhooks/voice", optOut, "application/json"));
        String old = String.valueOf(clock.instant().minus(Duration.ofHours(1)).getEpochSecond());
        assertUnauthorized(web.withHeader(WebhookSignature.TIMESTAMP_HEADER, old).withHeader(WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(VOICE_SECRET, old, optOut.getBytes(StandardCharsets.UTF_8))).postRaw("/webhooks/voice", optOut,
                "application/json"));
        assertThat(count("select count(*) from voice_callback")).isEqualTo(voiceCallbacks);
        assertThat(count("select count(*) from voice_callback where body like ?", "%opted_out%")).isZero();
        assertThat(count("select count(*) from voice_refusal")).isEqualTo(voiceRefusals);

        // call tracking: a wrong bearer token, a forged signature; no call recorded
        long calls = count("select count(*) from ct_call");
        String event = callEvent("forged-1");
        assertUnauthorized(new Api(fixtures.port(), "not-the-token").postRaw("/webhooks/calltracking", event, "application/json"));
        assertUnauthorized(web.withHeader(WebhookSignature.TIMESTAMP_HEADER, now).withHeader(WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign("not-the-secret", now, event.getBytes(StandardCharsets.UTF_8)))
                .postRaw("/webhooks/calltracking", event, "application/json"));
        assertThat(count("select count(*) from ct_call")).isEqualTo(calls);

        // nothing stored or changed by any of them
        assertThat(count("select count(*) from inbound_message")).isEqualTo(inbound);
        assertThat(count("select count(*) from complaint where account_id = ?", account)).isEqualTo(complaints);
        assertThat(count("select count(*) from bounce where account_id = ?", account)).isEqualTo(bounces);
        assertThat(count("select count(*) from suppression where account_id = ?", account)).isEqualTo(suppressions);
        assertThat(count("select count(*) from sms_reply where account_id = ?", account)).isEqualTo(replies);

        // the genuine calls of the same shape are accepted: the refusals above were about the credentials
        var call = new Api(fixtures.port(), CALLTRACKING_TOKEN).postRaw("/webhooks/calltracking", callEvent("genuine-1"), "application/json");
        assertThat(call.status()).as(call.body()).isEqualTo(200);
        assertThat(count("select count(*) from ct_call")).isEqualTo(calls + 1);
        var bounced = web.postRaw(paths.get("ses"), SnsTestPeer.json(genuine), "text/plain");
        assertThat(bounced.status()).as(bounced.body()).isEqualTo(200);
        assertThat(count("select count(*) from bounce where account_id = ? and recipient = ?", account, "abuse1@clients-abuse.example"))
                .isEqualTo(1);
    }

    @Test
    void anOversizedBodyIsRefusedWith413BeforeItIsAuthenticated() throws Exception {
        String huge = "{\"messageId\":\"1\",\"status\":\"delivered\",\"detail\":\"" + "x".repeat(MAX_BODY + 1000) + "\"}";
        long voiceCallbacks = count("select count(*) from voice_callback");
        long inbound = count("select count(*) from inbound_message");
        // announced by Content-Length: refused before a byte is read
        var r = fixtures.anonymous().postRaw("/webhooks/voice", huge, "application/json");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fixtures.anonymous().postRaw(paths.get("mailgun"), huge, "application/json").status()).isEqualTo(413);
        // chunked, without a length: cut at the cap
        for (String path : List.of("/webhooks/voice", "/webhooks/calltracking", paths.get("ses"), paths.get("sms"), paths.get("sendgrid"))) {
            HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + fixtures.port() + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as(path + ": " + chunked.body()).isEqualTo(413);
            assertThat(chunked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(count("select count(*) from voice_callback")).isEqualTo(voiceCallbacks);
        assertThat(count("select count(*) from inbound_message")).isEqualTo(inbound);
    }

    @Test
    void snsMessagesAreRefusedFromAnotherTopicOrOutsideTheWindowAndAReplayedMessageIdDoesNothing() throws Exception {
        Api web = fixtures.anonymous();
        UUID account = sending.account().id();
        String address = "abuse4@clients-abuse.example";
        String bounce = SnsTestPeer.sesBounce(address, messageId(address));
        long inbound = count("select count(*) from inbound_message where source = 'ses'");

        // genuinely signed by SNS, but from someone else's topic: 403, nothing stored
        ObjectNode foreign = SnsTestPeer.get().notification(bounce, "2", "arn:aws:sns:eu-west-1:999999999999:attacker", clock.instant());
        var refused = web.postRaw(paths.get("ses"), SnsTestPeer.json(foreign), "text/plain");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("TopicArn");
        // genuinely signed, from the allowed topic, but published two hours ago: outside the window
        ObjectNode stale = SnsTestPeer.get().notification(bounce, "2", SnsTestPeer.TOPIC, clock.instant().minus(Duration.ofHours(2)));
        var late = web.postRaw(paths.get("ses"), SnsTestPeer.json(stale), "text/plain");
        assertThat(late.status()).as(late.body()).isEqualTo(401);
        assertThat(late.body()).contains("Timestamp");
        assertThat(count("select count(*) from inbound_message where source = 'ses'")).isEqualTo(inbound);
        assertThat(count("select count(*) from bounce where account_id = ? and recipient = ?", account, address)).isZero();

        // the genuine message is applied once; its replay answers 200 and does nothing
        String genuine = SnsTestPeer.json(SnsTestPeer.get().notification(bounce, "2", SnsTestPeer.TOPIC, clock.instant()));
        var first = web.postRaw(paths.get("ses"), genuine, "text/plain");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("recorded").asInt()).isEqualTo(1);
        var replay = web.postRaw(paths.get("ses"), genuine, "text/plain");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("status").asString()).isEqualTo("duplicate");
        assertThat(count("select count(*) from inbound_message where source = 'ses'")).isEqualTo(inbound + 1);
        assertThat(count("select count(*) from bounce where account_id = ? and recipient = ?", account, address)).isEqualTo(1);

        // an account that set an SES secret also needs HTTP basic authentication with it (SNS sends it once challenged)
        var other = fixtures.account();
        assertThat(other.api().put("/api/integrations/ses/topics", Map.of("topicArns", List.of(SnsTestPeer.TOPIC))).status()).isEqualTo(200);
        String secret = rotate(other.api(), "/api/integrations/ses/secrets");
        String otherPath = path(other.api().get("/api/webhooks").json().get("ses").asString());
        String unknown = SnsTestPeer.json(SnsTestPeer.get().notification(SnsTestPeer.sesBounce("nobody@clients-abuse.example", "<x@y>"), "2",
                SnsTestPeer.TOPIC, clock.instant()));
        var challenged = web.postRaw(otherPath, unknown, "text/plain");
        assertThat(challenged.status()).isEqualTo(401);
        assertThat(challenged.header("WWW-Authenticate")).startsWith("Basic");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("fairsend:" + secret).getBytes(StandardCharsets.UTF_8));
        var wrong = web.withHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString("fairsend:guess".getBytes(StandardCharsets.UTF_8)))
                .postRaw(otherPath, unknown, "text/plain");
        assertThat(wrong.status()).isEqualTo(401);
        var accepted = web.withHeader("Authorization", basic).postRaw(otherPath, unknown, "text/plain");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("unmatched");
    }

    @Test
    void aReplayedMailgunTokenDoesNothingTheSecondTime() throws Exception {
        Api web = fixtures.anonymous();
        String recipient = "abuse5@clients-abuse.example";
        String token = token();
        String body = mailgunComplaint(PLATFORM_MAILGUN_KEY, token, recipient);
        long inbound = count("select count(*) from inbound_message where source = 'mailgun'");
        var first = web.postRaw(paths.get("mailgun"), body, "application/json");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(count("select count(*) from complaint where recipient = ? and source = 'mailgun'", recipient)).isEqualTo(1);
        var replay = web.postRaw(paths.get("mailgun"), body, "application/json");
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("status").asString()).isEqualTo("duplicate");
        // the same token with a fresh timestamp and a valid signature is a replay too
        Thread.sleep(1100);
        var again = web.postRaw(paths.get("mailgun"), mailgunComplaint(PLATFORM_MAILGUN_KEY, token, recipient), "application/json");
        assertThat(again.json().get("status").asString()).isEqualTo("duplicate");
        assertThat(count("select count(*) from inbound_message where source = 'mailgun'")).isEqualTo(inbound + 1);
        assertThat(count("select count(*) from complaint where recipient = ? and source = 'mailgun'", recipient)).isEqualTo(1);
        // malformed JSON from anyone: 400 problem+json, never 500
        var malformed = web.postRaw(paths.get("mailgun"), "{\"signature\":", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aRotatedSecretWorksDuringItsGracePeriodOnly() throws Exception {
        Api web = fixtures.anonymous();
        Api account = sending.account().api();
        String first = rotate(account, "/api/integrations/sms/secrets");
        var rotated = account.post("/api/integrations/sms/secrets", null);
        assertThat(rotated.status()).isEqualTo(201);
        String second = rotated.json().get("secret").asString();
        assertThat(Instant.parse(rotated.json().get("previousValidUntil").asString()))
                .isBetween(clock.instant().plus(Duration.ofHours(23)), clock.instant().plus(Duration.ofHours(25)));
        // the listing says where the secrets come from, never a secret
        var listed = account.get("/api/integrations").body();
        assertThat(listed).contains("\"integration\":\"sms\"").doesNotContain(first).doesNotContain(second);
        // the operator's call-tracking secret: the configured token is the previous one after the first rotation
        Api operator = fixtures.operator();
        assertThat(account.post("/api/integrations/voice/secrets", null).status()).isEqualTo(400);
        assertThat(account.post("/api/operator/integrations/calltracking/secrets", null).status()).isEqualTo(403);
        String platform = rotate(operator, "/api/operator/integrations/calltracking/secrets");

        assertThat(smsReply(web, first, "bonjour").status()).isEqualTo(200);
        assertThat(smsReply(web, second, "bonjour").status()).isEqualTo(200);
        assertThat(trackedCall(CALLTRACKING_TOKEN, "grace-1").status()).isEqualTo(200);
        assertThat(trackedCall(platform, "grace-2").status()).isEqualTo(200);

        // 25 hours later the grace period (24 h) is over: only the new secrets count
        clock.setNow(clock.instant().plus(Duration.ofHours(25)));
        assertUnauthorized(smsReply(web, first, "bonjour"));
        assertThat(smsReply(web, second, "bonjour").status()).isEqualTo(200);
        assertUnauthorized(trackedCall(CALLTRACKING_TOKEN, "late-1"));
        assertThat(trackedCall(platform, "late-2").status()).isEqualTo(200);

        // a leaked previous secret can be cut off at once
        String third = rotate(account, "/api/integrations/sms/secrets");
        assertThat(smsReply(web, second, "bonjour").status()).isEqualTo(200);
        assertThat(account.delete("/api/integrations/sms/secrets/previous").status()).isEqualTo(204);
        assertUnauthorized(smsReply(web, second, "bonjour"));
        assertThat(smsReply(web, third, "bonjour").status()).isEqualTo(200);

        // an account's own Mailgun key replaces the platform's for that account
        var keyed = fixtures.account();
        String mgPath = path(keyed.api().get("/api/webhooks").json().get("mailgun").asString());
        String own = "key-" + "3f".repeat(16);
        assertThat(keyed.api().post("/api/integrations/mailgun/secrets", null).status()).isEqualTo(422); // Mailgun issues it
        var set = keyed.api().post("/api/integrations/mailgun/secrets", Map.of("secret", own));
        assertThat(set.status()).as(set.body()).isEqualTo(201);
        assertThat(set.json().has("secret")).isFalse();
        assertUnauthorized(web.postRaw(mgPath, mailgunComplaint(PLATFORM_MAILGUN_KEY, token(), "nobody@x.example"), "application/json"));
        var ok = web.postRaw(mgPath, mailgunComplaint(own, token(), "nobody@x.example"), "application/json");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        // sealed at rest: the database holds no secret in clear
        assertThat(count("select count(*) from integration_secret where current_secret like ? or previous_secret like ?",
                "%" + third + "%", "%" + second + "%")).isZero();
        assertThat(count("select count(*) from integration_secret where current_secret like 'v1:%'")).isPositive();
    }

    @Test
    void anSmsReplyCannotMakeAnAccountTextOrSuppressANumberItNeverMessaged() throws Exception {
        Api web = fixtures.anonymous();
        UUID account = sending.account().id();
        String secret = rotate(sending.account().api(), "/api/integrations/sms/secrets");

        // CONTACT from a number the account never messaged: nothing is sent to it
        var contact = signedPost(web, paths.get("sms"), secret, reply(STRANGER, "CONTACT"));
        assertThat(contact.status()).as(contact.body()).isEqualTo(200);
        assertThat(contact.json().get("result").asString()).isEqualTo("contact-no-account");
        // STOP from a number the account never wrote to: nothing is suppressed for it
        var stop = signedPost(web, paths.get("sms"), secret, reply(STRANGER, "STOP"));
        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        assertThat(stop.json().get("result").asString()).isEqualTo("stop-no-account");
        Thread.sleep(500); // the delivery engine polls every 100 ms: an answer would be on its way
        assertThat(count("select count(*) from outbound_message where recipient = ?", STRANGER)).isZero();
        assertThat(SMSC.submittedTo(STRANGER)).isEmpty();
        assertThat(count("select count(*) from suppression where account_id = ? and address = ?", account, STRANGER)).isZero();

        // the number the account did message: CONTACT is answered once per interval, STOP suppresses
        var answered = signedPost(web, paths.get("sms"), secret, reply(MESSAGED, "contact"));
        assertThat(answered.json().get("result").asString()).isEqualTo("contact-answered");
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.submittedTo(MESSAGED).size() == 2);
        assertThat(SMSC.submittedTo(MESSAGED).get(1).text()).contains(sending.account().account().legalName());
        var pumped = signedPost(web, paths.get("sms"), secret, reply(MESSAGED, "CONTACT svp"));
        assertThat(pumped.json().get("result").asString()).isEqualTo("contact-already-answered");
        // the same signed request replayed: acknowledged, nothing done
        String body = reply(MESSAGED, "STOP");
        String ts = String.valueOf(clock.instant().getEpochSecond());
        String signature = WebhookSignature.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8));
        Api signedOnce = web.withHeader(WebhookSignature.TIMESTAMP_HEADER, ts).withHeader(WebhookSignature.SIGNATURE_HEADER, signature);
        assertThat(signedOnce.postRaw(paths.get("sms"), body, "application/json").json().get("result").asString()).isEqualTo("unsubscribed");
        assertThat(signedOnce.postRaw(paths.get("sms"), body, "application/json").json().get("result").asString()).isEqualTo("duplicate");
        assertThat(count("select count(*) from sms_reply where account_id = ? and from_number = ? and keyword = 'stop'", account, MESSAGED))
                .isEqualTo(1);
        assertThat(count("select count(*) from suppression where account_id = ? and address = ? and channel = 'sms'", account, MESSAGED))
                .isEqualTo(1);
        Thread.sleep(500);
        assertThat(SMSC.submittedTo(MESSAGED)).hasSize(2);
        // form-encoded replies are signed the same way (over the raw body)
        String form = "msisdn=%2B33614880099&to=36111&text=Bonjour";
        String fts = String.valueOf(clock.instant().getEpochSecond());
        var formReply = web.withHeader(WebhookSignature.TIMESTAMP_HEADER, fts)
                .withHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, fts, form.getBytes(StandardCharsets.UTF_8)))
                .postRaw(paths.get("sms"), form, "application/x-www-form-urlencoded");
        assertThat(formReply.status()).as(formReply.body()).isEqualTo(200);
        assertThat(formReply.json().get("result").asString()).isEqualTo("kept");
        // malformed JSON, properly signed: 400 problem+json
        var malformed = signedPost(web, paths.get("sms"), secret, "{\"from\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String path(String url) {
        return url.replaceFirst("https?://[^/]+", "");
    }

    private static void assertUnauthorized(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").get(0).get("message").asString()).isNotBlank();
    }

    private static String messageId(String address) throws Exception {
        for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) {
            MimeMessage mm = m.getMimeMessage();
            if (mm.getAllRecipients()[0].toString().equalsIgnoreCase(address)) return mm.getHeader("Message-ID")[0];
        }
        throw new AssertionError("nothing received for " + address);
    }

    /** Rotates a secret Fairsend generates; answers it (shown this once). */
    private static String rotate(Api api, String path) {
        var r = api.post(path, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("secret").asString();
    }

    private String mailgunComplaint(String key, String token, String recipient) throws Exception {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((ts + token).getBytes(StandardCharsets.UTF_8)));
        String messageId = recipient.endsWith("@clients-abuse.example") ? messageId(recipient).replaceAll("[<>]", "") : "none@x.example";
        return """
                {"signature":{"timestamp":"%s","token":"%s","signature":"%s"},
                 "event-data":{"event":"complained","recipient":"%s","message":{"headers":{"message-id":"%s"}}}}"""
                .formatted(ts, token, sig, recipient, messageId);
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String ecSign(KeyPair keys, String timestamp, String body) throws Exception {
        java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    private static Api.Response sendgrid(Api web, String body, String signature, String timestamp) {
        Api a = web;
        if (signature != null) a = a.withHeader("X-Twilio-Email-Event-Webhook-Signature", signature);
        if (timestamp != null) a = a.withHeader("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return a.postRaw(paths.get("sendgrid"), body, "application/json");
    }

    private Api.Response signedPost(Api web, String path, String secret, String json) {
        String ts = String.valueOf(clock.instant().getEpochSecond());
        return web.withHeader(WebhookSignature.TIMESTAMP_HEADER, ts)
                .withHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, ts, json.getBytes(StandardCharsets.UTF_8)))
                .postRaw(path, json, "application/json");
    }

    private static String reply(String from, String text) {
        return Api.JSON.writeValueAsString(Map.of("from", from, "to", "36111", "text", text));
    }

    private Api.Response smsReply(Api web, String secret, String text) {
        return signedPost(web, paths.get("sms"), secret, reply(MESSAGED, text + " " + UUID.randomUUID()));
    }

    private String callEvent(String callId) {
        return Api.JSON.writeValueAsString(Map.of("event", "call.started", "callId", callId + "-" + UUID.randomUUID(), "from", trackedCaller,
                "to", TRACKED, "at", clock.instant().toString()));
    }

    /** A call event authenticated with {@code secret}, as a bearer token. */
    private Api.Response trackedCall(String secret, String callId) {
        return new Api(fixtures.port(), secret).postRaw("/webhooks/calltracking", callEvent(callId), "application/json");
    }

    /** A random one-time value, as providers make them. */
    private static String token() {
        return org.fairsend.platform.Hashing.randomToken(24);
    }
}
