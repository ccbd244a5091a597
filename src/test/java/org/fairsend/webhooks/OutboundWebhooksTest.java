package org.fairsend.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.platform.WebhookSignature;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Outbound webhooks (issue 20) posted to a real HTTP receiver on 127.0.0.1 (a trusted host in the tests' settings):
 * a campaign's messages reported as signed {@code sent} deliveries, a failed post retried, the deliveries listed with
 * their attempts, private addresses refused (SSRF), another account's endpoint answering 404.
 */
@PostgresTest
class OutboundWebhooksTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    record Received(Map<String, List<String>> headers, byte[] body, Instant at) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private final List<HttpServer> servers = new ArrayList<>();

    /** A receiver on a random port answering the statuses {@code answer} gives, in turn; what it received. */
    private String receiver(ConcurrentLinkedQueue<Received> got, IntSupplier answer) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            got.add(new Received(Map.copyOf(ex.getRequestHeaders()), body, Instant.now()));
            ex.sendResponseHeaders(answer.getAsInt(), -1);
            ex.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    private static JsonNode register(Api api, String url, List<String> events) {
        var r = api.post("/api/outbound-webhooks", Map.of("url", url, "events", events, "description", "CRM"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void aCampaignSendIsReportedAsSignedSentDeliveries() throws Exception {
        var got = new ConcurrentLinkedQueue<Received>();
        String url = receiver(got, () -> 200);
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        JsonNode endpoint = register(s.account().api(), url, List.of("sent", "unsubscribed"));
        String secret = endpoint.get("secret").asString();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        // the secret is shown once: never in the endpoint's later views
        String id = endpoint.get("id").asString();
        assertThat(s.account().api().get("/api/outbound-webhooks/" + id).body()).doesNotContain(secret).doesNotContain("secret");

        EmailSetup.importContacts(s, "hook", "clients-webhooks.example", 2);
        String campaign = EmailSetup.campaign(s, "Le pain de campagne revient", "<p>Notre pain au levain revient, {{ contact.first_name }}.</p>"
                + "<p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>", Map.of());
        var started = s.account().api().post("/api/campaigns/" + campaign + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> got.size() >= 2);
        Set<String> recipients = new HashSet<>();
        for (Received r : got) {
            // the signature verifies with the secret shown at creation, over "timestamp.body", and the timestamp is now
            assertThat(WebhookSignature.refusal(List.of(secret), false, null, r.header(WebhookSignature.TIMESTAMP_HEADER),
                    r.header(WebhookSignature.SIGNATURE_HEADER), r.body(), Instant.now(), Duration.ofMinutes(1))).isNull();
            // and not with another secret, nor over another body
            assertThat(WebhookSignature.matches("whsec_other", r.header(WebhookSignature.TIMESTAMP_HEADER), r.body(),
                    r.header(WebhookSignature.SIGNATURE_HEADER))).isFalse();
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("X-Fairsend-Event")).isEqualTo("sent");
            JsonNode p = Api.JSON.readTree(r.body());
            assertThat(p.get("type").asString()).isEqualTo("sent");
            assertThat(p.get("campaignId").asString()).isEqualTo(campaign);
            assertThat(p.get("channel").asString()).isEqualTo("email");
            assertThat(p.get("accountId").asString()).isEqualTo(s.account().id().toString());
            assertThat(p.get("messageId").asLong()).isPositive();
            assertThat(Instant.parse(p.get("occurredAt").asString())).isBefore(Instant.now().plusSeconds(1));
            recipients.add(p.get("recipient").asString()); // the account's own contacts: their address is given
        }
        assertThat(recipients).containsExactlyInAnyOrder("hook1@clients-webhooks.example", "hook2@clients-webhooks.example");
        assertThat(got).hasSize(2); // one per message, nothing twice

        JsonNode deliveries = s.account().api().get("/api/outbound-webhooks/" + id + "/deliveries").json();
        assertThat(deliveries.size()).isEqualTo(2);
        for (JsonNode d : deliveries) {
            assertThat(d.get("type").asString()).isEqualTo("sent");
            assertThat(d.get("state").asString()).isEqualTo("delivered");
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
            assertThat(d.at("/lastAttempts/0/statusCode").asInt()).isEqualTo(200);
        }
        // the recipient's one-click unsubscribe (RFC 8058) is reported too, with its source
        jakarta.mail.internet.MimeMessage m = java.util.Arrays.stream(mail.getReceivedMessages()).filter(x -> {
            try {
                return x.getAllRecipients()[0].toString().equals("hook2@clients-webhooks.example");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).findFirst().orElseThrow();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("<https?://[^/>]+(/u/[^>]+)>")
                .matcher(jakarta.mail.internet.MimeUtility.unfold(m.getHeader("List-Unsubscribe")[0]));
        assertThat(link.find()).isTrue();
        assertThat(fixtures.anonymous().postRaw(link.group(1), "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> got.size() >= 3);
        Received unsubscribed = got.stream().filter(r -> "unsubscribed".equals(r.header("X-Fairsend-Event"))).findFirst().orElseThrow();
        JsonNode u = Api.JSON.readTree(unsubscribed.body());
        assertThat(u.get("recipient").asString()).isEqualTo("hook2@clients-webhooks.example");
        assertThat(u.at("/data/source").asString()).isEqualTo("one-click");
        assertThat(u.get("campaignId").asString()).isEqualTo(campaign);
        assertThat(WebhookSignature.matches(secret, unsubscribed.header(WebhookSignature.TIMESTAMP_HEADER), unsubscribed.body(),
                unsubscribed.header(WebhookSignature.SIGNATURE_HEADER))).isTrue();
    }

    @Test
    void aFailedPostIsRetriedAndEveryAttemptIsListed() throws Exception {
        var got = new ConcurrentLinkedQueue<Received>();
        AtomicInteger calls = new AtomicInteger();
        String url = receiver(got, () -> calls.getAndIncrement() == 0 ? 500 : 200);
        var a = fixtures.account();
        String id = register(a.api(), url, List.of("clicked")).get("id").asString();

        var ping = a.api().post("/api/outbound-webhooks/" + id + "/test", null);
        assertThat(ping.status()).as(ping.body()).isEqualTo(200);
        assertThat(ping.json().get("type").asString()).isEqualTo("ping");
        assertThat(ping.json().get("state").asString()).isEqualTo("pending");
        assertThat(ping.json().at("/lastAttempts/0/statusCode").asInt()).isEqualTo(500);
        assertThat(ping.json().at("/lastAttempts/0/error").asString()).contains("500");
        assertThat(ping.json().hasNonNull("nextAttemptAt")).isTrue();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> a.api().get("/api/outbound-webhooks/" + id + "/deliveries").json().at("/0/state").asString().equals("delivered"));
        JsonNode d = a.api().get("/api/outbound-webhooks/" + id + "/deliveries").json().get(0);
        assertThat(d.get("attempts").asInt()).isEqualTo(2);
        assertThat(d.at("/lastAttempts/0/statusCode").asInt()).isEqualTo(200); // newest first
        assertThat(d.at("/lastAttempts/1/statusCode").asInt()).isEqualTo(500);
        assertThat(d.at("/lastAttempts/0/durationMs").isNumber()).isTrue();
        assertThat(d.hasNonNull("finishedAt")).isTrue();

        // the receiver saw the same delivery twice, each time freshly signed, the second after the backoff
        List<Received> posts = List.copyOf(got);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).header("X-Fairsend-Delivery")).isEqualTo(posts.get(1).header("X-Fairsend-Delivery"));
        assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(Api.JSON.readTree(posts.get(1).body()).get("type").asString()).isEqualTo("ping");
    }

    @Test
    void aDeliveryIsGivenUpAfterTheLastAttempt() throws Exception {
        var got = new ConcurrentLinkedQueue<Received>();
        String url = receiver(got, () -> 503);
        var a = fixtures.account();
        String id = register(a.api(), url, List.of("sent")).get("id").asString();
        var ping = a.api().post("/api/outbound-webhooks/" + id + "/test", null).json();
        assertThat(ping.get("state").asString()).isEqualTo("pending");
        // as if it had failed every attempt but the last (max-attempts, 8 by default): the next failure gives it up
        jdbc.sql("update webhook_delivery set attempts = 7 where id = ?").param(ping.get("id").asLong()).update();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> a.api().get("/api/outbound-webhooks/" + id + "/deliveries").json().at("/0/state").asString().equals("failed"));
        JsonNode d = a.api().get("/api/outbound-webhooks/" + id + "/deliveries").json().get(0);
        assertThat(d.get("attempts").asInt()).isGreaterThanOrEqualTo(8); // 9 only if the worker was posting the second one as the test wrote 7
        assertThat(d.at("/lastAttempts/0/statusCode").asInt()).isEqualTo(503);
        assertThat(d.hasNonNull("nextAttemptAt")).isFalse();
        int posted = got.size();
        assertThat(posted).isGreaterThanOrEqualTo(2);
        Thread.sleep(1500); // longer than the tests' backoff: nothing is posted again
        assertThat(got).hasSize(posted);
    }

    @Test
    void aSlowReceiverIsCutAtTheTimeout() throws Exception {
        var got = new ConcurrentLinkedQueue<Received>();
        String url = receiver(got, () -> {
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        var a = fixtures.account();
        String id = register(a.api(), url, List.of("sent")).get("id").asString();
        long t0 = System.nanoTime();
        var ping = a.api().post("/api/outbound-webhooks/" + id + "/test", null).json();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // the tests' timeout is 1 s: the attempt ends with it, recorded as timed out, and is retried later
        assertThat(ping.at("/lastAttempts/0/error").asString()).as(ping.toString()).startsWith("timed out");
        assertThat(ping.get("state").asString()).isEqualTo("pending");
        assertThat(ms).isLessThan(3500);
        a.api().delete("/api/outbound-webhooks/" + id); // no retry against the sleeping receiver
    }

    @Test
    void theAddressIsCheckedAgainAtEachPost() throws Exception {
        var got = new ConcurrentLinkedQueue<Received>();
        var a = fixtures.account();
        String id = register(a.api(), receiver(got, () -> 200), List.of("sent")).get("id").asString();
        // the endpoint now leads to a private address (as a name whose DNS record changed would): never posted
        jdbc.sql("update webhook_endpoint set url = 'https://10.1.2.3/hook' where id = ?").param(java.util.UUID.fromString(id)).update();
        var ping = a.api().post("/api/outbound-webhooks/" + id + "/test", null).json();
        assertThat(ping.at("/lastAttempts/0/error").asString()).startsWith("refused").contains("private address");
        assertThat(ping.at("/lastAttempts/0").hasNonNull("statusCode")).isFalse();
        assertThat(got).isEmpty();
    }

    @Test
    void privateAddressesAndPlainHttpAreRefused() {
        Api api = fixtures.account().api();
        for (String url : List.of("https://10.0.0.5/hook", "https://192.168.1.20/crm", "https://169.254.169.254/latest/meta-data",
                "https://localhost/hook", "https://[::1]/hook", "https://[fd00::1]/hook", "https://100.64.0.1/hook")) {
            var r = api.post("/api/outbound-webhooks", Map.of("url", url, "events", List.of("sent")));
            assertThat(r.status()).as(url + " " + r.body()).isEqualTo(422);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
            assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("url");
            assertThat(r.json().at("/errors/0/rule").asString()).isEqualTo("ssrf");
        }
        var http = api.post("/api/outbound-webhooks", Map.of("url", "http://crm.boulangerie.example/hook", "events", List.of("sent")));
        assertThat(http.status()).isEqualTo(422);
        assertThat(http.json().at("/errors/0/rule").asString()).isEqualTo("https");
        var userInfo = api.post("/api/outbound-webhooks", Map.of("url", "https://user:pw@10.0.0.5/", "events", List.of("sent")));
        assertThat(userInfo.status()).isEqualTo(422);

        var unknown = api.post("/api/outbound-webhooks", Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("opened")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("events");
        // the test post is never subscribed; every other type is reported (issue 20)
        var notYet = api.post("/api/outbound-webhooks", Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("ping")));
        assertThat(notYet.status()).isEqualTo(422);
        assertThat(notYet.json().at("/errors/0/field").asString()).isEqualTo("events");
        assertThat(notYet.json().at("/errors/0/rule").asString()).isEqualTo("available");
        assertThat(api.get("/api/outbound-webhooks").json().size()).isZero(); // nothing stored
    }

    @Test
    void aDisabledEndpointsPendingDeliveriesWaitUntilItIsEnabled() throws Exception {
        var got = new ConcurrentLinkedQueue<Received>();
        AtomicInteger calls = new AtomicInteger();
        String url = receiver(got, () -> calls.getAndIncrement() == 0 ? 503 : 200);
        var a = fixtures.account();
        String id = register(a.api(), url, List.of("delivered", "sms_reply", "call")).get("id").asString();
        var ping = a.api().post("/api/outbound-webhooks/" + id + "/test", null).json();
        assertThat(ping.get("state").asString()).isEqualTo("pending"); // 503: retried after the backoff (500 ms in tests)

        var disabled = a.api().post("/api/outbound-webhooks/" + id + "/disable", null);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("state").asString()).isEqualTo("disabled");
        assertThat(a.api().get("/api/outbound-webhooks").json().at("/0/state").asString()).isEqualTo("disabled");
        Thread.sleep(1500); // three backoffs: the retry waits while the endpoint is disabled
        assertThat(got).hasSize(1);
        assertThat(a.api().get("/api/outbound-webhooks/" + id + "/deliveries").json().at("/0/state").asString()).isEqualTo("pending");

        assertThat(a.api().post("/api/outbound-webhooks/" + id + "/enable", null).json().get("state").asString()).isEqualTo("active");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> a.api().get("/api/outbound-webhooks/" + id + "/deliveries").json().at("/0/state").asString().equals("delivered"));
        assertThat(got).hasSize(2);
        assertThat(fixtures.account().api().post("/api/outbound-webhooks/" + id + "/disable", null).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsEndpointIsNotFound() throws Exception {
        String url = receiver(new ConcurrentLinkedQueue<>(), () -> 200);
        var a = fixtures.account();
        var b = fixtures.account();
        String id = register(a.api(), url, List.of("unsubscribed")).get("id").asString();

        assertThat(b.api().get("/api/outbound-webhooks/" + id).status()).isEqualTo(404);
        assertThat(b.api().get("/api/outbound-webhooks/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(b.api().post("/api/outbound-webhooks/" + id + "/test", null).status()).isEqualTo(404);
        assertThat(b.api().delete("/api/outbound-webhooks/" + id).status()).isEqualTo(404);
        assertThat(b.api().get("/api/outbound-webhooks").json().size()).isZero();

        JsonNode mine = a.api().get("/api/outbound-webhooks").json();
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.at("/0/events/0").asString()).isEqualTo("unsubscribed");
        assertThat(a.api().delete("/api/outbound-webhooks/" + id).status()).isEqualTo(204);
        assertThat(a.api().get("/api/outbound-webhooks/" + id).status()).isEqualTo(404);
    }
}
