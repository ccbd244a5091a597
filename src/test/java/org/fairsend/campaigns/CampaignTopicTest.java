package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * an existing-customer (soft opt-in) or B2B recipient receives a campaign only when their consent record covers
 * the campaign's topic; opt-in subscribers are not restricted. The preflight counts and explains the exclusions, and
 * the last-mile gate checks the ledger again.
 */
@PostgresTest
class CampaignTopicTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    static final String HTML = "<p>Bonjour {{ contact.first_name }}, notre pain au levain revient cette semaine.</p>"
            + "<p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>";

    private List<String> recipients() {
        List<String> out = new ArrayList<>();
        for (var m : mail.getReceivedMessages()) {
            try {
                out.add(m.getAllRecipients()[0].toString().toLowerCase());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private JsonNode finding(JsonNode report, String rule) {
        for (JsonNode f : report.get("findings")) if (f.get("rule").asString().equals(rule)) return f;
        return null;
    }

    @Test
    void aCampaignReachesRestrictedBasesOnlyWhenTheirRecordCoversItsTopicAndTheGateChecksTheLedgerAgain() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String since = LocalDate.now().minusMonths(3).toString();
        String csv = "email,first_name,consent_basis,opt_in_type,collected_at,source_url,ip,declaration_text,subject,explicit,"
                + "role,opt_out_offered,relationship_since,relationship_nature,informed_how\n"
                + "abo1@topics.example,Alice,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/n,203.0.113.7,J'accepte,"
                + "La lettre de la boulangerie,true,,,,,\n"
                + "abo2@topics.example,Bruno,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/n,203.0.113.7,J'accepte,"
                + "La lettre de la boulangerie,true,,,,,\n"
                + "pain@topics.example,Chloé,soft_opt_in,,2026-06-01T10:00:00Z,,,,sourdough-bread,,,true," + since
                + ",achat d'un abonnement pain,mention sur le bon de commande et lien dans chaque message\n"
                + "gateau@topics.example,Denis,soft_opt_in,,2026-06-01T10:00:00Z,,,,pastries,,,true," + since
                + ",achat d'un gâteau,mention sur le ticket de caisse et lien dans chaque message\n"
                + "achats@minoterie-topics.example,Emma,b2b,,2026-06-01T10:00:00Z,,,,bakery-equipment,,Responsable achats,true,,,\n";
        var r = s.account().api().postRaw("/api/imports?format=csv&provenance=shop&listId=" + s.listId(), csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String importId = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !s.account().api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        JsonNode imported = s.account().api().get("/api/imports/" + importId).json();
        assertThat(imported.get("rowsAccepted").asLong()).as(s.account().api().get("/api/imports/" + importId + "/rejections").body())
                .isEqualTo(5);

        // a campaign that declares no topic reaches no existing customer and no B2B contact
        String untitled = EmailSetup.campaign(s, "Les nouveautés de la semaine", HTML, Map.of());
        JsonNode none = s.account().api().get("/api/campaigns/" + untitled + "/preflight").json();
        assertThat(none.at("/audience/byClass/eligible").asLong()).isEqualTo(2);
        assertThat(none.at("/audience/byClass/subject_not_covered").asLong()).isEqualTo(3);
        assertThat(finding(none, "X-8").get("message").asString()).contains("3 recipients excluded: their consent basis")
                .contains("does not cover this subject");

        // a topic key must be a key
        var bad = s.account().api().put("/api/campaigns/" + untitled, Map.of("topic", "Notre pain !"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("topic");
        assertThat(bad.json().at("/errors/0/rule").asString()).isEqualTo("X-8");

        // about sourdough bread: the opt-ins and the customer whose record covers it
        String id = EmailSetup.campaign(s, "Le pain au levain revient", HTML, Map.of("topic", "sourdough-bread"));
        JsonNode campaign = s.account().api().get("/api/campaigns/" + id).json();
        assertThat(campaign.get("topic").asString()).isEqualTo("sourdough-bread");
        JsonNode report = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(report.at("/audience/byClass/eligible").asLong()).isEqualTo(3);
        assertThat(report.at("/audience/byClass/subject_not_covered").asLong()).isEqualTo(2);
        JsonNode x8 = finding(report, "X-8");
        assertThat(x8.get("severity").asString()).isEqualTo("warning");
        assertThat(x8.get("message").asString())
                .isEqualTo("2 recipients excluded: their consent basis (existing customer or B2B) does not cover this subject (topic sourdough-bread)");
        assertThat(report.get("canStart").asBoolean()).as(report.toString()).isTrue();

        // the contacts' read model says the pastry customer's record covers the topic too, the ledger says it does not
        // (as when a record changes after the audience was queued): the gate asks the ledger and blocks the message
        jdbc.sql("""
                update contact_subscription set topics = 'pastries,sourdough-bread' where channel = 'email'
                   and contact_id = (select id from contact where account_id = ? and email = 'gateau@topics.example')""")
                .param(s.account().id()).update();
        assertThat(s.account().api().get("/api/campaigns/" + id + "/preflight").json().at("/audience/byClass/eligible").asLong())
                .isEqualTo(4);

        var started = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.account().api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        JsonNode progress = s.account().api().get("/api/campaigns/" + id + "/progress").json();
        assertThat(progress.get("sent").asLong()).isEqualTo(3);
        assertThat(progress.get("blocked").asLong()).isEqualTo(1);

        assertThat(recipients()).containsExactlyInAnyOrder("abo1@topics.example", "abo2@topics.example", "pain@topics.example");
        var blocked = jdbc.sql("select reason, detail from send_log where campaign_id = ? and outcome = 'blocked'")
                .param(java.util.UUID.fromString(id)).query((rs, n) -> rs.getString(1) + " | " + rs.getString(2)).list();
        assertThat(blocked).hasSize(1);
        assertThat(blocked.getFirst()).startsWith("subject-not-covered | X-8")
                .contains("existing_customer").contains("\"pastries\"").contains("\"sourdough-bread\"");
    }
}
