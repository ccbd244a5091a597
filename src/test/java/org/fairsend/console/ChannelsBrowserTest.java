package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The channel pages in a real Chromium: an account builds an SMS campaign and watches its wire preview follow
 * what it types (encoding, the character forcing UCS-2 and its replacement, segments), previews it per
 * recipient, and opens its call-tracking charts drawn from the JSON endpoint under the console's CSP.
 * Screenshots under target/screenshots/.
 */
@PostgresTest
class ChannelsBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anAccountBuildsAnSmsCampaignAndSeesItsSegmentPreview() throws Exception {
        var a = fixtures.account();
        ChannelSetup.smsContacts(a, "31", "Zoé", "Hugo");
        String email = ConsoleSecurityTest.adminOf(fixtures, a, "le pain au levain du soir");
        try (Browser b = new Browser(fixtures.port(), "sms", 1280, 900)) {
            b.signIn(email, "le pain au levain du soir");
            b.awaitText("h1", a.account().displayName(), WAIT);
            b.find("a[href='/console/sms']").click();
            b.awaitText("h1", "SMS", WAIT);
            b.find("#new-name").sendKeys("Promo du samedi");
            b.find("#create").click();
            b.awaitText("h1", "Promo du samedi", WAIT);
            b.find("input[name=listIds]").click();

            // typing: the preview beside the editor follows (htmx)
            WebElement text = b.find("#text");
            text.sendKeys("Bonjour {{ contact.first_name }}, c'est la fête au fournil : -20 % sur les viennoiseries samedi !");
            b.awaitText("#sms-encoding", "UCS-2", WAIT);
            b.awaitText("#sms-text", "c'est la fête", WAIT);
            assertThat(b.text("#sms-text")).containsAnyOf("Bonjour Zoé", "Bonjour Hugo"); // the first eligible recipient
            assertThat(b.text("#sms-segments")).isEqualTo("2");
            assertThat(b.text("#forcing")).contains("ê").contains("U+00EA");
            assertThat(b.text("#sms-optout")).contains("STOP");
            assertThat(b.text("#findings")).contains("UCS-2");
            b.fullScreenshot("sms-ucs2");

            // the replacement brings it back to GSM-7, one segment
            text.clear();
            text.sendKeys("Bonjour {{ contact.first_name }}, c'est la fete au fournil : -20 % sur les viennoiseries samedi !");
            b.awaitText("#sms-text", "la fete au fournil", WAIT);
            assertThat(b.text("#sms-encoding")).isEqualTo("GSM-7");
            assertThat(b.text("#sms-segments")).isEqualTo("1");
            assertThat(b.all("#forcing")).isEmpty();
            b.await(d -> !d.findElements(By.cssSelector("#can-start")).isEmpty(), WAIT);
            b.fullScreenshot("sms-gsm7");

            // per recipient
            b.find("#preview-link").click();
            b.awaitText("h1", "Preview per recipient", WAIT);
            new org.openqa.selenium.support.ui.Select(b.find("#contact")).selectByVisibleText("+33631000002 (Hugo)");
            b.find("main form button[type=submit]").click();
            b.awaitText("#sms-text", "Bonjour Hugo", WAIT);
            b.screenshot("sms-preview");

            // call tracking: calls to a tracked number of a medium; the charts are drawn from their JSON endpoint, with no CSP violation
            var op = fixtures.operator();
            String tracked = "+3342798" + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000, 9999);
            var imported = op.post("/api/operator/calltracking/numbers/import", Map.of("numbers", java.util.List.of(tracked)));
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            String numberId = imported.json().get("imported").get(0).get("id").asString();
            assertThat(op.post("/api/operator/calltracking/numbers/" + numberId + "/assign", Map.of("accountId", a.id().toString())).status())
                    .isEqualTo(200);
            String medium = a.api().post("/api/calltracking/media", Map.of("name", "Affiche vitrine", "type", "poster")).json().get("id").asString();
            assertThat(a.api().put("/api/calltracking/numbers/" + numberId, Map.of("mediumId", medium)).status()).isEqualTo(200);
            var provider = new org.fairsend.support.Api(fixtures.port(), "test-calltracking-token");
            String[][] callers = {{"+33612345678", "call.ended"}, {"+33478371234", "call.missed"}, {"+33145678901", "call.ended"}};
            for (int i = 0; i < callers.length; i++) {
                for (String event : new String[] {"call.started", callers[i][1]}) {
                    provider.post("/webhooks/calltracking", Map.of("event", event, "callId", tracked + "-" + i, "from", callers[i][0],
                            "to", tracked, "at", java.time.Instant.now().toString()));
                }
            }
            b.open("/console/calltracking/calls");
            assertThat(b.text("#calls")).contains("Affiche vitrine").doesNotContain("+33612345678");
            b.await(d -> "1".equals(d.findElement(By.cssSelector("#chart-medium")).getDomAttribute("data-rendered"))
                    && "1".equals(d.findElement(By.cssSelector("#chart-zone")).getDomAttribute("data-rendered")), WAIT);
            b.screenshot("calltracking-charts");
            assertThat(b.consoleErrors()).noneMatch(e -> e.contains("Content Security Policy"));
        }
    }
}
