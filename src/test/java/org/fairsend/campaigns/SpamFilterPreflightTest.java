package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002 §2.1.2, rule spam-filter (docs/RULES.md): the preflight scores a rendered sample of each email campaign with
 * the platform's own spam filter, the real Rspamd that {@code .ci/run} starts ({@code ops/rspamd/start}, on
 * {@code -Dfairsend.test.spam-filter.url}, default http://127.0.0.1:11333). Never skipped: without the filter these
 * tests fail (the check "did not run" is a warning, not a pass).
 */
@PostgresTest
class SpamFilterPreflightTest {

    /** GTUBE, the standard anti-UBE test string every spam filter recognises as spam. */
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    static final String ORDINARY = """
            <html><body><h1>Bonjour {{ contact.first_name }} !</h1>
            <p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois dans notre fournil de la Croix-Rousse.
            Nous le pétrissons la veille et le laissons lever toute la nuit ; la croûte est épaisse et la mie alvéolée.</p>
            <p>Nous ouvrons du mardi au samedi de 7 h à 19 h 30, et le dimanche matin jusqu'à 13 h.</p>
            <p><a href="https://boulangerie.example/pain?ville={{ contact.city }}">Voir le pain de campagne</a></p>
            <p>À bientôt,<br>L'équipe de la boulangerie</p></body></html>""";

    @Autowired Fixtures fixtures;

    static List<JsonNode> spamLines(JsonNode preflight) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : preflight.get("findings")) if (f.get("rule").asString().equals("spam-filter")) out.add(f);
        return out;
    }

    static List<String> terms(JsonNode f) {
        List<String> out = new ArrayList<>();
        if (f.has("terms")) f.get("terms").forEach(t -> out.add(t.asString()));
        return out;
    }

    @Test
    void aGtubeCampaignIsBlockedWithTheFiltersRules() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "gtube", "clients-spam.example", 2);
        String id = EmailSetup.campaign(s, "Une offre de la boulangerie", "<html><body><p>Bonjour,</p><p>" + GTUBE
                + "</p><p>Notre pain revient cette semaine.</p></body></html>", Map.of());

        var preflight = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(preflight.get("canStart").asBoolean()).as(preflight.toString()).isFalse();
        assertThat(spamLines(preflight)).as(preflight.toString()).singleElement().satisfies(f -> {
            assertThat(f.get("severity").asString()).isEqualTo("blocking");
            assertThat(f.get("location").asString()).isEqualTo("message");
            // the filter's own rule name and verdict, the score against the policy's default threshold
            assertThat(terms(f)).anyMatch(t -> t.startsWith("GTUBE "));
            assertThat(f.get("message").asString()).contains("GTUBE").contains("threshold 6.00").contains("detected as spam")
                    // a real recipient of the audience, not a placeholder
                    .containsPattern("gtube[12]@clients-spam\\.example");
            assertThat(f.get("fix").asString()).isNotBlank();
        });
        // the start is refused for the same reason
        var started = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(started.status()).as(started.body()).isNotEqualTo(200);
    }

    @Test
    void anOrdinaryCampaignPassesWithItsScoreAndRulesShown() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "lectrice", "clients-ham.example", 2);
        String id = EmailSetup.campaign(s, "Le pain de campagne revient, {{ contact.first_name }}", ORDINARY, Map.of());

        var preflight = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(preflight.get("canStart").asBoolean()).as(preflight.toString()).isTrue();
        assertThat(spamLines(preflight)).as(preflight.toString()).singleElement().satisfies(f -> {
            assertThat(f.get("severity").asString()).isEqualTo("info");
            assertThat(f.get("message").asString()).containsPattern("scores .* -?\\d+\\.\\d\\d against the threshold 6\\.00: passes")
                    .contains("rules that hit:");
            // the scanned message is the one the send path writes: the account's List-Unsubscribe header is in it
            assertThat(terms(f)).as(f.toString()).anyMatch(t -> t.startsWith("HAS_LIST_UNSUB "));
        });
    }

    @Test
    void anEmptyAudienceIsScoredForASyntheticRecipient() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String id = EmailSetup.campaign(s, "Le pain de campagne revient", ORDINARY, Map.of());
        var preflight = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(spamLines(preflight)).as(preflight.toString()).singleElement().satisfies(f -> {
            assertThat(f.get("severity").asString()).isEqualTo("info");
            assertThat(f.get("message").asString()).contains("the message as a recipient gets it");
        });
    }

    @Test
    void theThresholdIsPolicyAndItsRangeIsChecked() {
        var op = fixtures.operator();
        assertThat(op.get("/api/policy").json().at("/policy/spamFilter/threshold").asDouble()).isEqualTo(6.0);
        for (double bad : new double[] {0, 0.5, 15.5, 100}) {
            var refused = op.put("/api/operator/policy", Map.of("reason", "try a threshold", "policy", Map.of("spamFilter", Map.of("threshold", bad))));
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("spamFilter.threshold");
            assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("spam-filter");
        }
    }
}
