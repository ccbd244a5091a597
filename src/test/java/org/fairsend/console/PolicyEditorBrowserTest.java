package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The structured policy editor in a real Chromium (issue 20): the operator opens a section from the policy page, changes a
 * number and an entry of a list, adds a row, and saves with a reason: a new version, which the JSON editor shows with the
 * same values. A value the rules refuse is shown next to its field as typed, and nothing is stored. An account's
 * user is not allowed on the page. Screenshots under target/screenshots/.
 */
@PostgresTest
class PolicyEditorBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;

    @Test
    void theOperatorChangesANumberAndAListEntryInOneSectionAndTheJsonEditorShowsThem() throws Exception {
        var a = fixtures.account();
        String suffix = a.id().toString().substring(24);
        String op = "policy-editor-" + suffix + "@fairsend.example";
        assertThat(fixtures.operator().post("/api/operator/console-users", Map.of("email", op, "password", "une politique en formulaires"))
                .status()).isEqualTo(201);
        JsonNode original = fixtures.operator().get("/api/policy").json().get("policy");
        try (Browser b = new Browser(fixtures.port(), "policy-editor", 1280, 1000)) {
            b.signIn(op, "une politique en formulaires");
            b.awaitText("h1", "Accounts", WAIT);
            b.open("/console/operator/policy");
            b.awaitText("h1", "Policy", WAIT);
            b.find("#policy-sections a[href='/console/operator/policy/sections/voice']").click();
            b.awaitText("h1", "Policy: Voicemail drops", WAIT);
            int before = Integer.parseInt(b.text("#edited-version").strip());
            assertThat(b.text("[data-path='voice.maxAudioSeconds']")).contains("Longest message").contains("Default: 60 seconds");
            assertThat(b.find("#pf-voice-maxAudioSeconds").getAttribute("max")).isEqualTo("300");
            assertThat(b.text("#pf-voice-maxSolicitationsPer30Days-help")).isNotBlank();

            assertThat(b.find("#pf-voice-callerRanges-0-").getAttribute("pattern")).isEqualTo("0[1-9][0-9]{2,6}");
            // a number, an entry of a list, and a row added with the page's button
            b.find("#pf-voice-maxAudioSeconds").clear();
            b.find("#pf-voice-maxAudioSeconds").sendKeys("90");
            b.find("#pf-voice-callerRanges-1-").clear();
            b.find("#pf-voice-callerRanges-1-").sendKeys("0164");
            int rows = b.all("#pf-voice-callerRanges-rows .pf-row").size();
            b.find("#pf-voice-callerRanges-add").click();
            assertThat(b.all("#pf-voice-callerRanges-rows .pf-row")).hasSize(rows + 1);
            b.driver.switchTo().activeElement().sendKeys("09480");
            b.find("#pf-reason").sendKeys("longer messages; the 0164 range instead of 0163");
            b.screenshot("voice-edited");
            b.find("#pf-save").click();
            b.awaitText(".notice", "is in force", WAIT);
            int saved = Integer.parseInt(b.text("#edited-version").strip());
            assertThat(saved).isGreaterThan(before);
            assertThat(b.text(".notice")).contains("Policy version " + saved);
            assertThat(b.find("#pf-voice-maxAudioSeconds").getAttribute("value")).isEqualTo("90");
            assertThat(b.text("[data-path='voice.maxAudioSeconds']")).contains("differs from the default").contains("Before the last version: 60");
            b.fullScreenshot("voice-saved");

            // the JSON editor edits the same versions: it shows the values the form saved
            b.find("#json-editor-link").click();
            b.awaitText("#policy-version", String.valueOf(saved), WAIT);
            JsonNode doc = Api.JSON.readTree(b.find("#document").getAttribute("value"));
            assertThat(doc.at("/voice/maxAudioSeconds").asInt()).isEqualTo(90);
            assertThat(doc.at("/voice/callerRanges/1").asString()).isEqualTo("0164");
            var ranges = doc.at("/voice/callerRanges");
            assertThat(ranges.get(ranges.size() - 1).asString()).isEqualTo("09480");
            assertThat(doc.get("hygiene")).isEqualTo(original.get("hygiene"));
            assertThat(b.text("#policy-sections tr[data-section='voice'] .changed")).as("the number and the list").isEqualTo("2");
            var api = fixtures.operator().get("/api/operator/policy/versions/" + saved).json();
            assertThat(api.get("createdBy").asString()).isEqualTo("console:" + op);
            assertThat(api.get("reason").asString()).isEqualTo("longer messages; the 0164 range instead of 0163");

            // the version's page lists what it changed
            b.open("/console/operator/policy/versions/" + saved);
            b.awaitText("#policy-changes", "Changed from version", WAIT);
            assertThat(b.text("#policy-changes tr[data-path='voice.maxAudioSeconds'] .after")).isEqualTo("90 seconds");
            assertThat(b.text("#policy-changes tr[data-path='voice.callerRanges'] .after")).contains("0164").contains("09480");
            assertThat(b.all("#policy-changes tbody tr")).hasSize(2);

            // a value the rules refuse: shown next to its field as typed, nothing stored
            b.open("/console/operator/policy/sections/voice");
            b.awaitText("h1", "Voicemail drops", WAIT);
            // the browser itself keeps an out-of-bounds number from being sent: take its bound off, as a hand-made request would
            b.driver.executeScript("document.getElementById('pf-voice-daysAfterRefusal').removeAttribute('min')");
            b.find("#pf-voice-daysAfterRefusal").clear();
            b.find("#pf-voice-daysAfterRefusal").sendKeys("30");
            b.find("#pf-reason").sendKeys("a month is enough", Keys.ENTER);
            b.awaitText("#pf-voice-daysAfterRefusal-error", "X-4", WAIT);
            assertThat(b.text("#pf-voice-daysAfterRefusal-error")).contains("at least 60 days");
            assertThat(b.find("#pf-voice-daysAfterRefusal").getAttribute("value")).isEqualTo("30");
            assertThat(b.find("#pf-voice-daysAfterRefusal").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(b.find("#pf-reason").getAttribute("value")).isEqualTo("a month is enough");
            assertThat(b.text("#policy-errors")).contains("not saved");
            b.screenshot("voice-refused");
            assertThat(fixtures.operator().get("/api/policy").json().get("version").asInt()).isEqualTo(saved);
            for (String section : new String[] {"dedicatedIp", "sendingHours"}) {
                b.open("/console/operator/policy/sections/" + section);
                b.awaitText("h1", "Policy", WAIT);
                b.fullScreenshot(section);
            }
            assertThat(b.consoleErrors()).as("no CSP violation").noneMatch(e -> e.contains("Content Security Policy"));
        } finally {
            fixtures.operator().put("/api/operator/policy", Map.of("reason", "PolicyEditorBrowserTest: back to the policy before it", "policy", original));
        }

        // an account's user: not allowed
        String admin = ConsoleSecurityTest.adminOf(fixtures, a, "la politique ne me regarde pas");
        try (Browser b = new Browser(fixtures.port(), "policy-editor-account", 1280, 900)) {
            b.signIn(admin, "la politique ne me regarde pas");
            b.awaitText("h1", a.account().displayName(), WAIT);
            b.open("/console/operator/policy/sections/voice");
            assertThat(b.text("h1")).isEqualTo("Not allowed");
            assertThat(b.all("#policy-section-form")).isEmpty();
        }
    }
}
