package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.fairsend.inquiries.EvidenceRequests;
import org.fairsend.inquiries.EvidenceSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * An evidence request after a complaint (seed 002 §1.2, issue 19) end to end in a real Chromium: the operator asks
 * from the complaint's page; the account finds the request in its navigation, reads what the consent ledger holds
 * attaches a screenshot of its form and answers; the operator rejects with a reason (the campaign is
 * incriminated, R-15). A second request left unanswered past its deadline (shifted clock, the deadline job's check)
 * suspends the email channel, which the account's answer lifts. Screenshots under target/screenshots/.
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class EvidenceRequestBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;
    @Autowired EvidenceRequests requests;

    @AfterEach
    void back() {
        clock.reset();
    }

    @Test
    void theOperatorAsksTheAccountAnswersWithAFileTheOperatorRejectsAndAMissedDeadlineSuspends() throws Exception {
        var c = EvidenceSetup.complained(fixtures, mail, "browser");
        String suffix = c.account().id().toString().substring(28);
        String op = "evidence-" + suffix + "@fairsend.example";
        var created = fixtures.operator().post("/api/operator/console-users", Map.of("email", op, "password", "la preuve du consentement"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String admin = ConsoleSecurityTest.adminOf(fixtures, c.account(), "le fournil repond");
        Path screenshot = Files.createTempFile("formulaire", ".png");
        Files.write(screenshot, EvidenceSetup.PNG);
        Path page = Files.createTempFile("page", ".png");
        Files.writeString(page, "<html><script>alert(1)</script></html>");

        // the operator asks from the complaint's page
        long first;
        try (Browser b = new Browser(fixtures.port(), "evidence-operator", 1280, 900)) {
            b.signIn(op, "la preuve du consentement");
            b.awaitText("h1", "Accounts", WAIT);
            b.open("/console/operator/complaints/" + c.complaintId());
            b.find("#ask-evidence").click();
            b.awaitText("h1", "Ask for evidence", WAIT);
            assertThat(b.find("#addresses").getAttribute("value")).isEqualTo(c.address());
            b.find("#note").sendKeys("Le destinataire dit ne s'être <b>jamais</b> inscrit");
            b.find("#open").click();
            b.awaitText(".notice", "Evidence requested", WAIT);
            assertThat(b.text("#state")).isEqualTo("open");
            assertThat(b.text("#addresses")).isEqualTo(c.address());
            assertThat(b.text("#note")).isEqualTo("Le destinataire dit ne s'être <b>jamais</b> inscrit");
            first = Long.parseLong(b.driver.getCurrentUrl().replaceAll(".*/", ""));
            assertThat(b.text("#steps")).contains("opened");
            b.screenshot("opened");
        }

        // the account: in its navigation, the ledger's evidence pre-filled, a file, a statement
        try (Browser b = new Browser(fixtures.port(), "evidence-account", 1280, 900)) {
            b.signIn(admin, "le fournil repond");
            b.awaitText("h1", c.account().account().displayName(), WAIT);
            assertThat(b.text("#evidence-panel")).contains("Request " + first);
            b.driver.findElement(By.partialLinkText("Evidence requests (1)")).click();
            b.awaitText("h1", "Evidence requests", WAIT);
            b.driver.findElement(By.linkText("Request " + first)).click();
            b.awaitText("h1", "Evidence request " + first, WAIT);
            assertThat(b.text("#evidence-0")).contains(c.address()).contains("consent in force");
            assertThat(b.text("#evidence-0 .source-url")).isEqualTo("https://boulangerie.example/newsletter");
            assertThat(b.text("#evidence-0 .ip")).isEqualTo("203.0.113.7");
            assertThat(b.text("#evidence-0 .opt-in")).isEqualTo("single");
            assertThat(b.text("#evidence-0 .declaration")).isEqualTo("J'accepte de recevoir la lettre de la boulangerie");
            assertThat(b.text("#evidence-0 .collected-at")).isEqualTo("2026-06-01T10:00:00Z");
            assertThat(b.all("#note b")).as("the operator's note is text").isEmpty();
            // an HTML page named .png is refused, the screenshot is taken
            b.find("#file").sendKeys(page.toString());
            b.find("#attach").click();
            b.awaitText(".error-list", "PNG or JPEG screenshot or a PDF", WAIT);
            b.find("#file").sendKeys(screenshot.toString());
            b.find("#attach").click();
            b.awaitText(".notice", "File added", WAIT);
            assertThat(b.text("#files")).contains(screenshot.getFileName().toString()).contains("image/png");
            b.find("#statement-input").sendKeys("Inscription sur notre site, voir la capture du formulaire.");
            b.find("#answer").click();
            b.awaitText(".notice", "Answer sent", WAIT);
            assertThat(b.text("#state")).isEqualTo("answered");
            assertThat(b.all("#answer-form")).isEmpty();
            assertThat(b.text("#steps")).contains("attachment-added").contains("answered");
            b.fullScreenshot("answered");
        }

        // the operator reads the answer and rejects it with a reason
        try (Browser b = new Browser(fixtures.port(), "evidence-decision", 1280, 900)) {
            b.signIn(op, "la preuve du consentement");
            b.awaitText("h1", "Accounts", WAIT);
            // in the navigation with the number of answers waiting for a decision (every account's: other tests' too)
            var nav = b.find("header a[href='/console/operator/evidence-requests']");
            assertThat(nav.getText()).matches("Evidence \\(\\d+\\)");
            nav.click();
            b.awaitText("h1", "Evidence requests", WAIT);
            b.driver.findElement(By.linkText("Request " + first)).click();
            b.awaitText("h1", "Evidence request " + first, WAIT);
            assertThat(b.text("#statement")).isEqualTo("Inscription sur notre site, voir la capture du formulaire.");
            assertThat(b.find("#files a").getAttribute("href")).endsWith("/console/operator/evidence-requests/" + first + "/attachments/"
                    + b.find("#files a").getAttribute("href").replaceAll(".*/", ""));
            b.find("#reject-reason").sendKeys("La capture ne montre pas de case à cocher");
            b.find("#reject").click();
            b.awaitText(".notice", "Rejected", WAIT);
            assertThat(b.text("#state")).isEqualTo("rejected");
            assertThat(b.text("#decision")).contains("La capture ne montre pas de case à cocher");
            b.screenshot("rejected");
            // the account's page shows its requests too
            b.open("/console/operator/accounts/" + c.account().id());
            b.awaitText("#evidence-requests-panel", "Request " + first, WAIT);
            assertThat(b.text("#evidence-requests-panel")).contains("rejected");
        }
        await().atMost(WAIT).until(() -> fixtures.operator().get("/api/operator/reputation/campaigns/" + c.campaignId()).json().hasNonNull("incident"));

        // a second request, not answered: past its deadline the email channel is suspended until the account answers
        long second;
        try (Browser b = new Browser(fixtures.port(), "evidence-second", 1280, 900)) {
            b.signIn(op, "la preuve du consentement");
            b.awaitText("h1", "Accounts", WAIT);
            b.open("/console/operator/evidence-requests/new?complaint=" + c.complaintId());
            b.find("#open").click();
            b.awaitText(".notice", "Evidence requested", WAIT);
            second = Long.parseLong(b.driver.getCurrentUrl().replaceAll(".*/", ""));
        }
        Instant deadline = requests.get(null, second).deadline();
        clock.setNow(deadline.plusSeconds(120));
        requests.checkDeadlines(); // what the deadline job runs
        try (Browser b = new Browser(fixtures.port(), "evidence-overdue", 1280, 900)) {
            b.signIn(admin, "le fournil repond");
            b.awaitText("h1", c.account().account().displayName(), WAIT);
            assertThat(b.text("main")).contains("suspended");
            b.open("/console/evidence-requests/" + second);
            b.awaitText("h1", "Evidence request " + second, WAIT);
            assertThat(b.text("#state")).isEqualTo("overdue");
            assertThat(b.text("#suspension")).contains("until the account answers");
            assertThat(b.text("#steps")).contains("suspended").contains("notice of the suspension mailed")
                    .as("no reminder of a deadline already past").doesNotContain("reminder mailed");
            b.fullScreenshot("overdue");
            b.find("#answer").click();
            b.awaitText(".notice", "Answer sent", WAIT);
            assertThat(b.text("#suspension")).contains("lifted");
            assertThat(b.text("#steps")).contains("lifted");
            b.open("/console");
            b.awaitText("h1", c.account().account().displayName(), WAIT);
            assertThat(b.text("main")).doesNotContain("suspended");
            assertThat(b.consoleErrors()).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));
        }
        assertThat(EvidenceSetup.mailsTo(mail, c.account(), "overdue: your email channel is suspended")).isEqualTo(1);
    }
}
