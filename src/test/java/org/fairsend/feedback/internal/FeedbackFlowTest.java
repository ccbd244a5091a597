package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import org.fairsend.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.feedback.BounceRecorded;
import org.fairsend.feedback.ComplaintRecorded;
import org.fairsend.feedback.EngagementRecorded;
import org.fairsend.feedback.SpamtrapHit;
import org.fairsend.feedback.UnjustifiedUseReported;
import org.fairsend.feedback.UnsubscribeRecorded;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 4 end to end: real campaigns sent to GreenMail, then real sample bounces and complaints from the corpus fed
 * through the inbound SMTP listener with swaks (only the RCPT rewritten to the VERP address of a message the test
 * sent), unsubscribes, opens, clicks and provider webhooks over HTTP.
 */
@PostgresTest
class FeedbackFlowTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final Path CORPUS = org.fairsend.feedback.classify.Corpus.bounces().resolve(Path.of("eml", "sisimai"));
    static final List<Object> EVENTS = new CopyOnWriteArrayList<>();
    static volatile boolean listening;

    static final String HTML = """
            <html><body><h1>Bonjour {{ contact.first_name }} !</h1>
            <p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois.</p>
            <p><a href="https://boulangerie.example/pain?ville={{ contact.city }}">Voir le pain de campagne</a></p>
            <p><a href="https://boulangerie.example/horaires">Nos horaires</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

    @Autowired org.fairsend.platform.Pseudonyms pseudonyms;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired InboundSmtpServer smtp;
    @Autowired ConfigurableApplicationContext context;
    @Autowired org.springframework.context.ApplicationEventPublisher publisher;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @BeforeEach
    void listen() {
        if (listening) return;
        listening = true;
        context.addApplicationListener(e -> {
            if (e instanceof PayloadApplicationEvent<?> p && p.getPayload().getClass().getPackageName().equals("org.fairsend.feedback")) {
                EVENTS.add(p.getPayload());
            }
        });
    }

    record Sent(EmailSetup.Sending s, String campaignId) {}

    private Sent campaign(String prefix, String domain, int n) {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, prefix, domain, n);
        String id = EmailSetup.campaign(s, "Le pain de campagne revient", HTML, Map.of());
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.account().api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        return new Sent(s, id);
    }

    private static MimeMessage received(String address) throws Exception {
        for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) {
            if (m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(address)) return m.getMimeMessage();
        }
        throw new AssertionError("nothing received for " + address);
    }

    private static String verp(MimeMessage m) throws Exception {
        return m.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim();
    }

    private record Swaks(int exit, String output) {}

    private Swaks swaks(String to, Path data) throws Exception {
        return swaksFrom("127.0.0.1", to, data);
    }

    /** swaks connecting from a given loopback address (a configured reporter's source range is matched against it). */
    private Swaks swaksFrom(String localAddress, String to, Path data) throws Exception {
        Process p = new ProcessBuilder("swaks", "--server", "127.0.0.1:" + smtp.port(), "--local-interface", localAddress,
                "--from", "MAILER-DAEMON@mx.clients.example", "--to", to, "--data", data.toString(), "--timeout", "20")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Swaks(p.waitFor(), out);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private String status(java.util.UUID account, String address) {
        return jdbc.sql("select coalesce(s.status, 'none') from contact c left join contact_subscription s on s.contact_id = c.id"
                + " and s.channel = 'email' where c.account_id = ? and c.email = ?").params(account, address)
                .query(String.class).single();
    }

    private Object activity(String column, String address) {
        return jdbc.sql("select " + column + " from contact where email = ?").param(address).query().listOfRows().getFirst().get(column);
    }

    private long suppressed(java.util.UUID account, String address, String reason) {
        return count("select count(*) from suppression where account_id = ? and address = ? and reason = ?", account, address, reason);
    }

    @Test
    void realBouncesAndComplaintsThroughTheSmtpListenerSuppressAtOnce() throws Exception {
        var sent = campaign("rebond", "clients-fb1.example", 4);
        var account = sent.s().account().id();
        String hard = "rebond1@clients-fb1.example", soft = "rebond2@clients-fb1.example", complainer = "rebond3@clients-fb1.example";

        // a DSN hard bounce (RFC 3464, 5.1.1), only the RCPT rewritten to the VERP address of the message we sent
        Swaks r = swaks(verp(received(hard)), CORPUS.resolve("lhost-amavis-02.eml"));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(count("select count(*) from bounce where account_id = ? and recipient = ? and kind = 'hard' and status_code = '5.1.1'"
                + " and source = 'smtp' and campaign_id = ?", account, hard, java.util.UUID.fromString(sent.campaignId()))).isEqualTo(1);
        assertThat(suppressed(account, hard, "hard_bounce")).isEqualTo(1);
        assertThat(status(account, hard)).isEqualTo("bounced");
        assertThat(EVENTS).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(BounceRecorded.class,
                b -> assertThat(b.accountId()).isEqualTo(account)));

        // a soft bounce (mailbox full): recorded, not suppressed until the third within 15 days
        String softVerp = verp(received(soft));
        assertThat(swaks(softVerp, CORPUS.resolve("lhost-amazonworkmail-04.eml")).exit()).isZero();
        assertThat(count("select count(*) from bounce where recipient = ? and kind = 'soft' and reason = 'mailbox_full'", soft)).isEqualTo(1);
        assertThat(count("select count(*) from suppression where address = ?", soft)).isZero();
        assertThat(swaks(softVerp, CORPUS.resolve("lhost-amazonworkmail-04.eml")).exit()).isZero();
        assertThat(swaks(softVerp, CORPUS.resolve("lhost-amazonworkmail-04.eml")).exit()).isZero();
        assertThat(suppressed(account, soft, "repeated_soft_bounce")).isEqualTo(1);

        // an ARF complaint (RFC 5965) counts only from a feedback-loop reporter the operator configured: from anyone
        // else it is stored as unverified and changes nothing; from the reporter's source range it counts, once
        Path arf = CORPUS.resolve("arf-01.eml");
        assertThat(swaks(verp(received(complainer)), arf).exit()).isZero();
        assertThat(count("select count(*) from complaint where recipient = ?", complainer)).isZero();
        assertThat(count("select count(*) from suppression where address = ?", complainer)).isZero();
        var reporter = fixtures.operator().post("/api/operator/feedback/reporters",
                Map.of("name", "FBL flow " + java.util.UUID.randomUUID(), "sourceRanges", List.of("127.0.0.77/32"),
                        "reason", "the provider's feedback loop"));
        assertThat(reporter.status()).as(reporter.body()).isEqualTo(201);
        try {
            assertThat(swaksFrom("127.0.0.77", verp(received(complainer)), arf).exit()).isZero();
            assertThat(swaksFrom("127.0.0.77", verp(received(complainer)), arf).exit()).isZero();
        } finally {
            fixtures.operator().delete("/api/operator/feedback/reporters/" + reporter.json().get("id").asLong() + "?reason=end+of+test");
        }
        assertThat(count("select count(*) from complaint where recipient = ? and feedback_type = 'abuse'", complainer)).isEqualTo(1);
        assertThat(suppressed(account, complainer, "complaint")).isEqualTo(1);
        assertThat(status(account, complainer)).isEqualTo("complained");
        assertThat(EVENTS).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ComplaintRecorded.class,
                c -> assertThat(c.accountId()).isEqualTo(account)));

        // anything but our addresses is refused at RCPT; a forged VERP signature too
        Swaks refused = swaks("someone@bounces.fairsend.localhost", CORPUS.resolve("lhost-amavis-02.eml"));
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("550");
        String forged = verp(received("rebond4@clients-fb1.example")).replaceFirst("-[0-9a-f]{24}@", "-0123456789abcdef01234567@");
        assertThat(swaks(forged, CORPUS.resolve("lhost-amavis-02.eml")).output()).contains("550");

        // a message that is no report at all, sent to the feedback-loop address by no configured reporter, is kept for
        // inspection as unverified
        Path junk = Files.createTempFile("junk", ".eml");
        Files.writeString(junk, "From: someone@else.example\r\nTo: fbl@bounces.fairsend.localhost\r\nSubject: hello\r\n\r\njust saying hi\r\n");
        assertThat(swaks("fbl@bounces.fairsend.localhost", junk).exit()).isZero();
        var inbound = fixtures.operator().get("/api/operator/inbound?status=unverified&limit=20").json();
        assertThat(inbound.toString()).contains("fbl@bounces.fairsend.localhost").contains("\"status\":\"unverified\"");

        // mailto unsubscribe (List-Unsubscribe's second URI) through the listener
        String unsubscriber = "rebond4@clients-fb1.example";
        String header = received(unsubscriber).getHeader("List-Unsubscribe")[0];
        Matcher mailto = Pattern.compile("mailto:([^>]+)").matcher(header);
        assertThat(mailto.find()).isTrue();
        Path request = Files.createTempFile("unsub", ".eml");
        Files.writeString(request, "From: " + unsubscriber + "\r\nTo: " + mailto.group(1) + "\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n");
        assertThat(swaks(mailto.group(1), request).exit()).isZero();
        assertThat(suppressed(account, unsubscriber, "unsubscribed")).isEqualTo(1);
        assertThat(count("select count(*) from unsubscribe where recipient = ? and source = 'mailto'", unsubscriber)).isEqualTo(1);
        assertThat(status(account, unsubscriber)).isEqualTo("unsubscribed");

        // the evidence pack shows it all (R-5)
        var pack = sent.s().account().api().get("/api/evidence?address=" + hard).json();
        assertThat(pack.toString()).contains("\"bounces\"").contains("\"kind\":\"hard\"").contains("5.1.1");
        assertThat(sent.s().account().api().get("/api/evidence?address=" + complainer).json().toString()).contains("\"complaints\"")
                .contains("abuse");
        assertThat(sent.s().account().api().get("/api/evidence?address=" + unsubscriber).json().toString()).contains("\"unsubscribes\"")
                .contains("mailto");
    }

    @Test
    void unsubscribePagesTrackingAndWebhooks() throws Exception {
        var sent = campaign("lecteur", "clients-fb2.example", 5);
        var a = sent.s().account();
        Api web = fixtures.anonymous();
        String reader = "lecteur1@clients-fb2.example";
        MimeMessage m = received(reader);
        String unsubscribe = TestMail.paths(m.getHeader("List-Unsubscribe")[0], "u").getFirst();

        // GET shows the page with one button and the preference centre, and never unsubscribes
        var page = web.get(unsubscribe);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<button type=\"submit\">Unsubscribe</button>").contains("Preferences").contains(reader)
                .contains("Newsletter").contains("name=\"keep\" value=\"email\"");
        assertThat(count("select count(*) from suppression where address = ?", reader)).isZero();
        // forged and mangled tokens get a clear 400 page
        assertThat(web.get("/u/not-a-token").status()).isEqualTo(400);
        assertThat(web.postRaw(unsubscribe.substring(0, unsubscribe.length() - 3) + "xyz", "List-Unsubscribe=One-Click",
                "application/x-www-form-urlencoded").status()).isEqualTo(400);
        assertThat(count("select count(*) from suppression where address = ?", reader)).isZero();

        // RFC 8058 one-click: at once, idempotent
        for (int i = 0; i < 2; i++) {
            var r = web.postRaw(unsubscribe, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(suppressed(a.id(), reader, "unsubscribed")).isEqualTo(1);
        assertThat(count("select count(*) from unsubscribe where recipient = ? and source = 'one-click'", reader)).isEqualTo(1);
        assertThat(status(a.id(), reader)).isEqualTo("unsubscribed");
        assertThat(count("select count(*) from consent_record where account_id = ? and action = 'withdraw'", a.id())).isEqualTo(1);
        assertThat(EVENTS).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(UnsubscribeRecorded.class,
                u -> assertThat(u.accountId()).isEqualTo(a.id())));

        // the page's button (source link)
        String second = "lecteur2@clients-fb2.example";
        String unsubscribe2 = TestMail.paths(received(second).getHeader("List-Unsubscribe")[0], "u").getFirst();
        assertThat(web.postRaw(unsubscribe2, "via=page", "application/x-www-form-urlencoded").body()).contains("You are unsubscribed");
        assertThat(count("select count(*) from unsubscribe where recipient = ? and source = 'link'", second)).isEqualTo(1);

        // the preference centre: leave the list but keep email; then untick email too
        String prefs = "lecteur5@clients-fb2.example";
        String up = TestMail.paths(received(prefs).getHeader("List-Unsubscribe")[0], "u").getFirst();
        var saved = web.postRaw(up + "/preferences", "keep=email", "application/x-www-form-urlencoded");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Your preferences are saved");
        assertThat(count("select count(*) from contact_list_member m join contact c on c.id = m.contact_id where c.email = ?", prefs)).isZero();
        assertThat(count("select count(*) from suppression where address = ?", prefs)).isZero();
        assertThat(web.postRaw(up + "/preferences", "", "application/x-www-form-urlencoded").status()).isEqualTo(200);
        assertThat(count("select count(*) from unsubscribe where recipient = ? and source = 'preference-centre'", prefs)).isEqualTo(1);
        assertThat(suppressed(a.id(), prefs, "unsubscribed")).isEqualTo(1);

        // opens (R-8): Apple Mail Privacy Protection's prefetch (bare Mozilla/5.0) is a machine's: recorded, not counted,
        // the engagement becomes unknown; Gmail's image proxy fetches when the reader opens: a person's open
        String engaged = "lecteur3@clients-fb2.example";
        String body = TestMail.body(received(engaged));
        String open = TestMail.paths(body, "o").getFirst();
        List<String> clicks = TestMail.paths(body, "c");
        assertThat(clicks).hasSizeGreaterThanOrEqualTo(2);
        var prefetched = web.withHeader("User-Agent", "Mozilla/5.0").get(open);
        assertThat(prefetched.status()).isEqualTo(200);
        assertThat(prefetched.header("Content-Type")).startsWith("image/gif");
        assertThat(prefetched.header("Cache-Control")).contains("no-store");
        assertThat(activity("last_open_at", engaged)).isNull();
        assertThat(activity("last_machine_open_at", engaged)).isNotNull();
        assertThat(count("select count(*) from engagement where event_type = 'open' and flag = 'apple-mpp' and counted = false"
                + " and classification = 'machine' and account_id = ?", a.id())).isEqualTo(1);
        var proxied = web.withHeader("User-Agent", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)").get(open);
        assertThat(proxied.status()).isEqualTo(200);
        assertThat(activity("last_open_at", engaged)).isNotNull();
        assertThat(count("select count(*) from engagement where event_type = 'open' and flag = 'google-image-proxy' and counted = true"
                + " and classification = 'human' and account_id = ?", a.id())).isEqualTo(1);
        assertThat(web.withHeader("User-Agent", BROWSER).get(open).status()).isEqualTo(200);
        assertThat(activity("last_open_at", engaged)).isNotNull();

        // clicks: redirect only to the signed target; scanners and HEAD are flagged and do not count
        var scanner = web.withHeader("User-Agent", "Mozilla/5.0 (compatible; Barracuda Sentinel URL scanner)").get(clicks.get(0));
        assertThat(scanner.status()).isEqualTo(302);
        assertThat(web.withHeader("User-Agent", BROWSER).send("HEAD", clicks.get(0), null, null).status()).isEqualTo(302);
        assertThat(activity("last_click_at", engaged)).isNull();
        Thread.sleep(5100); // past the link-burst second and the policy's scanner window after delivery (hygiene.scannerClickSeconds, 5 s)
        var click = web.withHeader("User-Agent", BROWSER).get(clicks.get(0));
        assertThat(click.status()).isEqualTo(302);
        assertThat(click.header("Location")).startsWith("https://boulangerie.example/");
        assertThat(activity("last_click_at", engaged)).isNotNull();
        assertThat(count("select count(*) from engagement where event_type = 'click' and counted = false and account_id = ?", a.id()))
                .isEqualTo(2);
        String tampered = clicks.get(0).substring(0, clicks.get(0).length() - 4) + "AAAA";
        assertThat(web.get(tampered).status()).isEqualTo(400);
        assertThat(EVENTS).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(EngagementRecorded.class,
                x -> assertThat(x.accountId()).isEqualTo(a.id())));
        assertThat(a.api().get("/api/evidence?address=" + engaged).json().toString()).contains("\"engagement\"").contains("google-image-proxy");

        // Amazon SES webhook (SNS envelope): refused without the account's token, or unsigned; recorded once signed
        // (signatures in depth: ProviderWebhooksTest)
        String bounced = "lecteur4@clients-fb2.example";
        String messageId = received(bounced).getHeader("Message-ID")[0];
        String ses = SnsTestPeer.json(SnsTestPeer.get().notification(SnsTestPeer.sesBounce(bounced, messageId), "2"));
        assertThat(web.postRaw("/webhooks/ses/forged-token", ses, "text/plain").status()).isEqualTo(401);
        var urls = a.api().get("/api/webhooks").json();
        String sesPath = urls.get("ses").asString().replaceFirst("https?://[^/]+", "");
        assertThat(a.api().put("/api/integrations/ses/topics", Map.of("topicArns", List.of(SnsTestPeer.TOPIC))).status()).isEqualTo(200);
        assertThat(web.postRaw(sesPath, ses.replaceFirst(",?\"Signature\":\"[^\"]*\"", ""), "text/plain").status()).isEqualTo(401);
        assertThat(count("select count(*) from bounce where recipient = ?", bounced)).isZero();
        var accepted = web.postRaw(sesPath, ses, "text/plain");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(count("select count(*) from bounce where recipient = ? and source = 'ses' and kind = 'hard'", bounced)).isEqualTo(1);
        assertThat(suppressed(a.id(), bounced, "hard_bounce")).isEqualTo(1);

        // Mailgun: its HMAC signature is checked
        String mailgunPath = urls.get("mailgun").asString().replaceFirst("https?://[^/]+", "");
        String ts = String.valueOf(java.time.Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-mailgun-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = java.util.HexFormat.of().formatHex(mac.doFinal((ts + "tok123").getBytes(StandardCharsets.UTF_8)));
        String complaint = """
                {"signature":{"timestamp":"%s","token":"tok123","signature":"%s"},
                 "event-data":{"event":"complained","recipient":"%s","message":{"headers":{"message-id":"%s"}}}}"""
                .formatted(ts, sig, engaged, received(engaged).getHeader("Message-ID")[0].replaceAll("[<>]", ""));
        assertThat(web.postRaw(mailgunPath, complaint.replace(sig, "0".repeat(64)), "application/json").status()).isEqualTo(401);
        assertThat(web.postRaw(mailgunPath, complaint, "application/json").status()).isEqualTo(200);
        assertThat(count("select count(*) from complaint where recipient = ? and source = 'mailgun'", engaged)).isEqualTo(1);
        assertThat(suppressed(a.id(), engaged, "complaint")).isEqualTo(1);
    }

    @Test
    void anOversizedMessageIsRefusedWith552AndTheListenerKeepsServing() throws Exception {
        long before = count("select count(*) from inbound_message where source = 'smtp'");
        Path big = Files.createTempFile("big", ".eml");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 99; i++) line.append('x');
        try (var w = Files.newBufferedWriter(big, StandardCharsets.US_ASCII)) {
            w.write("From: flood@else.example\r\nTo: fbl@bounces.fairsend.localhost\r\nSubject: flood\r\n\r\n");
            for (int i = 0; i < 110_000; i++) w.write(line + "\r\n"); // 11 MB, over the 10 MB limit
        }
        Swaks refused = swaks("fbl@bounces.fairsend.localhost", big);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("552");
        assertThat(count("select count(*) from inbound_message where source = 'smtp'")).isEqualTo(before);
        Path small = Files.createTempFile("small", ".eml");
        Files.writeString(small, "From: someone@else.example\r\nTo: fbl@bounces.fairsend.localhost\r\nSubject: hello\r\n\r\nhi\r\n");
        assertThat(swaks("fbl@bounces.fairsend.localhost", small).exit()).isZero();
        assertThat(count("select count(*) from inbound_message where source = 'smtp'")).isEqualTo(before + 1);
        Files.delete(big);
    }

    @Test
    void spamtrapsAndUnjustifiedUse() throws Exception {
        Api operator = fixtures.operator();
        var imported = operator.postRaw("/api/operator/spamtraps/import", "address\ntrap1@clients-fb3.example\nnot an address\n", "text/plain");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("added").asInt()).isEqualTo(1);
        assertThat(imported.json().get("rejected").size()).isEqualTo(1);
        assertThat(operator.post("/api/operator/spamtraps", Map.of("address", "trap9@clients-fb3.example")).status()).isEqualTo(201);
        assertThat(operator.delete("/api/operator/spamtraps?address=trap9@clients-fb3.example").status()).isEqualTo(204);
        assertThat(fixtures.account().api().post("/api/operator/spamtraps", Map.of("address", "x@y.example")).status()).isEqualTo(403);

        var s = EmailSetup.verifiedSender(fixtures, operator);
        EmailSetup.importContacts(s, "trap", "clients-fb3.example", 2);
        String id = EmailSetup.campaign(s, "Le pain de campagne revient", HTML, Map.of());
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from spamtrap_hit where campaign_id = ?",
                java.util.UUID.fromString(id)) == 1);
        assertThat(count("select count(*) from suppression where account_id = ? and reason = 'spamtrap'", s.account().id())).isEqualTo(1);
        assertThat(EVENTS).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(SpamtrapHit.class,
                h -> assertThat(h.campaignId().toString()).isEqualTo(id)));

        var r = operator.post("/api/operator/complaints/unjustified", Map.of("campaignId", id, "address", "trap2@clients-fb3.example",
                "note", "the recipient wrote to us: never subscribed"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(count("select count(*) from complaint where complaint_kind = 'unjustified-use' and recipient = ?",
                "trap2@clients-fb3.example")).isEqualTo(1);
        assertThat(EVENTS).anySatisfy(e -> assertThat(e).isInstanceOf(UnjustifiedUseReported.class));
        assertThat(operator.post("/api/operator/complaints/unjustified", Map.of("campaignId", id, "address", "nobody@clients-fb3.example"))
                .status()).isEqualTo(404);
    }

    @Test
    void aPermanentFailureAtSendTimeIsABounceClassifiedByTheSameRules() throws Exception {
        var sent = campaign("refus", "clients-fb5.example", 2);
        var account = sent.s().account().id();
        var campaign = java.util.UUID.fromString(sent.campaignId());
        String unknown = "refus1@clients-fb5.example", full = "refus2@clients-fb5.example";
        for (String address : List.of(unknown, full)) {
            long id = count("select id from outbound_message where recipient = ? and campaign_id = ?", address, campaign);
            String reply = address.equals(unknown) ? "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown"
                    : "552 5.2.2 <" + address + ">: Mailbox full";
            // what the delivery engine publishes after a 5xx at RCPT or DATA, in the transaction of the batch's outcomes;
            // the bounce is recorded once it commits, by a listener of the publication registry
            tx.executeWithoutResult(st -> publisher.publishEvent(new org.fairsend.delivery.MessageFailed(id, account, campaign,
                    org.fairsend.platform.Channel.EMAIL, address, pseudonyms.address(address), true,
                    reply.substring(0, 3), reply, java.time.Instant.now())));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from bounce where source = 'send-time' and recipient in (?, ?)",
                unknown, full) == 2);
        assertThat(count("select count(*) from bounce where recipient = ? and source = 'send-time' and kind = 'hard'", unknown)).isEqualTo(1);
        assertThat(suppressed(account, unknown, "hard_bounce")).isEqualTo(1);
        assertThat(count("select count(*) from bounce where recipient = ? and source = 'send-time' and kind = 'soft'", full)).isEqualTo(1);
        assertThat(count("select count(*) from suppression where address = ?", full)).isZero();
    }
}
