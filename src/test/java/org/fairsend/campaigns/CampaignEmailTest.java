package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMailUtil;
import org.fairsend.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fairsend.support.Dkimpy;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Real campaigns sent through the pipeline to GreenMail over SMTP (issue 3's "done when"). */
@PostgresTest
class CampaignEmailTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    static final String HTML = """
            <html><body><h1>Bonjour {{ contact.first_name }} !</h1>
            <p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois.</p>
            <p><a href="https://boulangerie.example/pain?ville={{ contact.city }}">Voir le pain de campagne</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    private List<StoredMessage> to(String address) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream()
                .filter(m -> {
                    try {
                        return m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(address);
                    } catch (Exception e) {
                        return false;
                    }
                }).toList();
    }

    private JsonNode awaitFinished(Fixtures.TestAccount a, String campaignId, Duration max) {
        await().atMost(max).pollInterval(Duration.ofMillis(200))
                .until(() -> a.api().get("/api/campaigns/" + campaignId).json().get("status").asString().equals("finished"));
        return a.api().get("/api/campaigns/" + campaignId + "/progress").json();
    }

    @Test
    void aPersonalisedCampaignArrivesSignedTrackableAndUnsubscribable() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "camille", "clients-a.example", 5);
        String id = EmailSetup.campaign(s, "Le pain de campagne revient, {{ contact.first_name }}", HTML, Map.of());

        var preflight = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(preflight.get("canStart").asBoolean()).as(preflight.toString()).isTrue();
        assertThat(preflight.at("/audience/byClass/eligible").asLong()).isEqualTo(5);

        var started = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        var progress = awaitFinished(s.account(), id, Duration.ofSeconds(60));
        assertThat(progress.get("sent").asLong()).isEqualTo(5);

        List<StoredMessage> got = to("camille3@clients-a.example");
        assertThat(got).hasSize(1);
        MimeMessage m = got.getFirst().getMimeMessage();
        assertThat(m.getSubject()).isEqualTo("Le pain de campagne revient, Camille3");
        assertThat(m.getFrom()[0].toString()).contains("lettre@" + s.domain());
        String listUnsubscribe = jakarta.mail.internet.MimeUtility.unfold(m.getHeader("List-Unsubscribe")[0]);
        assertThat(listUnsubscribe).matches("<https?://[^>]+/u/[^>]+>, <mailto:u-[0-9a-z]+-[0-9a-f]{24}@[^>]+>");
        assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getHeader("Return-Path")[0]).matches("<?b-[0-9a-z]+-[0-9a-f]{24}@bounces\\.fairsend\\.localhost>?");
        String dkim = m.getHeader("DKIM-Signature")[0].replaceAll("\\s+", "");
        assertThat(dkim).contains("d=" + s.domain()).contains("list-unsubscribe").contains("list-unsubscribe-post");

        String body = GreenMailUtil.getBody(m);
        String decoded = new String(jakarta.mail.internet.MimeUtility.decode(new java.io.ByteArrayInputStream(body.getBytes()),
                "quoted-printable").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(decoded).contains("Bonjour Camille3").contains("/c/").contains("/o/")
                .doesNotContain("https://boulangerie.example/pain?ville=Lyon\"") // tracked, not the raw link
                .contains("You subscribed"); // why-you-receive-this from the consent record (R-7)

        // an independent verifier (dkimpy) accepts the signature over the bytes as they arrived
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        byte[] bytes = raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("(?m)^Return-Path:.*\r?\n", "")
                .replaceAll("(?m)^Received:.*\r?\n(\\s.*\r?\n)*", "").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(Dkimpy.verify(bytes, s.dkimRecords())).containsOnly(true);

        // the evidence pack shows the message (R-5)
        var pack = s.account().api().get("/api/evidence?address=camille3@clients-a.example").json();
        assertThat(pack.toString()).contains("Lettre de novembre").contains("\"outcome\":\"sent\"");
    }

    @Test
    void blockingFindingsKeepACampaignFromStarting() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "dom", "clients-b.example", 2);
        String id = EmailSetup.campaign(s, "Casino en ligne : jackpot garanti", "<p>Misez au c@sino et gagnez !</p>",
                Map.of("fromAddress", "promo@not-verified.example", "platformFooter", false));
        var report = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(report.get("canStart").asBoolean()).isFalse();
        List<String> rules = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("severity").asString().equals("blocking")) rules.add(f.get("rule").asString());
        });
        assertThat(rules).contains("R-9", "R-11", "R-10");
        var start = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(start.status()).isEqualTo(422);
        assertThat(to("dom1@clients-b.example")).isEmpty();
    }

    @Test
    void anAddressSuppressedMidCampaignReceivesNothingAfterwardsEvenUnderConcurrency() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        int n = 300;
        EmailSetup.importContacts(s, "lecteur", "clients-c.example", n);
        String id = EmailSetup.campaign(s, "Nos viennoiseries du dimanche", HTML, Map.of("throttlePerMinute", 6000));
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> mail.getReceivedMessagesForDomain("clients-c.example").length >= 20);

        // eight clients unsubscribe 40 addresses at once while the campaign sends, spread over the second half of
        // the list: 13 % blockades at most, well under R-14's 30 %, so the circuit breaker has no reason to step in
        Map<String, Instant> recordedAt = new ConcurrentHashMap<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String address = "lecteur" + (n / 2 + 1 + (thread * 5 + i) * 3) + "@clients-c.example";
                        var r = s.account().api().post("/api/suppressions", Map.of("channel", "email", "address", address,
                                "detail", "asked to stop"));
                        assertThat(r.status()).isEqualTo(201);
                        recordedAt.put(address, Instant.now());
                    }
                }));
            }
            for (Future<?> f : done) f.get();
        }
        var progress = awaitFinished(s.account(), id, Duration.ofSeconds(90));
        assertThat(progress.get("sent").asLong() + progress.get("blocked").asLong()).isEqualTo(n);
        assertThat(progress.get("blocked").asLong()).isPositive();
        for (var e : recordedAt.entrySet()) {
            // the send log stamps each message with the moment it passed the last-mile gate onto the wire:
            // none after the unsubscribe was recorded
            List<java.sql.Timestamp> wire = jdbc.sql("select logged_at from send_log where recipient = ? and outcome = 'sent'")
                    .param(e.getKey()).query(java.sql.Timestamp.class).list();
            assertThat(wire).allSatisfy(t -> assertThat(t.toInstant()).as(e.getKey()).isBefore(e.getValue()));
            for (StoredMessage m : to(e.getKey())) {
                // and what GreenMail received left before that (allowing for an SMTP transfer on a busy machine)
                assertThat(m.getReceivedDate().toInstant()).as(e.getKey()).isBefore(e.getValue().plusSeconds(1));
            }
            long blocked = jdbc.sql("select count(*) from send_log where recipient = ? and outcome = 'blocked'").param(e.getKey())
                    .query(Long.class).single();
            assertThat(blocked + to(e.getKey()).size()).as(e.getKey()).isEqualTo(1);
        }
    }

    @Test
    void aPausedCampaignSendsNothingUntilResumedThenFinishesWithoutDuplicates() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        int n = 150;
        EmailSetup.importContacts(s, "pause", "clients-e.example", n);
        String id = EmailSetup.campaign(s, "Les galettes des rois", HTML, Map.of("throttlePerMinute", 3000));
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> mail.getReceivedMessagesForDomain("clients-e.example").length >= 10);
        var paused = s.account().api().post("/api/campaigns/" + id + "/pause", null);
        assertThat(paused.status()).isEqualTo(200);
        Instant pausedAt = Instant.now();
        assertThat(paused.json().get("status").asString()).isEqualTo("paused");
        Thread.sleep(1500);
        long late = jdbc.sql("select count(*) from send_log where campaign_id = ? and outcome = 'sent' and logged_at > ?")
                .params(java.util.UUID.fromString(id), java.sql.Timestamp.from(pausedAt)).query(Long.class).single();
        assertThat(late).as("messages through the gate after the pause").isZero();
        long received = mail.getManagers().getImapHostManager().getAllMessages().stream()
                .filter(m -> m.getReceivedDate().toInstant().isAfter(pausedAt.plusSeconds(1))).count();
        assertThat(received).as("messages received well after the pause").isZero();
        // what was claimed but had not left goes back to the queue
        await().atMost(Duration.ofSeconds(2)).until(() ->
                s.account().api().get("/api/campaigns/" + id + "/progress").json().get("queued").asLong() > 0);

        assertThat(s.account().api().post("/api/campaigns/" + id + "/resume", null).status()).isEqualTo(200);
        awaitFinished(s.account(), id, Duration.ofSeconds(60));
        assertThat(mail.getReceivedMessagesForDomain("clients-e.example")).hasSize(n);
        var history = s.account().api().get("/api/campaigns/" + id + "/history").json();
        List<String> states = new ArrayList<>();
        history.forEach(h -> states.add(h.get("to").asString()));
        assertThat(states).containsExactly("draft", "sending", "paused", "sending", "finished");
    }

    @Test
    void transactionalMailNeedsNoConsentButRefusesMarketingContent() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        var ok = s.account().api().post("/api/messages/email", Map.of("to", "Client.Commande@Clients-D.example", "category", "order",
                "subject", "Votre commande n°1042 est prête", "html", "<p>Bonjour {{ name }}, votre commande n°1042 est prête en boutique.</p>",
                "fromName", s.account().account().tradeName(), "fromAddress", "commandes@" + s.domain(), "data", Map.of("name", "Alex")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !to("client.commande@clients-d.example").isEmpty());
        MimeMessage m = to("client.commande@clients-d.example").getFirst().getMimeMessage();
        assertThat(m.getHeader("List-Unsubscribe")).isNull();
        assertThat(GreenMailUtil.getBody(m)).contains("Bonjour Alex");

        var refused = s.account().api().post("/api/messages/email", Map.of("to", "client@clients-d.example", "category", "order",
                "subject", "Votre commande + code promo -20 % sur les soldes", "html", "<p>Profitez de notre offre spéciale soldes !</p>",
                "fromName", s.account().account().tradeName(), "fromAddress", "commandes@" + s.domain()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("R-1");
    }
}
