package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Personalisation never sends a hole (issue 20): a field the template prints with no fallback that recipients lack
 * is a blocking finding naming the field, how many recipients lack it and the fix; a default or a condition is a
 * fallback; no message meant for people names an exception class.
 */
@PostgresTest
class PersonalisationPreflightTest {

    @Autowired Fixtures fixtures;

    static final String FOOTER = "<p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois.</p>"
            + "<p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p></body></html>";

    private EmailSetup.Sending audience() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        // three recipients: one without a first name, two without a city
        String csv = EmailSetup.HEADER
                + "camille@trous.example,Camille,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/l,203.0.113.7,J'accepte la lettre,La lettre,true,Lyon\n"
                + "dominique@trous.example,,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/l,203.0.113.7,J'accepte la lettre,La lettre,true,\n"
                + "eve@trous.example,Eve,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/l,203.0.113.7,J'accepte la lettre,La lettre,true,\n";
        var r = s.account().api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + s.listId(), csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String importId = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !s.account().api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        return s;
    }

    private static JsonNode finding(JsonNode preflight, String contains) {
        for (JsonNode f : preflight.get("findings")) if (f.get("rule").asString().equals("personalisation") && f.toString().contains(contains)) return f;
        return null;
    }

    @Test
    void aPrintedFieldSomeRecipientsLackBlocksTheStartAndSaysWhoAndHowToFixIt() {
        var s = audience();
        var api = s.account().api();
        String id = EmailSetup.campaign(s, "Le pain de la semaine",
                "<html><body><p>Bonjour {{ contact.first_name }}, à {{ contact.city }} comme ailleurs.</p>" + FOOTER, Map.of());
        JsonNode pre = api.get("/api/campaigns/" + id + "/preflight").json();
        JsonNode name = finding(pre, "first_name");
        assertThat(name).as(pre.toString()).isNotNull();
        assertThat(name.get("severity").asString()).isEqualTo("blocking");
        assertThat(name.get("message").asString()).contains("1 recipient of this campaign has no first name");
        assertThat(name.get("fix").asString()).contains("{{ contact.first_name | default(\"client\") }}");
        JsonNode city = finding(pre, "(the field city)");
        assertThat(city).as(pre.toString()).isNotNull();
        assertThat(city.get("message").asString()).contains("2 recipients of this campaign have no city");
        assertThat(pre.toString()).doesNotContain("Exception").doesNotContain("sampled recipients");
        var start = api.post("/api/campaigns/" + id + "/start", null);
        assertThat(start.status()).as(start.body()).isEqualTo(422);
        assertThat(api.get("/api/campaigns/" + id).json().get("status").asString()).isEqualTo("draft");
    }

    @Test
    void aDefaultOrAConditionIsAFallbackAndTheCampaignStarts() {
        var s = audience();
        var api = s.account().api();
        String id = EmailSetup.campaign(s, "Le pain de la semaine", "<html><body><p>Bonjour {{ contact.first_name | default(\"client\") }},"
                + " {% if contact.city %}à {{ contact.city }}{% else %}chez vous{% endif %} comme ailleurs.</p>" + FOOTER, Map.of());
        JsonNode pre = api.get("/api/campaigns/" + id + "/preflight").json();
        assertThat(finding(pre, "")).as(pre.toString()).isNull();
        var start = api.post("/api/campaigns/" + id + "/start", null);
        assertThat(start.status()).as(start.body()).isEqualTo(200);
    }

    @Test
    void aMisspelledFieldIsCaughtAsAFieldNobodyHas() {
        var s = audience();
        String id = EmailSetup.campaign(s, "Le pain de la semaine", "<html><body><p>Bonjour {{ contact.frist_name }},</p>" + FOOTER, Map.of());
        JsonNode pre = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        JsonNode f = finding(pre, "frist_name");
        assertThat(f).as(pre.toString()).isNotNull();
        assertThat(f.get("message").asString()).contains("3 recipients of this campaign have no frist name");
    }
}
