package org.fairsend.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestSmsc;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 6's "done when", end to end through the API against an SMSC built on jSMPP's server classes: an SMS
 * campaign is sent over SMPP and its receipts update the messages; a STOP arriving mid-campaign stops every
 * later SMS to that number; a campaign started on a Sunday is held until Monday 08:00; CONTACT is
 * answered with the sender's identity; aggregators' webhook STOPs; throttling, refusals and a lost session.
 */
@PostgresTest
class SmsCampaignTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final TestSmsc SMSC = TestSmsc.started();

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry r) {
        SMSC.register(r, "test-smsc");
        r.add("fairsend.sms.smscs[0].window-size", () -> "10");
        r.add("fairsend.sms.short-code", () -> "36111");
        r.add("fairsend.sms.reconnect-initial", () -> "100ms");
        r.add("fairsend.sms.receipt-poll", () -> "100ms");
        r.add("fairsend.sms.enquire-link-interval", () -> "1s");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;
    @Autowired org.fairsend.delivery.internal.SmsReceipts receipts;

    @BeforeEach
    void aWeekdayMorning() {
        // Monday 7 December 2026, 10:00 in Paris: inside the SMS window
        clock.setNow(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, PARIS).toInstant());
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        SMSC.close();
    }

    record Setup(Fixtures.TestAccount account, String listId, List<String> numbers) {}

    /** An account with an approved sender and {@code n} contacts consenting to SMS, numbers +336{prefix}{nnnnnn}. */
    Setup setup(String prefix, int n, String sender) {
        var a = fixtures.account();
        // a French shop: its recipients read French, so the opt-out mention is R-18's "STOP au 36111" (issue 20; an account
        // of France names French by default, said again here since the test is about it)
        var french = a.api().send("PATCH", "/api/account", "{\"language\":\"fr\"}", "application/json");
        assertThat(french.status()).as(french.body()).isEqualTo(200);
        Api operator = fixtures.operator();
        if (sender != null) {
            var approved = operator.post("/api/operator/accounts/" + a.id() + "/sms-senders", Map.of("sender", sender));
            assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        }
        var list = a.api().post("/api/lists", Map.of("name", "Clients SMS"));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        String listId = list.json().get("id").asString();
        StringBuilder csv = new StringBuilder("phone,first_name,channels,consent_basis,opt_in_type,collected_at,source_url,ip,"
                + "declaration_text,subject,explicit\n");
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String number = String.format("+336%s%06d", prefix, i);
            numbers.add(number);
            csv.append(number).append(",Camille").append(i).append(",sms,opt_in,single,2026-06-01T10:00:00Z,")
                    .append("https://boulangerie.example/sms,203.0.113.7,J'accepte de recevoir les offres SMS de la boulangerie,")
                    .append("Offres de la boulangerie par SMS,true\n");
        }
        var r = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + listId, csv.toString(), "text/csv");
        assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
        String importId = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !a.api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        assertThat(a.api().get("/api/imports/" + importId).json().get("rowsAccepted").asLong()).isEqualTo(n);
        return new Setup(a, listId, numbers);
    }

    String campaign(Setup s, String text, String sender, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Offre SMS", "channel", "sms", "text", text, "listIds", List.of(s.listId())));
        if (sender != null) body.put("smsSender", sender);
        body.putAll(extra);
        var r = s.account().api().post("/api/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    JsonNode start(Setup s, String id) {
        var r = s.account().api().post("/api/campaigns/" + id + "/start", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    JsonNode awaitFinished(Setup s, String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> s.account().api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        return s.account().api().get("/api/campaigns/" + id + "/progress").json();
    }

    /**
     * Issue 20, R-18: the opt-out mention appended to a personalised sender's SMS is in each recipient's language: the
     * French shop's contacts read "STOP au 36111", a contact who reads English "Opt out: STOP au 36111" (R-18's mention whole), in one campaign.
     */
    @Test
    void theOptOutMentionIsInEachRecipientsLanguage() {
        var s = setup("18", 2, "MaBoutique");
        String english = s.numbers().get(1);
        var found = s.account().api().get("/api/contacts?q=" + java.net.URLEncoder.encode(english, java.nio.charset.StandardCharsets.UTF_8)).json();
        String contactId = found.at("/items/0/id").asString();
        var changed = s.account().api().send("PATCH", "/api/contacts/" + contactId, "{\"language\":\"en-GB\"}", "application/json");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().at("/contact/language").asString()).isEqualTo("en");

        String id = campaign(s, "Bonjour {{ contact.first_name }}, les fraisiers sont de retour ce week-end.", "MaBoutique", Map.of());
        start(s, id);
        assertThat(awaitFinished(s, id).get("sent").asLong()).isEqualTo(2);
        var french = SMSC.submittedTo(s.numbers().getFirst());
        assertThat(french).hasSize(1);
        assertThat(french.getFirst().text()).endsWith("\nSTOP au 36111").doesNotContain("Reply");
        var en = SMSC.submittedTo(english);
        assertThat(en).hasSize(1);
        assertThat(en.getFirst().text()).startsWith("Bonjour Camille2").endsWith("\nOpt out: STOP au 36111");
    }

    @Test
    void aCampaignIsSentOverSmppAndItsReceiptsUpdateEveryMessage() {
        var s = setup("10", 6, "MaBoutique");
        SMSC.receiptFor(s.numbers().get(4), DeliveryReceiptState.UNDELIV);
        SMSC.receiptFor(s.numbers().get(5), DeliveryReceiptState.EXPIRED);
        SMSC.throttleNext(2); // the first two submit_sm are answered ESME_RTHROTTLED, then accepted
        String id = campaign(s, "Bonjour {{ contact.first_name }}, -20 % sur les fraisiers ce week-end : 3 € la part !", "MaBoutique", Map.of());

        var preview = s.account().api().get("/api/campaigns/" + id + "/sms-preview").json();
        assertThat(preview.get("text").asString()).startsWith("Bonjour Camille").endsWith("\nSTOP au 36111");
        assertThat(preview.get("optOutMention").asBoolean()).isTrue();
        assertThat(preview.get("encoding").asString()).isEqualTo("GSM-7"); // é, à and € are GSM 03.38 (€ counts double)
        assertThat(preview.get("segments").asInt()).isEqualTo(1);
        assertThat(preview.get("eligibleRecipients").asLong()).isEqualTo(6);
        assertThat(preview.get("audienceSegments").asLong()).isEqualTo(6);

        start(s, id);
        var progress = awaitFinished(s, id);
        assertThat(progress.get("sent").asLong()).isEqualTo(6);
        for (String n : s.numbers()) {
            var got = SMSC.submittedTo(n);
            assertThat(got).as(n).hasSize(1);
            assertThat(got.getFirst().source()).isEqualTo("MaBoutique");
            assertThat(got.getFirst().sourceTon()).isEqualTo(TypeOfNumber.ALPHANUMERIC.value());
            assertThat(got.getFirst().text()).contains("Bonjour Camille").endsWith("STOP au 36111");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var receipts = s.account().api().get("/api/campaigns/" + id + "/progress").json().get("receipts");
            assertThat(receipts.path("delivered").asLong()).isEqualTo(4);
            assertThat(receipts.path("undeliverable").asLong()).isEqualTo(1);
            assertThat(receipts.path("expired").asLong()).isEqualTo(1);
        });
        // issue 20: the results say what the receipts prove: 4 of 6 delivered, 2 not, over the sent ones; one state vocabulary
        assertThat(progress.get("state").asString()).isEqualTo("finished");
        var results = s.account().api().get("/api/campaigns/" + id + "/results").json();
        assertThat(results.get("channel").asString()).isEqualTo("sms");
        org.fairsend.results.ResultsScenario.assertFigure(results, "recipients", 6, null, null);
        org.fairsend.results.ResultsScenario.assertFigure(results, "sent", 6, "recipients", 1.0);
        org.fairsend.results.ResultsScenario.assertFigure(results, "delivered", 4, "sent", 0.6667);
        org.fairsend.results.ResultsScenario.assertFigure(results, "undelivered", 2, "sent", 0.3333);
        org.fairsend.results.ResultsScenario.assertFigure(results, "awaiting_receipt", 0, "sent", 0.0);
        org.fairsend.results.ResultsScenario.assertFigure(results, "unsubscribes", 0, "sent", 0.0);
        org.fairsend.results.ResultsScenario.assertFigure(results, "clicked_people", 0, "sent", 0.0);
        assertThat(org.fairsend.results.ResultsScenario.figure(results, "delivered").get("label").asString()).contains("delivery receipt");
        assertThat(results.get("channels").get(0).toString()).doesNotContain("opened_people").doesNotContain("bounced_hard");
        // everything happened within one hour: one bucket, too little for a chart
        assertThat(results.at("/series/buckets").size()).isEqualTo(1);
        assertThat(results.at("/series/buckets/0/sent").asLong()).isEqualTo(6);
        assertThat(results.at("/series/tooLittleData").asBoolean()).isTrue();
        var listed = s.account().api().get("/api/campaigns").json();
        assertThat(listed.get(0).get("id").asString()).isEqualTo(id);
        assertThat(listed.get(0).at("/results/sent").asLong()).isEqualTo(6);
        assertThat(listed.get(0).at("/results/delivered").asLong()).isEqualTo(4);
        assertThat(listed.get(0).at("/results/openRate").isNull()).isTrue(); // no opens on SMS
        // the evidence pack shows the send and what the network said
        var pack = s.account().api().get("/api/evidence?address=" + enc(s.numbers().get(4))).body();
        assertThat(pack).contains("\"outcome\":\"sent\"").contains("\"outcome\":\"undeliverable\"").contains("Offre SMS");
    }

    @Test
    void aStopArrivingMidCampaignStopsEveryLaterSmsToThatNumber() throws Exception {
        int n = 40;
        var s = setup("11", n, null);
        // a first campaign: every number receives an SMS from the platform's short code
        String first = campaign(s, "La boulangerie ouvre dimanche matin.", null, Map.of());
        start(s, first);
        assertThat(awaitFinished(s, first).get("sent").asLong()).isEqualTo(n);
        assertThat(SMSC.submittedTo(s.numbers().getFirst()).getFirst().source()).isEqualTo("36111");

        // the second one is throttled to 5 per second: the STOP arrives while it is sending
        String second = campaign(s, "Nouveau : le pain aux noix, 2,50 € la miche.", null, Map.of("throttlePerMinute", 300));
        int before = SMSC.submitted().size();
        start(s, second);
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.submitted().size() - before >= 3);
        // a number the second campaign has not reached yet
        String stopper = null;
        for (int i = n - 1; i >= 0 && stopper == null; i--) {
            if (SMSC.submittedTo(s.numbers().get(i)).size() == 1) stopper = s.numbers().get(i);
        }
        assertThat(stopper).isNotNull();
        SMSC.mo(stopper, "36111", "Stop svp, merci");
        var stopAt = java.time.Instant.now();

        var progress = awaitFinished(s, second);
        assertThat(SMSC.submittedTo(stopper)).hasSize(1); // only the first campaign's
        // issue 20: the STOP answered the first campaign's SMS (the last one the number got): its unsubscribe, not the second's
        var firstResults = s.account().api().get("/api/campaigns/" + first + "/results").json();
        org.fairsend.results.ResultsScenario.assertFigure(firstResults, "unsubscribes", 1, "sent", org.fairsend.results.Figure.rate(1, n));
        var secondResults = s.account().api().get("/api/campaigns/" + second + "/results").json();
        org.fairsend.results.ResultsScenario.assertFigure(secondResults, "unsubscribes", 0, "sent", 0.0);
        org.fairsend.results.ResultsScenario.assertFigure(secondResults, "blocked", progress.get("blocked").asLong(), "recipients",
                org.fairsend.results.Figure.rate(progress.get("blocked").asLong(), n));
        assertThat(progress.get("sent").asLong() + progress.get("blocked").asLong()).isEqualTo(n);
        assertThat(progress.get("blocked").asLong()).isEqualTo(1);
        assertThat(SMSC.submitted().stream().filter(x -> x.at().isAfter(stopAt)).map(TestSmsc.Submitted::destination))
                .doesNotContain(stopper.substring(1));
        // recorded as an SMS unsubscribe, visible in the evidence pack with the reply itself
        var pack = s.account().api().get("/api/evidence?address=" + enc(stopper)).json();
        assertThat(pack.toString()).contains("sms-stop").contains("Stop svp, merci");
        var unsubscribed = s.account().api().get("/api/contacts?channel=sms&status=unsubscribed").body();
        assertThat(unsubscribed).contains(stopper);
    }

    @Test
    void aCampaignStartedOnASundayIsHeldUntilMondayEightAndTransactionalSmsAreNot() throws Exception {
        var s = setup("12", 3, "MaBoutique");
        clock.setNow(ZonedDateTime.of(2026, 12, 6, 11, 0, 0, 0, PARIS).toInstant()); // Sunday
        String id = campaign(s, "Ce lundi, la galette des rois est de retour.", "MaBoutique", Map.of());
        var report = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(report.toString()).contains("X-4").contains("lundi 7 décembre 2026 08:00");
        // issue 20: the start answers with the campaign, now sending (its messages held until the window opens)
        var started = start(s, id);
        assertThat(started.get("id").asString()).isEqualTo(id);
        assertThat(started.get("status").asString()).isEqualTo("sending");
        await().atMost(Duration.ofSeconds(20)).until(() -> s.account().api().get("/api/campaigns/" + id + "/progress").json()
                .get("held").asLong() == 3);
        // transactional SMS are never held
        var tx = s.account().api().post("/api/messages/sms", Map.of("to", "06 12 99 00 01", "category", "order",
                "text", "Votre commande n° 1234 est prête, à retirer en boutique."));
        assertThat(tx.status()).as(tx.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.submittedTo("+33612990001").size() == 1);
        Thread.sleep(1000);
        assertThat(s.numbers()).allSatisfy(n -> assertThat(SMSC.submittedTo(n)).isEmpty());
        var pack = s.account().api().get("/api/evidence?address=" + enc(s.numbers().getFirst())).body();
        assertThat(pack).contains("\"outcome\":\"held\"").contains("2026-12-07T07:00:00Z"); // Monday 08:00 in Paris

        clock.setNow(ZonedDateTime.of(2026, 12, 7, 7, 59, 58, 0, PARIS).toInstant());
        var shiftedAt = java.time.Instant.now(); // real time: the window opens 2 s later
        Thread.sleep(1000);
        assertThat(s.numbers()).allSatisfy(n -> assertThat(SMSC.submittedTo(n)).isEmpty());
        var progress = awaitFinished(s, id);
        assertThat(progress.get("sent").asLong()).isEqualTo(3);
        for (String n : s.numbers()) {
            assertThat(SMSC.submittedTo(n).getFirst().at()).isAfter(shiftedAt.plusMillis(1900)); // sent once it opened
        }
    }

    @Test
    void contactIsAnsweredWithTheSendersIdentityAndAWebhookStopUnsubscribes() throws Exception {
        var s = setup("13", 2, null);
        String id = campaign(s, "Les chocolats de Noël sont arrivés.", null, Map.of());
        start(s, id);
        awaitFinished(s, id);
        SMSC.mo(s.numbers().getFirst(), "36111", "contact");
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.submittedTo(s.numbers().getFirst()).size() == 2);
        String reply = SMSC.submittedTo(s.numbers().getFirst()).get(1).text();
        assertThat(reply).contains(s.account().account().legalName()).contains(s.account().account().contactEmail());

        var urls = s.account().api().get("/api/webhooks").json();
        String hook = urls.get("smsReplies").asString();
        String path = hook.substring(hook.indexOf("/webhooks/"));
        var anonymous = fixtures.anonymous();
        assertThat(anonymous.post(path.replaceAll("/[^/]+$", "/forged"), Map.of("from", s.numbers().get(1), "text", "STOP")).status())
                .isIn(401, 403);
        // the reply webhook is signed with the account's SMS secret (issue 13): the token in the path is not enough
        assertThat(anonymous.post(path, Map.of("from", s.numbers().get(1), "to", "36111", "text", "ARRÊT SMS")).status()).isEqualTo(401);
        String secret = s.account().api().post("/api/integrations/sms/secrets", null).json().get("secret").asString();
        var r = signedReply(anonymous, path, secret, Map.of("from", s.numbers().get(1), "to", "36111", "text", "ARRÊT SMS"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("result").asString()).isEqualTo("unsubscribed");
        var bad = signedReply(anonymous, path, secret, Map.of("from", "not a number", "text", "STOP"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("from");
        String again = campaign(s, "Dernier jour pour les chocolats.", null, Map.of());
        var report = s.account().api().get("/api/campaigns/" + again + "/preflight").json();
        // the STOP suppressed the number: the next campaign blocks it (R-16 blockade)
        assertThat(report.get("audience").get("byClass").get("suppressed").asLong()).isEqualTo(1);
        assertThat(report.get("audience").get("byClass").get("eligible").asLong()).isEqualTo(1);
    }

    /** An SMS reply posted as the aggregator does: signed with the account's SMS secret (platform.WebhookSignature). */
    private Api.Response signedReply(Api web, String path, String secret, Map<String, Object> body) {
        String json = Api.JSON.writeValueAsString(body);
        String ts = String.valueOf(clock.instant().getEpochSecond());
        return web.withHeader(org.fairsend.platform.WebhookSignature.TIMESTAMP_HEADER, ts)
                .withHeader(org.fairsend.platform.WebhookSignature.SIGNATURE_HEADER,
                        org.fairsend.platform.WebhookSignature.sign(secret, ts, json.getBytes(StandardCharsets.UTF_8)))
                .postRaw(path, json, "application/json");
    }

    @Test
    void refusalsFailAndALostSessionIsBoundAgain() {
        var s = setup("14", 3, null);
        SMSC.refuse(s.numbers().get(2), 0x0B); // ESME_RINVDSTADR: permanent
        String id = campaign(s, "Promotion sur les croissants ce matin.", null, Map.of());
        start(s, id);
        var progress = awaitFinished(s, id);
        assertThat(progress.get("sent").asLong()).isEqualTo(2);
        assertThat(progress.get("failed").asLong()).isEqualTo(1);
        var pack = s.account().api().get("/api/evidence?address=" + enc(s.numbers().get(2))).body();
        assertThat(pack).contains("ESME_RINVDSTADR");

        int binds = SMSC.binds();
        SMSC.dropSessions();
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.binds() > binds);
        var tx = s.account().api().post("/api/messages/sms", Map.of("to", "+33614990002", "category", "delivery",
                "text", "Votre colis est en route."));
        assertThat(tx.status()).as(tx.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.submittedTo("+33614990002").size() == 1);
        // an idle session is kept alive with enquire_link
        int links = SMSC.enquireLinks();
        await().atMost(Duration.ofSeconds(10)).until(() -> SMSC.enquireLinks() > links);
    }

    @Test
    void lateReceiptsFindTheirMessageThroughTheStoredMapping() {
        var s = setup("16", 3, null);
        SMSC.sendReceipts(false);
        String id;
        try {
            id = campaign(s, "Vos pains sont prêts.", null, Map.of());
            start(s, id);
            awaitFinished(s, id);
        } finally {
            SMSC.sendReceipts(true);
        }
        assertThat(s.account().api().get("/api/campaigns/" + id + "/progress").json().get("receipts").size()).isZero();
        // the SMSC id -> message mapping lives in the database only: a receipt coming after a reconnect (or a
        // restart of Fairsend) still finds its message
        int binds = SMSC.binds();
        SMSC.dropSessions();
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.binds() > binds);
        SMSC.sendWithheldReceipts();
        await().atMost(Duration.ofSeconds(20)).until(() -> s.account().api().get("/api/campaigns/" + id + "/progress").json()
                .get("receipts").path("delivered").asLong() == 3);
    }

    @Test
    void aReceiptThatOvertakesItsMappingWaitsForIt() {
        var s = setup("17", 1, null);
        SMSC.sendReceipts(false);
        long messageId;
        try {
            var tx = s.account().api().post("/api/messages/sms", Map.of("to", "+33617000001", "category", "order", "text", "Commande prête."));
            assertThat(tx.status()).as(tx.body()).isEqualTo(202);
            messageId = tx.json().get("messageId").asLong();
            await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.submittedTo("+33617000001").size() == 1);
        } finally {
            SMSC.sendReceipts(true);
        }
        // the receipt is stored (the SMSC is acknowledged) before anything maps its id to a message
        receipts.received("test-smsc", "overtaking-1", "UNDELIV", "001", null);
        assertThat(s.account().api().get("/api/evidence?address=%2B33617000001").body()).doesNotContain("\"outcome\":\"undeliverable\"");
        receipts.mapped("test-smsc", "overtaking-1", messageId, 1, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> s.account().api().get("/api/evidence?address=%2B33617000001").body()
                .contains("\"outcome\":\"undeliverable\""));
    }

    @Test
    void badSendersAndPromotionalTransactionalSmsAreRefusedWithTheRule() {
        var s = setup("15", 1, null);
        var op = fixtures.operator();
        var bank = op.post("/api/operator/accounts/" + s.account().id() + "/sms-senders", Map.of("sender", "BNPParibas1"));
        assertThat(bank.status()).isEqualTo(422);
        assertThat(bank.body()).contains("brandAuthorisation").contains("R-18");
        var police = op.post("/api/operator/accounts/" + s.account().id() + "/sms-senders", Map.of("sender", "Police"));
        assertThat(police.status()).isEqualTo(422);
        assertThat(police.body()).contains("always refused");
        var authorised = op.post("/api/operator/accounts/" + s.account().id() + "/sms-senders",
                Map.of("sender", "BNPParibas1", "brandAuthorisation", "Lettre de BNP Paribas du 2026-11-02, ref. MKT-443"));
        assertThat(authorised.status()).as(authorised.body()).isEqualTo(201);

        var notApproved = s.account().api().post("/api/messages/sms", Map.of("to", "+33615000009", "text", "Votre code : 1234",
                "sender", "AutreNom", "category", "security"));
        assertThat(notApproved.status()).isEqualTo(422);
        assertThat(notApproved.body()).contains("not approved").contains("sender");
        var promo = s.account().api().post("/api/messages/sms", Map.of("to", "+33615000009", "category", "order",
                "text", "Commande expédiée. Profitez de -30 % sur toute la boutique avec le code PROMO30 !"));
        assertThat(promo.status()).isEqualTo(422);
        assertThat(promo.body()).contains("R-1");
        var landline = s.account().api().post("/api/messages/sms", Map.of("to", "01 45 67 89 00", "category", "appointment", "text", "Votre rendez-vous est confirmé."));
        assertThat(landline.status()).isEqualTo(422);
        assertThat(landline.body()).contains("\"to\"");

        var preview = s.account().api().post("/api/sms/preview", Map.of("text", "L’été arrive : crème glacée à l’ancienne 🍦", "sender", "BNPParibas1"));
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        var p = preview.json();
        assertThat(p.get("encoding").asString()).isEqualTo("UCS-2");
        assertThat(p.get("text").asString()).endsWith("STOP au 36111");
        assertThat(p.get("forcing").toString()).contains("U+2019").contains("\"replacement\":\"'\"").contains("U+1F366");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
