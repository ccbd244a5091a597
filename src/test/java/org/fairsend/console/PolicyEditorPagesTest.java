package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The structured policy editor over real HTTP (issue 20): every section's page answers with a field per value; an account
 * user never reaches it; a section saved on top of a version someone else replaced is refused (409) and stores nothing,
 * in the section forms and in the JSON editor alike.
 */
@PostgresTest
class PolicyEditorPagesTest {

    @Autowired Fixtures fixtures;

    private ConsoleSession operator(String suffix) throws Exception {
        String op = "policy-forms-" + suffix + "@fairsend.example";
        var created = fixtures.operator().post("/api/operator/console-users", Map.of("email", op, "password", "les sections de la politique"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var s = new ConsoleSession(fixtures.port());
        assertThat(s.signIn(op, "les sections de la politique").headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return s;
    }

    @Test
    void everySectionHasItsPageAndAnAccountUserReachesNone() throws Exception {
        var a = fixtures.account();
        var s = operator(a.id().toString().substring(24));
        var overview = s.get("/console/operator/policy");
        assertThat(overview.statusCode()).isEqualTo(200);
        for (String section : new String[] {"retention", "hygiene", "frequency", "content", "sendingHours", "sms", "voice", "calltracking",
            "reputation", "forms", "spamFilter", "regulatedAccounts", "dedicatedIp", "evidence", "billing"}) {
            assertThat(overview.body()).contains("/console/operator/policy/sections/" + section);
            var page = s.get("/console/operator/policy/sections/" + section);
            assertThat(page.statusCode()).as(section).isEqualTo(200);
            assertThat(page.body()).as(section).contains("name=\"" + section + ".").contains("id=\"policy-section-form\"");
        }
        var hygiene = s.get("/console/operator/policy/sections/hygiene").body();
        assertThat(hygiene).contains("name=\"hygiene.inactiveMonths\"").contains("min=\"3\"").contains("max=\"6\"").contains("R-8");
        var billing = s.get("/console/operator/policy/sections/billing").body();
        assertThat(billing).contains("<select").contains("value=\"daily\"").contains("value=\"none\"");
        assertThat(s.get("/console/operator/policy/sections/nothing").statusCode()).isEqualTo(404);

        // an account's user: refused, reading and writing
        String admin = ConsoleSecurityTest.adminOf(fixtures, a, "pas de politique pour moi");
        var user = new ConsoleSession(fixtures.port());
        user.signIn(admin, "pas de politique pour moi");
        assertThat(user.get("/console").statusCode()).isEqualTo(200);
        int before = fixtures.operator().get("/api/policy").json().get("version").asInt();
        assertThat(user.get("/console/operator/policy/sections/hygiene").statusCode()).isEqualTo(403);
        String token = ConsoleSession.csrf(user.get("/console").body());
        var posted = user.post("/console/operator/policy/sections/hygiene", Map.of("_csrf", token, "version", String.valueOf(before),
                "reason", "I am not the operator", "hygiene.inactiveMonths", "3"));
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(fixtures.operator().get("/api/policy").json().get("version").asInt()).isEqualTo(before);
    }

    @Test
    void aSectionSavedOnTopOfAReplacedVersionIsRefusedAndStoresNothing() throws Exception {
        var a = fixtures.account();
        var s = operator("c" + a.id().toString().substring(25));
        JsonNode original = fixtures.operator().get("/api/policy").json().get("policy");
        try {
            String page = s.get("/console/operator/policy/sections/frequency").body();
            String token = ConsoleSession.csrf(page);
            int read = fixtures.operator().get("/api/policy").json().get("version").asInt();
            assertThat(page).contains("name=\"version\" value=\"" + read + "\"");

            // meanwhile, someone else saves a version (through the API)
            var other = fixtures.operator().put("/api/operator/policy", Map.of("reason", "someone else's change", "policy", original));
            assertThat(other.status()).isEqualTo(200);
            int theirs = other.json().get("version").asInt();

            Map<String, String> form = new LinkedHashMap<>();
            form.put("_csrf", token);
            form.put("version", String.valueOf(read));
            form.put("reason", "three a month");
            form.put("frequency.marketingPerRecipientPer30Days", "3");
            var refused = s.post("/console/operator/policy/sections/frequency", form);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("id=\"policy-conflict\"").contains("version " + theirs + " replaced")
                    .contains("value=\"3\"");
            assertThat(fixtures.operator().get("/api/policy").json().get("version").asInt()).isEqualTo(theirs);

            // the JSON editor too: its document was read at version 'read'
            String doc = fixtures.operator().get("/api/policy").json().get("policy").toString();
            var json = s.post("/console/operator/policy", Map.of("_csrf", token, "version", String.valueOf(read), "reason", "whole document",
                    "document", doc));
            assertThat(json.statusCode()).isEqualTo(409);
            assertThat(json.body()).contains("replaced it meanwhile");
            assertThat(fixtures.operator().get("/api/policy").json().get("version").asInt()).isEqualTo(theirs);

            // on the version in force, the same form saves, and the other sections are those of that version
            form.put("version", String.valueOf(theirs));
            var saved = s.post("/console/operator/policy/sections/frequency", form);
            assertThat(saved.statusCode()).isEqualTo(302);
            var now = fixtures.operator().get("/api/policy").json();
            assertThat(now.get("version").asInt()).isEqualTo(theirs + 1);
            assertThat(now.at("/policy/frequency/marketingPerRecipientPer30Days").asInt()).isEqualTo(3);
            assertThat(now.get("reason").asString()).isEqualTo("three a month");
            assertThat(now.get("policy").get("hygiene")).isEqualTo(original.get("hygiene"));
            assertThat(now.get("policy").get("content")).isEqualTo(original.get("content"));

            // the API takes the same guard
            var api = fixtures.operator().put("/api/operator/policy", Map.of("reason", "stale", "policy", original, "basedOn", theirs));
            assertThat(api.status()).isEqualTo(409);
            assertThat(api.json().at("/errors/0/field").asString()).isEqualTo("version");
        } finally {
            fixtures.operator().put("/api/operator/policy", Map.of("reason", "PolicyEditorPagesTest: back to the policy before it", "policy", original));
        }
    }
}
