package org.fairsend.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.fairsend.support.TestMail;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.fairsend.platform.cli.FairsendCli;
import org.fairsend.support.Fixtures;
import org.fairsend.support.Fixtures.TestAccount;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** Consent recorded through the API, withdrawal, evidence packs and chain verification (API and CLI). */
@PostgresTest
class ConsentApiTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(TestMail.SMTP);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConfigurableApplicationContext ctx;

    static Map<String, Object> checkout(String email, String optInType, String subject) {
        Map<String, Object> m = new HashMap<>();
        m.put("channel", "email");
        m.put("address", email);
        m.put("basis", "opt_in");
        m.put("optInType", optInType);
        m.put("context", "other");
        m.put("contextDetail", "checkout of order 1042");
        m.put("collectedAt", Instant.now().minusSeconds(3600).toString());
        m.put("sourceUrl", "https://shop.example.fr/checkout");
        m.put("ip", "203.0.113.9");
        m.put("userAgent", "Mozilla/5.0");
        m.put("declarationText", "Je souhaite recevoir les offres de la boutique par e-mail.");
        m.put("subject", subject);
        m.put("separateConsent", true);
        m.put("explicit", true);
        return m;
    }

    @Test
    void validationErrorsNameTheFieldAndTheRule() {
        var a = fixtures.account();
        Map<String, Object> body = checkout("anne@example.fr", "single", null);
        body.put("explicit", false);
        var r = a.api().post("/api/consents", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        assertThat(errors.findValuesAsString("field")).contains("explicit", "subject");
        for (JsonNode e : errors) {
            if (e.get("field").asString().equals("explicit")) assertThat(e.get("rule").asString()).isEqualTo("R-2");
        }
        var existing = a.api().post("/api/consents", Map.of("channel", "email", "address", "anne@example.fr",
                "basis", "existing_customer", "context", "prior_relationship", "collectedAt", Instant.now().toString()));
        assertThat(existing.json().get("errors").findValuesAsString("field")).contains("relationshipNature", "informedHow", "optOutOffered");
        var badEnum = a.api().post("/api/consents", Map.of("channel", "fax", "address", "x", "basis", "whatever",
                "collectedAt", "yesterday"));
        assertThat(badEnum.status()).isEqualTo(422);
        assertThat(badEnum.json().get("errors").findValuesAsString("field")).contains("channel", "basis", "collectedAt");
        assertThat(a.api().get("/api/consents?address=anne@example.fr").json().size()).isZero();
    }

    @Test
    void consentFromACheckoutIsRecordedListedAndWithdrawn() throws Exception {
        var a = fixtures.account();
        var r = a.api().post("/api/consents", checkout("Anne@Example.fr", "single", "les offres de la boutique"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/record/provenance").asString()).isEqualTo("api");
        assertThat(r.json().at("/state/status").asString()).isEqualTo("granted");
        assertThat(contactStatus(a, "anne@example.fr")).isEqualTo("subscribed");

        var customer = a.api().post("/api/consents", Map.of("channel", "sms", "address", "06 12 34 56 78",
                "basis", "existing_customer", "context", "prior_relationship", "collectedAt", Instant.now().toString(),
                "relationshipNature", "achat d'un gâteau d'anniversaire", "informedHow", "mention sur le ticket de caisse",
                "optOutOffered", true, "relationshipSince", java.time.LocalDate.now().minusDays(10).toString(), "subject", "cakes"));
        assertThat(customer.status()).as(customer.body()).isEqualTo(201);
        assertThat(customer.json().at("/record/address").asString()).isEqualTo("+33612345678");

        var w = a.api().post("/api/consents/withdraw", Map.of("channel", "email", "address", "anne@example.fr", "source", "phone call"));
        assertThat(w.status()).isEqualTo(200);
        assertThat(w.json().at("/state/status").asString()).isEqualTo("withdrawn");
        assertThat(contactStatus(a, "anne@example.fr")).isEqualTo("unsubscribed");
        var listed = a.api().get("/api/consents?address=ANNE@example.fr");
        assertThat(listed.json().size()).isEqualTo(2);
        assertThat(listed.json().get(1).get("action").asString()).isEqualTo("withdraw");
        assertThat(fixtures.account().api().get("/api/consents?address=anne@example.fr").json().size()).isZero();

        var verify = a.api().get("/api/consents/verify");
        assertThat(verify.json().get("intact").asBoolean()).isTrue();
        assertThat(verify.json().get("recordsChecked").asLong()).isEqualTo(3);
        var all = fixtures.operator().get("/api/operator/consents/verify");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("accounts").findValuesAsString("accountId")).contains(a.id().toString());
        assertThat(a.api().get("/api/operator/consents/verify").status()).isEqualTo(403);
    }

    @Test
    void aDoubleOptInThroughTheApiSendsTheConfirmationMail() throws Exception {
        var a = fixtures.account();
        var r = a.api().post("/api/consents", checkout("bob@example.fr", "double", "les offres de la boutique"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/state/status").asString()).isEqualTo("unconfirmed");
        assertThat(r.json().get("confirmationSent").asBoolean()).isTrue();
        assertThat(contactStatus(a, "bob@example.fr")).isEqualTo("unconfirmed");
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getContent().toString()).contains("les offres de la boutique")
                .contains("/confirm/");
    }

    @Test
    void evidencePackHoldsTheAddressRecordsAndNoOtherAccountsData() {
        var a = fixtures.account();
        var b = fixtures.account();
        Map<String, Object> mine = checkout("claire@example.fr", "single", "la lettre <b>gourmande</b> de A");
        assertThat(a.api().post("/api/consents", mine).status()).isEqualTo(201);
        assertThat(b.api().post("/api/consents", checkout("claire@example.fr", "single", "secret subject of B")).status())
                .isEqualTo(201);

        var pack = a.api().get("/api/evidence?address=Claire@Example.fr");
        assertThat(pack.status()).isEqualTo(200);
        JsonNode p = pack.json();
        assertThat(p.get("address").asString()).isEqualTo("claire@example.fr");
        assertThat(p.get("accountId").asString()).isEqualTo(a.id().toString());
        assertThat(p.get("consentRecords").size()).isEqualTo(1);
        assertThat(p.at("/consentRecords/0/subject").asString()).isEqualTo("la lettre <b>gourmande</b> de A");
        assertThat(p.at("/consentRecords/0/ip").asString()).isEqualTo("203.0.113.9");
        assertThat(p.at("/chain/intact").asBoolean()).isTrue();
        assertThat(p.at("/consentStates/0/status").asString()).isEqualTo("granted");
        assertThat(p.get("sections").isObject()).isTrue();
        assertThat(p.get("complete").asBoolean()).isTrue();
        assertThat(pack.body()).doesNotContain("secret subject of B").doesNotContain(b.id().toString());

        var html = a.api().get("/api/evidence.html?address=claire@example.fr");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.body()).contains("claire@example.fr").contains("la lettre &lt;b&gt;gourmande&lt;/b&gt; de A")
                .doesNotContain("<b>gourmande").contains("@media print").contains("203.0.113.9")
                .doesNotContain("secret subject of B");

        var unknown = a.api().get("/api/evidence?address=nobody@example.fr");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("consentRecords").size()).isZero();
        assertThat(a.api().get("/api/evidence?address=not-an-address").status()).isEqualTo(422);
        assertThat(fixtures.anonymous().get("/api/evidence?address=claire@example.fr").status()).isEqualTo(401);
    }

    @Test
    void cliVerifyReportsTheFirstBrokenLinkAndExitsWithOne() {
        var a = fixtures.account();
        a.api().post("/api/consents", checkout("dan@example.fr", "single", "first"));
        var second = a.api().post("/api/consents", checkout("eve@example.fr", "single", "second"));
        a.api().post("/api/consents", checkout("fay@example.fr", "single", "third"));
        long secondId = second.json().at("/record/id").asLong();

        Run ok = cli("consent", "verify", "--account", a.id().toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("account " + a.id() + ": 3 records checked, chain intact");

        jdbc.sql("update consent_record set subject = 'x' where id = ?").param(secondId).update();
        try {
            Run broken = cli("consent", "verify", "--account", a.id().toString());
            assertThat(broken.code()).isEqualTo(1);
            assertThat(broken.out()).contains("BROKEN at record " + secondId + " (seq 2)");
            Run everyone = cli("consent", "verify");
            assertThat(everyone.code()).isEqualTo(1);
            assertThat(everyone.out()).contains("BROKEN at record " + secondId);
            assertThat(a.api().get("/api/consents/verify").json().get("firstBrokenRecordId").asLong()).isEqualTo(secondId);
        } finally {
            jdbc.sql("update consent_record set subject = 'second' where id = ?").param(secondId).update();
        }
        assertThat(cli("consent", "verify", "--account", a.id().toString()).code()).isZero();
        assertThat(cli("consent", "verify", "--account", java.util.UUID.randomUUID().toString()).code()).isEqualTo(2);
    }

    record Run(int code, String out) {}

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = FairsendCli.commandLine(ctx);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new Run(code, out.toString());
    }

    String contactStatus(TestAccount a, String email) {
        return jdbc.sql("select coalesce(s.status, 'none') from contact c left join contact_subscription s on s.contact_id = c.id"
                + " and s.channel = 'email' where c.account_id = ? and c.email = ?").params(a.id(), email)
                .query(String.class).optional().orElse(null);
    }
}
