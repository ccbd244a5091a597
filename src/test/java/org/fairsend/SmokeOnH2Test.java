package org.fairsend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.fairsend.support.TestMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The zero-setup path (H2 in PostgreSQL mode, what {@code mvn spring-boot:run} uses) keeps working: the
 * README's journey — an account, an import, the hosted form, the emailed confirmation link, the evidence
 * pack — and an email campaign through the same pipeline as on PostgreSQL — then the console's writes (users, sign-in,
 * forms, password), all after the pool has replaced every connection it opened at start (issue 20: H2 kept the
 * session that ran the migrations as part of its check constraints, and writes failed once the pool recycled it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:smoke;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
    "spring.datasource.username=sa", "spring.datasource.password=", "spring.mail.host=127.0.0.1", "spring.mail.port=${fairsend.test.smtp.port:3025}",
    "fairsend.email.relays[0].host=127.0.0.1", "fairsend.email.relays[0].port=${fairsend.test.smtp.port:3025}", "fairsend.email.relays[0].starttls=false",
    "fairsend.delivery.idle-poll=100ms", "fairsend.feedback.inbound.port=0", "fairsend.consent.min-fill-time=300ms",
    // the generated secret and the first operator key go to files (issue 13): not the developer's ./data
    "fairsend.key-file=target/smoke-data/fairsend.key", "fairsend.operator-key-file=target/smoke-data/operator-key.txt"})
class SmokeOnH2Test {

    static final org.fairsend.support.TestDnsServer DNS = new org.fairsend.support.TestDnsServer();

    @org.springframework.test.context.DynamicPropertySource
    static void dns(org.springframework.test.context.DynamicPropertyRegistry r) {
        r.add("fairsend.dns.resolver", DNS::address);
        r.add("fairsend.dns.timeout", () -> "2s");
    }

    @org.junit.jupiter.api.AfterAll
    static void stopDns() {
        DNS.close();
    }

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired ApiKeys keys;
    @Autowired Environment env;
    @Autowired javax.sql.DataSource dataSource;

    @Test
    void theReadmeJourneyWorksOnTheEmbeddedDatabase() throws Exception {
        int port = Integer.parseInt(env.getProperty("local.server.port"));
        // what a pool does over days (max-lifetime): every connection it holds now is closed and replaced
        var pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean();
        pool.softEvictConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.getActiveConnections() == 0);
        Api op = new Api(port, keys.createOperatorKey("smoke").secret());
        var created = op.post("/api/operator/accounts", Map.of("legalName", "Boulangerie Martin SARL", "tradeName", "Boulangerie Martin",
                "country", "FR", "mainlandFrance", true, "contactEmail", "contact@boulangerie-martin.example",
                "postalAddress", "12 rue de la République, 69002 Lyon")); // named in every marketing email (issue 20)
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api acc = new Api(port, created.json().get("apiKey").asString());

        String list = acc.post("/api/lists", Map.of("name", "Lettre")).json().get("id").asString();
        String csv = "email,first_name,consent_basis,opt_in_type,collected_at,source_url,ip,declaration_text,subject,explicit\n"
                + "alice@clients.example,Alice,opt_in,single,2026-05-01T10:00:00Z,https://boulangerie-martin.example/lettre,203.0.113.9,"
                + "J'accepte de recevoir la lettre,La lettre de la boulangerie,true\n"
                + "bob@clients.example,Bob,,,,,,,,\n";
        var imp = acc.postRaw("/api/imports?format=csv&provenance=own_form&listId=" + list, csv, "text/csv");
        assertThat(imp.status()).as(imp.body()).isEqualTo(202);
        String importId = imp.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> !acc.get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        JsonNode done = acc.get("/api/imports/" + importId).json();
        assertThat(done.get("rowsAccepted").asLong()).as(done.toString()).isEqualTo(1);
        assertThat(done.get("rowsRejected").asLong()).isEqualTo(1);

        var refused = acc.postRaw("/api/imports?format=csv&provenance=purchased", csv, "text/csv");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("R-6");

        String form = acc.post("/api/forms", Map.of("name", "Lettre", "listId", list, "subject", "la lettre de la boulangerie",
                "declarationText", "J'accepte de recevoir la lettre de la Boulangerie Martin par e-mail.", "optInType", "double"))
                .json().get("id").asString();
        Api visitor = new Api(port, null);
        String page = visitor.get("/f/" + form).body();
        assertThat(page).contains("type=\"checkbox\"");
        // issue 15: the form carries its signed fill token, and a person takes a moment to fill it in
        Matcher fill = Pattern.compile("name=\"fill\" value=\"([^\"]+)\"").matcher(page);
        assertThat(fill.find()).isTrue();
        Thread.sleep(400);
        var posted = visitor.postRaw("/f/" + form, "email=" + URLEncoder.encode("claire@clients.example", StandardCharsets.UTF_8)
                + "&consent=yes&fill=" + URLEncoder.encode(fill.group(1), StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertThat(posted.status()).isIn(200, 303);
        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        String text = mail.getReceivedMessages()[0].getContent().toString();
        Matcher m = Pattern.compile("(/confirm/[A-Za-z0-9_~.-]+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        assertThat(visitor.postRaw(m.group(1), "", "application/x-www-form-urlencoded").status()).isEqualTo(200);

        JsonNode pack = acc.get("/api/evidence?address=claire@clients.example").json();
        assertThat(pack.toString()).contains("\"confirm\"").contains("la lettre de la boulangerie");
        assertThat(acc.get("/api/consents/verify").json().get("intact").asBoolean()).isTrue();

        // an email campaign through the queue, the gate and SMTP, on H2 too
        var domain = acc.post("/api/sender-domains", Map.of("domain", "boulangerie-martin.example")).json();
        // the DKIM key is published and the DNS check finds it (which verifies the domain)
        for (JsonNode r : domain.get("dnsRecords")) {
            if (r.get("purpose").asString().equals("dkim-rsa")) DNS.txt(r.get("name").asString(), r.get("value").asString());
        }
        var checked = acc.post("/api/sender-domains/" + domain.get("id").asString() + "/check", null).json();
        assertThat(checked.get("status").asString()).as(checked.toString()).isEqualTo("verified");
        // issue 20: Claire confirmed through the form without a first name: printed with no fallback, it would leave a hole
        String holed = acc.post("/api/campaigns", Map.of("name", "Lettre de mai", "subject", "Le pain de mai",
                "html", "<p>Bonjour {{ contact.first_name }}, le pain de mai est arrivé.</p>", "fromName", "Boulangerie Martin",
                "fromAddress", "lettre@boulangerie-martin.example", "listIds", java.util.List.of(list))).json().get("id").asString();
        var refusedStart = acc.post("/api/campaigns/" + holed + "/start", null);
        assertThat(refusedStart.status()).as(refusedStart.body()).isEqualTo(422);
        assertThat(refusedStart.body()).contains("1 recipient of this campaign has no first name");
        String campaign = acc.post("/api/campaigns", Map.of("name", "Lettre de mai", "subject", "Le pain de mai",
                "html", "<p>Bonjour {{ contact.first_name | default(\"à vous\") }}, le pain de mai est arrivé.</p>", "fromName", "Boulangerie Martin",
                "fromAddress", "lettre@boulangerie-martin.example", "listIds", java.util.List.of(list))).json().get("id").asString();
        var start = acc.post("/api/campaigns/" + campaign + "/start", null);
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> acc.get("/api/campaigns/" + campaign).json().get("status").asString().equals("finished"));
        // Alice (imported) and Claire (confirmed) are on the list; Bob was rejected at import
        assertThat(acc.get("/api/campaigns/" + campaign + "/progress").json().get("sent").asLong()).isEqualTo(2);
        // issue 20: the results' read models and their aggregates (the time series' epoch hours) run on H2 too
        var results = acc.get("/api/campaigns/" + campaign + "/results");
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(results.json().at("/series/buckets/0/sent").asLong()).as(results.body()).isEqualTo(2);
        assertThat(results.body()).contains("\"key\":\"sent\",\"label\":\"Sent (accepted by the receiving server)\",\"value\":2,");
        var listed = acc.get("/api/campaigns");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("\"results\":{\"sent\":2,\"delivered\":2,");
        assertThat(acc.get("/api/campaigns.csv").status()).isEqualTo(200);

        // the console's writes, on connections opened long after the migrations
        pool.softEvictConnections();
        var operator = op.post("/api/operator/console-users", Map.of("email", "ops@fairsend.example", "password", "un mot de passe solide"));
        assertThat(operator.status()).as(operator.body()).isEqualTo(201);
        var owner = op.post("/api/operator/accounts/" + created.json().at("/account/id").asString() + "/console-users",
                Map.of("email", "claire@boulangerie-martin.example", "displayName", "Claire Martin", "password", "la boulangerie de mai"));
        assertThat(owner.status()).as(owner.body()).isEqualTo(201);
        var wrong = new org.fairsend.console.ConsoleSession(port);
        assertThat(wrong.signIn("claire@boulangerie-martin.example", "pas le bon").headers().firstValue("Location").orElse(""))
                .contains("error"); // a failed sign-in is counted (a write)
        var ops = new org.fairsend.console.ConsoleSession(port);
        assertThat(ops.signIn("ops@fairsend.example", "un mot de passe solide").headers().firstValue("Location").orElse("")).doesNotContain("error");
        var newOperator = ops.post("/console/operator/users", Map.of("email", "ops2@fairsend.example",
                "_csrf", org.fairsend.console.ConsoleSession.csrf(ops.get("/console/operator/users").body())));
        assertThat(newOperator.statusCode()).isEqualTo(302);
        assertThat(ops.get("/console/operator/users").body()).contains("ops2@fairsend.example");
        var claire = new org.fairsend.console.ConsoleSession(port);
        assertThat(claire.signIn("claire@boulangerie-martin.example", "la boulangerie de mai").headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
        var newForm = claire.post("/console/forms", Map.of("name", "Offres", "subject", "les offres de la boulangerie",
                "declarationText", "J'accepte de recevoir les offres de la Boulangerie Martin par e-mail.", "optInType", "double",
                "_csrf", org.fairsend.console.ConsoleSession.csrf(claire.get("/console/forms").body())));
        assertThat(newForm.statusCode()).as(newForm.body()).isEqualTo(302);
        assertThat(claire.get("/console/forms").body()).contains("Offres");
        var changed = claire.post("/console/me/password", Map.of("currentPassword", "la boulangerie de mai", "newPassword", "la boulangerie de juin",
                "_csrf", org.fairsend.console.ConsoleSession.csrf(claire.get("/console/me").body())));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain("error");

        // issue 13: with no FAIRSEND_SECRET the embedded default generated its secret into an owner-only file
        var key = java.nio.file.Path.of("target/smoke-data/fairsend.key");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
}
