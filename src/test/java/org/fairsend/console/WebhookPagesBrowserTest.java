package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.fairsend.platform.WebhookSignature;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The account's outbound webhooks in the console (issue 20), in a real Chromium against a real receiver on 127.0.0.1
 * (a trusted host in the tests' settings): an admin adds an endpoint (URL, events as checkboxes), reads its signing
 * secret once, sends a test ping that arrives signed with it, sees the delivery with its attempt, disables and enables
 * it, is refused a private address (SSRF) with the field and the rule, and deletes it. Over HTTP: another account's
 * endpoint pages and actions answer 404; a member and a frozen account read without the forms, and their posts are
 * refused.
 */
@PostgresTest
class WebhookPagesBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;

    private HttpServer server;

    /** A receiver answering 200 to every post; what it received (headers, body). */
    private String receiver(ConcurrentLinkedQueue<Map.Entry<Map<String, List<String>>, byte[]>> got) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/crm", ex -> {
            got.add(Map.entry(Map.copyOf(ex.getRequestHeaders()), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/crm";
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst()).findFirst()
                .orElse(null);
    }

    @Test
    void anAdminAddsAnEndpointReadsItsSecretOnceAndATestPingArrivesSigned() throws Exception {
        var got = new ConcurrentLinkedQueue<Map.Entry<Map<String, List<String>>, byte[]>>();
        String url = receiver(got);
        var a = fixtures.account();
        String admin = ConsoleSecurityTest.adminOf(fixtures, a, "un crochet vers le CRM");
        String secret;
        String page;
        try (Browser b = new Browser(fixtures.port(), "webhooks", 1280, 1000)) {
            b.signIn(admin, "un crochet vers le CRM");
            b.find("a[href='/console/webhooks']").click();
            b.awaitText("h1", "Webhooks", WAIT);
            assertThat(b.text("#no-endpoints")).contains("No endpoint yet");

            // a private address is refused with the field and the rule, as by the API; nothing is stored
            b.find("#url").sendKeys("https://10.0.0.5/crm");
            b.find("#event-sent").click();
            b.find("#add-endpoint button[type=submit]").click();
            b.awaitText(".error-list", "ssrf", WAIT);
            assertThat(b.text(".error-list")).contains("url").contains("private address");
            assertThat(b.all("#endpoints")).isEmpty();
            assertThat(b.find("#event-sent").isSelected()).as("the picked events are kept").isTrue();

            b.find("#url").clear();
            b.find("#url").sendKeys(url);
            b.find("#description").sendKeys("CRM <Martin>");
            b.find("#event-delivered").click();
            b.find("#event-call").click();
            b.screenshot("add");
            b.find("#add-endpoint button[type=submit]").click();
            b.awaitText(".notice", "not shown again", WAIT);
            secret = b.text("#secret");
            assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
            assertThat(b.text("#endpoint-url")).isEqualTo(url);
            assertThat(b.text("#endpoint-events")).isEqualTo("sent, delivered, call");
            assertThat(b.text("#endpoint-state")).isEqualTo("active");
            b.screenshot("secret");

            // the secret is shown once: never on the endpoint's page again, nor in the list
            b.find("a[href='/console/webhooks']").click();
            b.awaitText("h1", "Webhooks", WAIT);
            assertThat(b.driver.getPageSource()).doesNotContain(secret);
            assertThat(b.text("#endpoints")).contains(url).contains("CRM <Martin>").contains("active");
            b.find("#endpoints a").click();
            b.awaitText("h1", "Webhook endpoint", WAIT);
            page = b.driver.getCurrentUrl().replace(b.base, "");
            assertThat(b.all("#secret")).isEmpty();
            assertThat(b.driver.getPageSource()).doesNotContain(secret);
            assertThat(b.text("#no-deliveries")).contains("Nothing posted yet");

            // a test ping arrives at the receiver, signed with that secret, and is listed with its attempt
            b.find("#test-ping button").click();
            b.awaitText(".notice", "Ping delivered", WAIT);
            assertThat(b.text(".notice")).contains("HTTP 200");
            assertThat(got).hasSize(1);
            var ping = got.peek();
            assertThat(header(ping.getKey(), "X-Fairsend-Event")).isEqualTo("ping");
            assertThat(WebhookSignature.refusal(List.of(secret), false, null, header(ping.getKey(), WebhookSignature.TIMESTAMP_HEADER),
                    header(ping.getKey(), WebhookSignature.SIGNATURE_HEADER), ping.getValue(), Instant.now(), Duration.ofMinutes(1))).isNull();
            assertThat(Api.JSON.readTree(ping.getValue()).get("accountId").asString()).isEqualTo(a.id().toString());
            assertThat(b.text("#deliveries .delivery .type")).isEqualTo("ping");
            assertThat(b.text("#deliveries .delivery .state")).isEqualTo("delivered");
            assertThat(b.text("#deliveries .delivery .attempt")).contains("HTTP 200").contains(" ms");
            assertThat(b.text("#deliveries .delivery .next")).isEqualTo("—");
            b.fullScreenshot("delivered");

            b.find("#disable button").click();
            b.awaitText("#endpoint-state", "disabled", WAIT);
            assertThat(b.text(".notice")).contains("receives no new events");
            b.find("#enable button").click();
            b.awaitText("#endpoint-state", "active", WAIT);

            b.find("#delete button").click();
            b.awaitText(".notice", "is deleted", WAIT);
            assertThat(b.text("#no-endpoints")).contains("No endpoint yet");
            assertThat(b.consoleErrors()).noneMatch(m -> m.contains("Content Security Policy"));
        }
        assertThat(a.api().get("/api/outbound-webhooks").json().size()).isZero();
        assertThat(new ConsoleSession(fixtures.port()).get(page).statusCode()).isEqualTo(302); // signed out: to the sign-in page
    }

    @Test
    void anotherAccountsEndpointIsNotFoundAndMembersAndFrozenAccountsOnlyRead() throws Exception {
        var a = fixtures.account();
        var b = fixtures.account();
        String url = receiver(new ConcurrentLinkedQueue<>());
        String id = a.api().post("/api/outbound-webhooks", Map.of("url", url, "events", List.of("sms_reply"))).json().get("id").asString();

        var other = new ConsoleSession(fixtures.port());
        other.signIn(ConsoleSecurityTest.adminOf(fixtures, b, "un autre compte"), "un autre compte");
        var list = other.get("/console/webhooks");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(url).contains("No endpoint yet");
        String csrf = ConsoleSession.csrf(list.body());
        assertThat(other.get("/console/webhooks/" + id).statusCode()).isEqualTo(404);
        for (String action : List.of("test", "disable", "enable", "delete")) {
            assertThat(other.post("/console/webhooks/" + id + "/" + action, Map.of("_csrf", csrf)).statusCode()).as(action).isEqualTo(404);
        }
        assertThat(a.api().get("/api/outbound-webhooks/" + id).json().get("state").asString()).isEqualTo("active"); // untouched

        // a member reads the endpoints and their deliveries, without the forms; a post is refused
        String member = "membre-" + a.id().toString().substring(24) + "@boulangerie-test.fr";
        assertThat(fixtures.operator().post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", member, "displayName", "Paul", "role", "member", "password", "un membre qui lit")).status()).isEqualTo(201);
        var reader = new ConsoleSession(fixtures.port());
        reader.signIn(member, "un membre qui lit");
        var shown = reader.get("/console/webhooks/" + id);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains(url).doesNotContain("id=\"test-ping\"").doesNotContain("id=\"delete\"");
        assertThat(reader.get("/console/webhooks").body()).doesNotContain("id=\"add-endpoint\"");
        assertThat(reader.post("/console/webhooks/" + id + "/disable", Map.of("_csrf", ConsoleSession.csrf(shown.body()))).statusCode())
                .isEqualTo(403);

        // a frozen account's admin reads, without the forms; its posts are refused with the reason
        var admin = new ConsoleSession(fixtures.port());
        admin.signIn(ConsoleSecurityTest.adminOf(fixtures, a, "un compte gele"), "un compte gele");
        String before = admin.get("/console/webhooks/" + id).body();
        assertThat(before).contains("id=\"test-ping\"");
        assertThat(fixtures.operator().post("/api/operator/accounts/" + a.id() + "/freeze", Map.of("reason", "impayés")).status()).isEqualTo(200);
        try {
            String frozen = admin.get("/console/webhooks/" + id).body();
            assertThat(frozen).contains("frozen-banner").contains(url).doesNotContain("id=\"test-ping\"").doesNotContain("id=\"disable\"");
            assertThat(admin.get("/console/webhooks").body()).doesNotContain("id=\"add-endpoint\"");
            var refused = admin.post("/console/webhooks/" + id + "/delete", Map.of("_csrf", ConsoleSession.csrf(before)));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("frozen");
            assertThat(a.api().get("/api/outbound-webhooks").json().size()).isEqualTo(1);
        } finally {
            fixtures.operator().post("/api/operator/accounts/" + a.id() + "/unfreeze", Map.of("reason", "réglé"));
        }
    }
}
