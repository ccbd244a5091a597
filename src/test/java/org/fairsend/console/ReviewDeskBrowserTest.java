package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator's review desk (R-11, issue 16) in a real Chromium: two campaigns held by an ambiguous term; the
 * operator opens the desk, reads the text with the term marked (the account's HTML shown as text, never rendered),
 * approves one, whose mail then arrives, and refuses the other with a reason the account reads on its campaign page.
 * Screenshots under target/screenshots/.
 */
@PostgresTest
class ReviewDeskBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TERM = "grattouille";

    @Autowired Fixtures fixtures;

    @AfterEach
    void back() {
        EmailSetup.defaultPolicy(fixtures.operator());
    }

    @Test
    void theOperatorReadsTheMarkedTermApprovesOneCampaignAndRefusesAnotherWithAReasonTheAccountSees() throws Exception {
        EmailSetup.ambiguousTerm(fixtures.operator(), TERM);
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String domain = "clients-desk-" + s.account().id().toString().substring(28) + ".example";
        EmailSetup.importContacts(s, "lecteur", domain, 2);
        String suffix = s.account().id().toString().substring(30);
        String html = "<h1>Bonjour {{ contact.first_name }} !</h1><p>La <strong>" + TERM + "</strong> du samedi revient &lt;img src=x"
                + " onerror=\"window.pwned=1\"&gt; à la boulangerie.</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>";
        String approvedName = "Lettre " + TERM + " A " + suffix;
        String refusedName = "Lettre " + TERM + " B " + suffix;
        String first = EmailSetup.campaign(s, "La " + TERM + " revient", html, Map.of("name", approvedName));
        String second = EmailSetup.campaign(s, "Une " + TERM + " pour vous", html, Map.of("name", refusedName));
        var held = s.account().api().post("/api/campaigns/" + first + "/start", null);
        assertThat(held.status()).as(held.body()).isEqualTo(202);

        // the account starts the other one in its console: it is told the campaign waits for the operator
        String admin = ConsoleSecurityTest.adminOf(fixtures, s.account(), "la fournee du refus");
        try (Browser b = new Browser(fixtures.port(), "review-desk-account", 1280, 900)) {
            b.signIn(admin, "la fournee du refus");
            b.awaitText("h1", s.account().account().displayName(), WAIT);
            b.open("/console/campaigns/" + second);
            b.awaitText("h1", refusedName, WAIT);
            b.find("#start").click();
            b.awaitText(".notice", "operator's review", WAIT);
            assertThat(b.text("#status")).isEqualTo("in_review");
            assertThat(b.text("#review-state")).contains("pending");
            assertThat(b.text("#review-terms")).contains(TERM);
            assertThat(b.all("#start")).isEmpty();
            assertThat(b.all("#at")).as("no schedule form while in review").isEmpty();
            b.screenshot("account-held");
        }

        String op = "reviewer-" + suffix + "@fairsend.example";
        var created = fixtures.operator().post("/api/operator/console-users", Map.of("email", op, "password", "le bureau des relectures"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        try (Browser b = new Browser(fixtures.port(), "review-desk", 1280, 900)) {
            b.signIn(op, "le bureau des relectures");
            b.awaitText("h1", "Accounts", WAIT);
            // the desk is in the navigation, with the number waiting
            b.driver.findElement(By.partialLinkText("Reviews (")).click();
            b.awaitText("h1", "Content reviews", WAIT);
            assertThat(b.text("#reviews")).contains(approvedName).contains(refusedName).contains(s.account().account().displayName())
                    .contains("email").contains(TERM);
            b.screenshot("queue");

            b.driver.findElement(By.linkText(approvedName)).click();
            b.awaitText("h1", approvedName, WAIT);
            // the term is marked in the subject and in the HTML body's text; the account's HTML is text here
            assertThat(b.all("#part-subject mark")).extracting(e -> e.getText()).containsExactly(TERM);
            assertThat(b.all("#part-html mark")).extracting(e -> e.getText()).containsExactly(TERM);
            assertThat(b.text("#part-html")).contains("<img src=x onerror=\"window.pwned=1\">");
            assertThat(b.all("main strong, main img")).isEmpty();
            assertThat(b.text("#findings")).contains("R-11").contains("review");
            assertThat(b.text("#account-history")).contains("2").contains("email: active");
            assertThat(b.find("#allowed-terms").getAttribute("href")).endsWith("/console/operator/accounts/" + s.account().id() + "/allowed-terms");
            b.fullScreenshot("review");
            b.find("#approve-reason").sendKeys("a scratch card of the bakery's own loyalty game, no stake");
            b.find("#approve").click();
            b.awaitText(".notice", "Approved", WAIT);
            assertThat(b.text("main")).doesNotContain(approvedName);

            // the approved campaign goes out: its mail arrives
            await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessagesForDomain(domain).length == 2);

            b.driver.findElement(By.linkText(refusedName)).click();
            b.awaitText("h1", refusedName, WAIT);
            // the earlier decision is in the account's history
            assertThat(b.text("#review-history")).contains(approvedName).contains("approved");
            // a refusal needs a reason
            b.driver.executeScript("document.getElementById('refuse-reason').removeAttribute('required')");
            b.find("#refuse").click();
            b.awaitText(".error-list", "reason", WAIT);
            b.find("#refuse-reason").sendKeys("Le " + TERM + " est ici un jeu d'argent : retirez-le ou reformulez");
            b.find("#refuse").click();
            b.awaitText(".notice", "Refused", WAIT);
            try {
                b.driver.switchTo().alert();
                throw new AssertionError("an alert opened: the account's text ran as script");
            } catch (NoAlertPresentException expected) {
                // nothing the account wrote ran
            }
            assertThat(b.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
            assertThat(b.consoleErrors()).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));
        }

        // the account sees the refusal and its reason on its campaign page
        try (Browser b = new Browser(fixtures.port(), "review-desk-account-after", 1280, 900)) {
            b.signIn(admin, "la fournee du refus");
            b.awaitText("h1", s.account().account().displayName(), WAIT);
            b.open("/console/campaigns/" + second);
            b.awaitText("h1", refusedName, WAIT);
            assertThat(b.text("#review-state")).contains("refused");
            assertThat(b.text("#review-reason")).isEqualTo("Le " + TERM + " est ici un jeu d'argent : retirez-le ou reformulez");
            b.fullScreenshot("account-refused");
        }
        assertThat(mail.getReceivedMessagesForDomain(domain)).hasSize(2); // the refused campaign sent nothing
    }
}
