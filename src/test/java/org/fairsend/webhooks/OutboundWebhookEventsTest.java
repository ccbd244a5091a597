package org.fairsend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.fairsend.platform.WebhookSignature;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestSmsc;
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
 * Issue 20's {@code delivered}, {@code sms_reply} and {@code call} webhooks, end to end, posted to a real HTTP receiver
 * on 127.0.0.1 and verified with the secret shown at registration: an SMS campaign over SMPP (jSMPP's server classes as
 * the SMSC) whose delivery receipts say delivered for one number and undeliverable for the other; replies from the
 * contacts (a question, a STOP, a long text through the aggregator's signed webhook); a tracked call through the
 * telephony provider's webhook, completed then missed, its caller masked as call tracking stores it. Another
 * account's endpoint hears nothing of them. A reply retried after the contact's erasure carries neither its text
 * nor the number.
 */
@PostgresTest
class OutboundWebhookEventsTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final TestSmsc SMSC = TestSmsc.started();

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry r) {
        SMSC.register(r, "test-smsc");
        r.add("fairsend.sms.short-code", () -> "36111");
        r.add("fairsend.sms.reconnect-initial", () -> "100ms");
        r.add("fairsend.sms.receipt-poll", () -> "100ms");
        r.add("fairsend.outbound-webhooks.reply-text-max", () -> "300");
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

    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }

        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        String type() {
            return header("X-Fairsend-Event");
        }
    }

    private final List<HttpServer> servers = new ArrayList<>();

    private String receiver(ConcurrentLinkedQueue<Received> got) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            got.add(new Received(Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @BeforeEach
    void aWeekdayMorning() {
        // Monday 7 December 2026, 10:00 in Paris: inside the SMS window
        clock.setNow(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, PARIS).toInstant());
    }

    @AfterEach
    void stop() {
        clock.reset();
        servers.forEach(s -> s.stop(0));
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        SMSC.close();
    }

    private static String register(Api api, String url, List<String> events) {
        var r = api.post("/api/outbound-webhooks", Map.of("url", url, "events", events));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("secret").asString();
    }

    /** Signed with the secret shown at registration, over "timestamp.body", the timestamp the application's now. */
    private void assertSigned(Received r, String secret) {
        assertThat(WebhookSignature.refusal(List.of(secret), false, null, r.header(WebhookSignature.TIMESTAMP_HEADER),
                r.header(WebhookSignature.SIGNATURE_HEADER), r.body(), clock.instant(), Duration.ofMinutes(1))).isNull();
        assertThat(WebhookSignature.matches("whsec_another", r.header(WebhookSignature.TIMESTAMP_HEADER), r.body(),
                r.header(WebhookSignature.SIGNATURE_HEADER))).isFalse();
    }

    private static List<Received> of(ConcurrentLinkedQueue<Received> got, String type) {
        return got.stream().filter(r -> type.equals(r.type())).toList();
    }

    /** An account with two contacts consenting to SMS (+336{prefix}00001 and 2) on one list. */
    private record Sms(Fixtures.TestAccount account, String listId, List<String> numbers) {}

    private Sms smsAccount(String prefix) {
        var a = fixtures.account();
        String listId = a.api().post("/api/lists", Map.of("name", "Clients SMS")).json().get("id").asString();
        StringBuilder csv = new StringBuilder("phone,first_name,channels,consent_basis,opt_in_type,collected_at,source_url,ip,"
                + "declaration_text,subject,explicit\n");
        List<String> numbers = List.of("+336" + prefix + "00001", "+336" + prefix + "00002");
        for (String n : numbers) {
            csv.append(n).append(",Camille,sms,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/sms,203.0.113.7,")
                    .append("J'accepte de recevoir les offres SMS de la boulangerie,Offres de la boulangerie par SMS,true\n");
        }
        var r = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + listId, csv.toString(), "text/csv");
        assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
        String importId = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !a.api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        return new Sms(a, listId, numbers);
    }

    @Test
    void smsReceiptsAndRepliesReachTheAccountsEndpointSigned() throws Exception {
        var s = smsAccount("770");
        var got = new ConcurrentLinkedQueue<Received>();
        String secret = register(s.account().api(), receiver(got), List.of("delivered", "sms_reply", "unsubscribed"));
        // another account listening to the same events hears nothing of this account's
        var elsewhere = new ConcurrentLinkedQueue<Received>();
        register(fixtures.account().api(), receiver(elsewhere), List.of("delivered", "sms_reply", "unsubscribed", "call"));

        SMSC.receiptFor(s.numbers().get(1), DeliveryReceiptState.UNDELIV);
        var c = s.account().api().post("/api/campaigns", Map.of("name", "Galettes", "channel", "sms", "listIds", List.of(s.listId()),
                "text", "La galette des rois est de retour samedi."));
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        String campaign = c.json().get("id").asString();
        assertThat(s.account().api().post("/api/campaigns/" + campaign + "/start", Map.of()).status()).isEqualTo(200);

        // the receipt saying delivered is reported; the undeliverable one is not a delivery
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !of(got, "delivered").isEmpty());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(s.account().api().get("/api/campaigns/" + campaign + "/progress")
                .json().at("/receipts/undeliverable").asLong()).isEqualTo(1));
        Thread.sleep(800); // a few worker passes: nothing else comes
        assertThat(of(got, "delivered")).hasSize(1);
        Received delivered = of(got, "delivered").getFirst();
        assertSigned(delivered, secret);
        JsonNode d = delivered.json();
        assertThat(d.get("type").asString()).isEqualTo("delivered");
        assertThat(d.get("channel").asString()).isEqualTo("sms");
        assertThat(d.get("campaignId").asString()).isEqualTo(campaign);
        assertThat(d.get("recipient").asString()).isEqualTo(s.numbers().get(0));
        long messageId = d.get("messageId").asLong();
        assertThat(messageId).isPositive();

        // a reply: its text is the contact's message to the account, given with the message it answers
        SMSC.mo(s.numbers().get(0), "36111", "Bonjour, vous en garderez une pour moi ? <b>Camille</b>");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> !of(got, "sms_reply").isEmpty());
        Received reply = of(got, "sms_reply").getFirst();
        assertSigned(reply, secret);
        JsonNode r = reply.json();
        assertThat(r.get("channel").asString()).isEqualTo("sms");
        assertThat(r.get("messageId").asLong()).isEqualTo(messageId);
        assertThat(r.get("campaignId").asString()).isEqualTo(campaign);
        assertThat(r.get("recipient").asString()).isEqualTo(s.numbers().get(0));
        assertThat(r.at("/data/keyword").asString()).isEqualTo("other");
        assertThat(r.at("/data/text").asString()).isEqualTo("Bonjour, vous en garderez une pour moi ? <b>Camille</b>");
        assertThat(r.at("/data/textTruncated").isMissingNode()).isTrue();

        // a STOP is a reply and an unsubscribe
        SMSC.mo(s.numbers().get(1), "36111", "STOP");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> of(got, "sms_reply").size() == 2 && of(got, "unsubscribed").size() == 1);
        JsonNode stop = of(got, "sms_reply").get(1).json();
        assertThat(stop.at("/data/keyword").asString()).isEqualTo("stop");
        assertThat(stop.at("/data/text").asString()).isEqualTo("STOP");
        assertThat(stop.get("recipient").asString()).isEqualTo(s.numbers().get(1));
        JsonNode unsubscribed = of(got, "unsubscribed").getFirst().json();
        assertThat(unsubscribed.at("/data/source").asString()).isEqualTo("sms-stop");
        assertThat(unsubscribed.get("channel").asString()).isEqualTo("sms");

        // a long reply through the aggregator's signed webhook: the text is cut at reply-text-max (300 here) and says so
        String path = s.account().api().get("/api/webhooks").json().get("smsReplies").asString().replaceAll("^https?://[^/]+", "");
        String smsSecret = s.account().api().post("/api/integrations/sms/secrets", null).json().get("secret").asString();
        String longText = "Merci ! " + "Je voudrais aussi une brioche. ".repeat(30);
        String json = Api.JSON.writeValueAsString(Map.of("from", s.numbers().get(0), "to", "36111", "text", longText));
        String ts = String.valueOf(clock.instant().getEpochSecond());
        var posted = fixtures.anonymous().withHeader(WebhookSignature.TIMESTAMP_HEADER, ts)
                .withHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(smsSecret, ts, json.getBytes(StandardCharsets.UTF_8)))
                .postRaw(path, json, "application/json");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> of(got, "sms_reply").size() == 3);
        JsonNode cut = of(got, "sms_reply").get(2).json();
        assertThat(cut.at("/data/text").asString()).hasSize(300).isEqualTo(longText.substring(0, 300));
        assertThat(cut.at("/data/textTruncated").asBoolean()).isTrue();

        // the deliveries are listed with their attempts
        String endpoint = s.account().api().get("/api/outbound-webhooks").json().at("/0/id").asString();
        JsonNode deliveries = s.account().api().get("/api/outbound-webhooks/" + endpoint + "/deliveries").json();
        assertThat(deliveries.size()).isEqualTo(5);
        deliveries.forEach(x -> {
            assertThat(x.get("state").asString()).isEqualTo("delivered");
            assertThat(x.at("/lastAttempts/0/statusCode").asInt()).isEqualTo(204);
        });
        assertThat(elsewhere).isEmpty();
    }

    /** a reply's text and number are read when posted: a retry after the person's erasure carries neither. */
    @Test
    void aReplyPostedAfterTheContactsErasureCarriesNoTextNorNumber() throws Exception {
        var s = smsAccount("771");
        var c = s.account().api().post("/api/campaigns", Map.of("name", "Brioches", "channel", "sms", "listIds", List.of(s.listId()),
                "text", "Les brioches sont sorties du four."));
        String campaign = c.json().get("id").asString();
        assertThat(s.account().api().post("/api/campaigns/" + campaign + "/start", Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> s.account().api().get("/api/campaigns/" + campaign).json().get("status").asString().equals("finished"));

        // a receiver that is down until the erasure is done
        var got = new ConcurrentLinkedQueue<Received>();
        var erased = new java.util.concurrent.atomic.AtomicBoolean();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            got.add(new Received(Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(erased.get() ? 200 : 503, -1);
            ex.close();
        });
        server.start();
        servers.add(server);
        register(s.account().api(), "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", List.of("sms_reply"));

        SMSC.mo(s.numbers().get(0), "36111", "C'est Camille Dupont, gardez-m'en deux");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> !got.isEmpty());
        JsonNode first = got.peek().json();
        assertThat(first.at("/data/text").asString()).isEqualTo("C'est Camille Dupont, gardez-m'en deux");
        assertThat(first.get("recipient").asString()).isEqualTo(s.numbers().get(0));

        String contact = s.account().api().get("/api/contacts?limit=10").json().get("items").valueStream()
                .filter(x -> x.toString().contains(s.numbers().get(0).substring(3))).findFirst().orElseThrow().get("id").asString();
        assertThat(s.account().api().delete("/api/contacts/" + contact).status()).isEqualTo(204);
        erased.set(true);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> got.stream().anyMatch(r -> !r.json().has("recipient")));
        JsonNode after = got.stream().filter(r -> !r.json().has("recipient")).findFirst().orElseThrow().json();
        assertThat(after.get("deliveryId").asLong()).isEqualTo(first.get("deliveryId").asLong()); // the same delivery, retried
        assertThat(after.at("/data/keyword").asString()).isEqualTo("other");
        assertThat(after.at("/data").has("text")).isFalse();
        assertThat(after.toString()).doesNotContain("Camille").doesNotContain(s.numbers().get(0).substring(4));
    }

    @Test
    void aTrackedCallIsReportedWithItsDurationAndTheCallerAsStored() throws Exception {
        Api op = fixtures.operator();
        var created = op.post("/api/operator/accounts", Map.of("legalName", "Plomberie des Pentes SARL", "country", "FR", "mainlandFrance", true,
                "contactEmail", "contact@plomberie-pentes.fr", "mainPhone", "04 78 28 12 34", "postcode", "69001"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String accountId = created.json().at("/account/id").asString();
        Api account = new Api(fixtures.port(), created.json().get("apiKey").asString());
        var imported = op.post("/api/operator/calltracking/numbers/import", Map.of("numbers", List.of("+33427869901"), "note", "webhooks test"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String numberId = imported.json().at("/imported/0/id").asString();
        assertThat(op.post("/api/operator/calltracking/numbers/" + numberId + "/assign", Map.of("accountId", accountId, "reason", "new customer"))
                .status()).isEqualTo(200);
        String medium = account.post("/api/calltracking/media", Map.of("name", "Le Progrès <édition Lyon>", "type", "print")).json().get("id")
                .asString();
        var line = account.put("/api/calltracking/numbers/" + numberId, Map.of("mediumId", medium, "redirectTo", "04 72 10 30 30"));
        assertThat(line.status()).as(line.body()).isEqualTo(200);

        var got = new ConcurrentLinkedQueue<Received>();
        String secret = register(account, receiver(got), List.of("call"));
        var elsewhere = new ConcurrentLinkedQueue<Received>();
        register(fixtures.account().api(), receiver(elsewhere), List.of("call"));

        Api provider = new Api(fixtures.port(), "test-calltracking-token");
        Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(5); // stored to the microsecond
        for (Map<String, Object> e : List.of(event("call.started", "wh-call-1", "06 12 34 56 78", start, null),
                event("call.answered", "wh-call-1", "06 12 34 56 78", start.plusSeconds(4), null),
                event("call.ended", "wh-call-1", "06 12 34 56 78", start.plusSeconds(99), 95))) {
            var r = provider.post("/webhooks/calltracking", e);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> got.size() == 1);
        Received call = got.peek();
        assertSigned(call, secret);
        assertThat(call.type()).isEqualTo("call");
        JsonNode p = call.json();
        assertThat(p.get("accountId").asString()).isEqualTo(accountId);
        assertThat(p.at("/data/status").asString()).isEqualTo("completed");
        assertThat(p.at("/data/durationSeconds").asInt()).isEqualTo(95);
        assertThat(p.at("/data/trackedNumber").asString()).isEqualTo("+33427869901");
        assertThat(p.at("/data/medium").asString()).isEqualTo("Le Progrès <édition Lyon>");
        assertThat(Instant.parse(p.at("/data/startedAt").asString())).isEqualTo(start);
        assertThat(Instant.parse(p.at("/data/endedAt").asString())).isEqualTo(start.plusSeconds(99));
        // the account keeps masked numbers (the default): the webhook gives the caller as stored, never the full number
        assertThat(p.at("/data/caller").asString()).isEqualTo("+3361234XXXX");
        assertThat(p.at("/data/callerMasked").asBoolean()).isTrue();
        assertThat(new String(call.body(), StandardCharsets.UTF_8)).doesNotContain("5678");
        String callId = p.at("/data/callId").asString();
        assertThat(account.get("/api/calltracking/calls").body()).contains(callId);

        // the provider repeating its end changes nothing: not reported twice; a missed call is reported as missed
        assertThat(provider.post("/webhooks/calltracking", event("call.ended", "wh-call-1", "06 12 34 56 78", start.plusSeconds(99), 95))
                .status()).isEqualTo(200);
        for (Map<String, Object> e : List.of(event("call.started", "wh-call-2", "+33478281111", start.plusSeconds(200), null),
                event("call.missed", "wh-call-2", "+33478281111", start.plusSeconds(230), null))) {
            assertThat(provider.post("/webhooks/calltracking", e).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> got.size() >= 2);
        Thread.sleep(800);
        assertThat(got).hasSize(2);
        JsonNode missed = new ArrayList<>(got).get(1).json();
        assertThat(missed.at("/data/status").asString()).isEqualTo("missed");
        assertThat(missed.at("/data/durationSeconds").asInt()).isZero();
        assertThat(missed.at("/data/caller").asString()).isEqualTo("+3347828XXXX");
        assertThat(elsewhere).isEmpty();
    }

    private static Map<String, Object> event(String event, String callId, String from, Instant at, Integer duration) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        m.put("callId", callId);
        m.put("from", from);
        m.put("to", "+33427869901");
        m.put("at", at.toString());
        if (duration != null) m.put("duration", duration);
        return m;
    }
}
