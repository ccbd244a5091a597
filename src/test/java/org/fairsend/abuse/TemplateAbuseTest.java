package org.fairsend.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, "templates read the server": an account's template is hostile data (docs/ARCHITECTURE.md, trust boundaries). Every
 * attack below goes through the transactional API, a campaign's preflight (and start) and the SMS preview, over real
 * HTTP against the application on PostgreSQL: each is refused within seconds with the field and the rule, no mail that
 * reaches GreenMail carries anything of the host (environment, /etc/passwd, the application's properties), and the
 * health endpoint and another API call keep answering throughout. At send time a template over its budget fails its
 * messages with the rule as the reason and the run finishes.
 */
@PostgresTest
class TemplateAbuseTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Value("${local.management.port:0}") int managementPort;

    /** What a file, the environment or the classpath would put into a message if a template could read them. */
    private static final List<String> HOST_TEXT = List.of("root:", "PATH=", "FAIRSEND_", "JAVA_HOME", "spring.datasource",
            "management.endpoints", "/bin/bash", "/usr/sbin/nologin");

    record Attack(String name, String template, String rule) {}

    static final String FOUR_LOOPS = "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            + "{% for d in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}";

    static final List<Attack> ATTACKS = List.of(
            new Attack("process environment", "{% include \"file:/proc/self/environ\" %}", "template-include"),
            new Attack("/etc/passwd", "{% include 'file:/etc/passwd' %}", "template-include"),
            new Attack("classpath resource", "{% include 'application.properties' %}", "template-include"),
            new Attack("URL", "{% include 'http://127.0.0.1:1/secret' %}", "template-include"),
            new Attack("import", "{% import 'file:/etc/passwd' as passwd %}{{ passwd }}", "template-include"),
            new Attack("from", "{% from 'application.properties' import secret %}{{ secret }}", "template-include"),
            new Attack("extends", "{% extends 'file:/etc/passwd' %}", "template-include"),
            new Attack("reflection", "{{ contact.getClass().forName('java.lang.Runtime').getRuntime() }}", "template-feature"),
            new Attack("reflection on a string", "{{ 'x'.getClass().getClassLoader() }}", "template-feature"),
            new Attack("the interpreter", "{{ ____int3rpr3t3r____.config }}", "template-feature"),
            new Attack("four nested range(1000)", FOUR_LOOPS, "template-budget"),
            new Attack("a string doubled to gigabytes", "{% set s = 'xxxxxxxx' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}",
                    "template-budget"),
            new Attack("a string repeated by Java", "{{ 'x'.repeat(2000000000) }}", "template-feature"),
            new Attack("a filter padding to gigabytes", "{{ 'x'|center(2000000000) }}", "template-feature"),
            new Attack("macro recursion", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "template-budget"),
            new Attack("macros doubling each other", "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(0) }}", "template-budget"));

    /** Polls health and another API call while the attacks run: none may fail or stall. */
    private final class Liveness implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong slowest = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final Thread thread;

        Liveness(Api account) {
            Api health = managementPort > 0 ? new Api(managementPort, null) : fixtures.anonymous();
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    probe(health, "/actuator/health");
                    probe(account, "/api/campaigns");
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        private void probe(Api api, String path) {
            long start = System.nanoTime();
            try {
                int status = api.get(path).status();
                if (status != 200) failures.add(path + " answered " + status);
            } catch (RuntimeException e) {
                failures.add(path + ": " + e);
            }
            slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            answered.incrementAndGet();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            assertThat(failures).as("health and the API kept answering").isEmpty();
            assertThat(answered.get()).isGreaterThan(2);
            assertThat(slowest.get()).as("slowest health/API answer (ms)").isLessThan(3_000);
        }
    }

    /** Runs a request and checks it came back within a few seconds. */
    private static Api.Response timed(java.util.function.Supplier<Api.Response> call) {
        long start = System.nanoTime();
        Api.Response r = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered in time: " + r.body()).isLessThan(Duration.ofSeconds(5));
        return r;
    }

    private static void refused(Api.Response r, Attack a, String field) {
        assertThat(r.status()).as(a.name() + ": " + r.body()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = null;
        for (JsonNode e : r.json().get("errors")) {
            if (e.get("rule").asString().startsWith("template-")) error = e;
        }
        assertThat(error).as(a.name() + ": " + r.body()).isNotNull();
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("rule").asString()).as(a.name()).isEqualTo(a.rule());
        assertThat(error.get("message").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("com.hubspot")
                .doesNotContain("java.lang");
        for (String host : HOST_TEXT) assertThat(r.body()).as(a.name()).doesNotContain(host);
    }

    @Test
    void noTemplateReadsTheServerOrStallsIt() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "lecteur", "abuse-templates.example", 3);
        Api api = s.account().api();
        String from = "commandes@" + s.domain();

        try (Liveness live = new Liveness(api)) {
            for (Attack a : ATTACKS) {
                // the per-message transactional API: in the HTML, then in the subject
                refused(timed(() -> api.post("/api/messages/email", Map.of("to", "client@abuse-templates.example", "category", "order",
                        "subject", "Votre commande n°1042", "html", "<p>Bonjour {{ name }}</p>" + a.template(),
                        "fromName", s.account().account().tradeName(), "fromAddress", from, "data", Map.of("name", "Alex")))), a, "html");
                refused(timed(() -> api.post("/api/messages/email", Map.of("to", "client@abuse-templates.example", "category", "order",
                        "subject", "Commande " + a.template(), "text", "Votre commande est prête.",
                        "fromName", s.account().account().tradeName(), "fromAddress", from))), a, "subject");
                refused(timed(() -> api.post("/api/messages/sms", Map.of("to", "+33612345678", "category", "order",
                        "text", "Commande prête " + a.template()))), a, "text");

                // a campaign: a blocking preflight finding with the rule and the fix; it cannot start
                String id = EmailSetup.campaign(s, "Lettre de la boulangerie", "<html><body><p>Bonjour {{ contact.first_name }}</p>"
                        + a.template() + "<p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p></body></html>", Map.of());
                Api.Response preflight = timed(() -> api.get("/api/campaigns/" + id + "/preflight"));
                assertThat(preflight.status()).as(preflight.body()).isEqualTo(200);
                JsonNode report = preflight.json();
                assertThat(report.get("canStart").asBoolean()).as(a.name()).isFalse();
                JsonNode finding = null;
                for (JsonNode f : report.get("findings")) if (f.get("rule").asString().equals(a.rule())) finding = f;
                assertThat(finding).as(a.name() + ": " + report).isNotNull();
                assertThat(finding.get("severity").asString()).isEqualTo("blocking");
                assertThat(finding.get("location").asString()).isEqualTo("body");
                assertThat(finding.get("fix").asString()).isNotBlank();
                assertThat(finding.get("message").asString()).doesNotContain("Exception").doesNotContain("com.hubspot");
                for (String host : HOST_TEXT) assertThat(preflight.body()).as(a.name()).doesNotContain(host);
                Api.Response start = timed(() -> api.post("/api/campaigns/" + id + "/start", null));
                assertThat(start.status()).as(start.body()).isEqualTo(422);
                assertThat(start.body()).contains(a.rule());

                // the preview
                refused(timed(() -> api.post("/api/sms/preview", Map.of("text", "Bonjour " + a.template(), "contact",
                        Map.of("first_name", "Camille")))), a, "text");
            }

            // a template within its budget still goes out, and carries nothing of the host
            var ok = api.post("/api/messages/email", Map.of("to", "client.ok@abuse-templates.example", "category", "order",
                    "subject", "Votre commande n°{{ order }}", "html", "<p>Bonjour {{ name|title }}, {% for l in lines %}{{ l }} {% endfor %}</p>",
                    "fromName", s.account().account().tradeName(), "fromAddress", from,
                    "data", Map.of("name", "alex", "order", 1042, "lines", List.of("pain", "brioche"))));
            assertThat(ok.status()).as(ok.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain("abuse-templates.example").length >= 1);
        }

        List<String> delivered = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessagesForDomain("abuse-templates.example")) delivered.add(GreenMailUtil.getWholeMessage(m));
        assertThat(delivered).hasSize(1);
        assertThat(delivered.getFirst()).contains("Bonjour Alex, pain brioche");
        for (String message : delivered) for (String host : HOST_TEXT) assertThat(message).doesNotContain(host);
    }

    @Test
    void aTemplateOverBudgetAtSendTimeFailsItsMessagesAndTheRunFinishes() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "client", "abuse-sendtime.example", 20);
        // the preflight binds placeholders for why_you_receive_this; the loops run only with a recipient's real consent text
        String html = "<html><body><p>Bonjour {{ contact.first_name }}</p>{% if why_you_receive_this != '...' %}" + FOUR_LOOPS
                + "{% endif %}<p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p></body></html>";
        String id = EmailSetup.campaign(s, "Lettre de la boulangerie", html, Map.of());
        Api api = s.account().api();
        assertThat(api.get("/api/campaigns/" + id + "/preflight").json().get("canStart").asBoolean()).isTrue();

        try (Liveness live = new Liveness(api)) {
            var started = api.post("/api/campaigns/" + id + "/start", null);
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        }
        JsonNode progress = api.get("/api/campaigns/" + id + "/progress").json();
        assertThat(progress.get("failed").asLong()).as(progress.toString()).isEqualTo(20);
        assertThat(progress.get("sent").asLong()).isZero();
        var log = jdbc.sql("select reason, detail from send_log where campaign_id = ? and outcome = 'failed'")
                .param(java.util.UUID.fromString(id)).query((rs, n) -> rs.getString(1) + " | " + rs.getString(2)).list();
        assertThat(log).hasSize(20).allSatisfy(row -> assertThat(row).startsWith("template-budget | html: ").contains("loops run more than"));
        assertThat(mail.getReceivedMessagesForDomain("abuse-sendtime.example")).isEmpty();
        // a render failure is the account's template, not the recipient: nothing is suppressed
        assertThat(jdbc.sql("select count(*) from suppression where address like '%@abuse-sendtime.example'").query(Long.class).single())
                .isZero();
    }
}
