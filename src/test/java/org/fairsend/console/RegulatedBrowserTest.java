package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Regulated accounts in the account's console (issue 19, R-11), in a real Chromium: the account applies for a theme
 * with its licence and a PDF (a file that is not one is refused, naming the rule), sees its application pending with
 * its document and history; once the operator approved it, the campaign on that theme shows the approval (authority,
 * licence, end date) beside its findings and can start.
 */
@PostgresTest
class RegulatedBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;

    @Test
    void theAccountAppliesWithItsLicenceAndItsCampaignShowsTheApproval() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "investisseur", "clients-reg-browser.example", 1);
        String campaign = EmailSetup.campaign(s, "Notre lettre des marchés", "<p>Bonjour {{ contact.first_name }}, le point sur le trading"
                + " forex cette semaine.</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>", Map.of());
        String email = ConsoleSecurityTest.adminOf(fixtures, s.account(), "licence en poche du gérant");
        Path pdf = Files.createTempFile("agrement-", ".pdf");
        Files.writeString(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n", StandardCharsets.US_ASCII);
        Path fake = Files.createTempFile("licence-", ".pdf");
        Files.writeString(fake, "<html><script>window.pwned=1</script></html>", StandardCharsets.UTF_8);
        String expires = LocalDate.now().plusMonths(10).toString();

        try (Browser b = new Browser(fixtures.port(), "regulated", 1280, 900)) {
            b.signIn(email, "licence en poche du gérant");
            b.awaitText("h1", s.account().account().displayName(), WAIT);
            // issue 20: a French reader (the browser's languages French): the date beside the picker is written in French
            String agent = String.valueOf(b.driver.executeScript("return navigator.userAgent"));
            b.driver.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", "fr-FR,fr"));
            b.open("/console/regulated");
            b.awaitText("h1", "Regulated themes", WAIT);
            assertThat(b.driver.executeScript("return navigator.languages[0]")).isEqualTo("fr-FR");

            // a file that is not a PDF, PNG or JPEG (whatever its name) is refused
            fill(b, expires, fake);
            b.find("#apply button[type=submit]").click();
            b.awaitText(".error-list", "PDF, PNG or JPEG", WAIT);

            fill(b, expires, pdf);
            b.screenshot("regulated-apply");
            b.find("#apply button[type=submit]").click();
            b.awaitText("#app-state", "pending", WAIT);
            assertThat(b.text("#app-licence")).isEqualTo("AMF-GP-777");
            assertThat(b.text("#documents")).contains(".pdf").contains("application/pdf");
            assertThat(b.text("#history")).contains("submitted");
            String id = b.driver.getCurrentUrl().substring(b.driver.getCurrentUrl().lastIndexOf('/') + 1);

            var approved = fixtures.operator().post("/api/operator/regulated/applications/" + id + "/approve",
                    Map.of("reason", "AMF register checked", "endsOn", LocalDate.now().plusMonths(6).toString()));
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);

            b.open("/console/regulated/" + id);
            b.awaitText("#app-state", "approved", WAIT);
            assertThat(b.text("#history")).contains("approved").contains("AMF register checked");
            b.open("/console/regulated");
            assertThat(b.text("#approval-forex")).contains("AMF-GP-777");

            b.open("/console/campaigns/" + campaign);
            b.awaitText("#regulated-approvals", "AMF-GP-777", WAIT);
            assertThat(b.text("#regulated-approvals")).contains("Autorité des marchés financiers")
                    .contains(LocalDate.now().plusMonths(6).toString());
            assertThat(b.text("#findings")).contains("regulated-approval");
            b.fullScreenshot("regulated-campaign");
        }
    }

    private static void fill(Browser b, String expires, Path file) {
        new Select(b.find("#theme")).selectByValue("forex");
        b.find("#authority").clear();
        b.find("#authority").sendKeys("Autorité des marchés financiers");
        b.find("#licenceNumber").clear();
        b.find("#licenceNumber").sendKeys("AMF-GP-777");
        b.driver.executeScript("var i = document.getElementById('licenceExpiresOn'); i.value = arguments[0];"
                + " i.dispatchEvent(new Event('input', { bubbles: true }))", expires);
        // issue 20: beside the browser's picker, the date in the browser's own language with the month in words, and ISO
        var language = java.util.Locale.forLanguageTag(String.valueOf(b.driver.executeScript("return navigator.languages[0]")));
        assertThat(b.text("#licenceExpiresOn-echo")).isEqualTo(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                .withLocale(language).format(java.time.LocalDate.parse(expires)) + " (" + expires + ")");
        b.find("#documents").sendKeys(file.toAbsolutePath().toString());
    }
}
