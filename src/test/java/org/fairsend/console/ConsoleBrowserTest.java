package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in a real Chromium (issue 9's "done when"): sign in, import contacts, build and preflight a
 * campaign, preview it per recipient, send it to GreenMail and watch it finish, open a contact's evidence
 * pack; at phone width with the keyboard alone; the operator's desk. Screenshots under target/screenshots/.
 */
@PostgresTest
class ConsoleBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;

    static final Duration WAIT = Duration.ofSeconds(30);

    private String admin(Fixtures.TestAccount a, String password) {
        return ConsoleSecurityTest.adminOf(fixtures, a, password);
    }

    private static Path csv(String domain) throws Exception {
        StringBuilder csv = new StringBuilder(EmailSetup.HEADER);
        for (int i = 1; i <= 3; i++) {
            csv.append("camille").append(i).append('@').append(domain).append(",Camille").append(i)
                    .append(",opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/newsletter,203.0.113.7,")
                    .append("J'accepte de recevoir la lettre de la boulangerie,Nouveautés de la boulangerie,true,Lyon\n");
        }
        // a first name that is script: it must show as text, never run
        csv.append("xss@").append(domain).append(",<img src=x onerror=\"window.pwned=1\">")
                .append(",opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/newsletter,203.0.113.7,")
                .append("J'accepte de recevoir la lettre de la boulangerie,Nouveautés de la boulangerie,true,Lyon\n");
        csv.append("bob@").append(domain).append(",Bob,,,,,,,,,Paris\n"); // no consent evidence: rejected (R-13)
        Path f = Files.createTempFile("console-import-", ".csv");
        Files.writeString(f, csv);
        return f;
    }

    @Test
    void anAccountImportsBuildsPreflightsSendsAndOpensTheEvidencePack() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String email = admin(s.account(), "pain au levain du matin");
        String domain = "clients-" + s.account().id().toString().substring(28) + ".example";
        try (Browser b = new Browser(fixtures.port(), "account", 1280, 900)) {
            b.open("/console/contacts");
            assertThat(b.driver.getCurrentUrl()).endsWith("/console/login");
            b.screenshot("sign-in");
            b.signIn(email, "pain au levain du matin");
            b.awaitText("h1", s.account().account().displayName(), WAIT);
            b.screenshot("home");

            // import with the declared provenance; watch the progress, then the per-line rejection report
            b.open("/console/imports");
            b.find("#file").sendKeys(csv(domain).toAbsolutePath().toString());
            new Select(b.find("#provenance")).selectByValue("own_form");
            new Select(b.find("#list")).selectByVisibleText("Newsletter");
            b.screenshot("import-form");
            b.find("#upload").click();
            b.awaitText("#import-status", "finished", WAIT);
            assertThat(b.text("#import-counts")).contains("5 lines read").contains("4 accepted").contains("1 rejected");
            assertThat(b.text("#rejections")).contains("6").contains("consent");
            b.screenshot("import-done");

            // a campaign: the editor's preflight findings follow what is typed
            b.open("/console/campaigns");
            b.find("#new-name").sendKeys("Lettre de juin");
            b.find("#new-name").submit();
            b.awaitText("h1", "Lettre de juin", WAIT);
            assertThat(b.text("#findings")).contains("The subject is empty.");
            b.find("#subject").sendKeys("Très urgent : 100% gratuit pour vous");
            b.awaitText("#findings", "spam terms", WAIT);
            assertThat(b.text("#findings")).doesNotContain("The subject is empty.").contains("R-12").contains("How to fix");
            b.find("#fromAddress").sendKeys("lettre@" + s.domain());
            WebElement subject = b.find("#subject");
            subject.clear();
            subject.sendKeys("Le pain de juin, {{ contact.first_name }}");
            b.find("#html").sendKeys("<h1>Bonjour {{ contact.first_name }} !</h1><p>Notre pain de seigle revient en juin.</p>"
                    + "<script>parent.pwned = 1</script>");
            b.awaitText("#eligible", "4", WAIT);
            // the script is a blocking finding of the preflight; the preview below still shows it harmlessly
            b.awaitText("#findings", "active-content", WAIT);
            assertThat(b.all("#can-start")).isEmpty();
            b.fullScreenshot("editor-preflight");

            // the preview per recipient, in a sandboxed frame without scripts
            b.find("a[href$='/preview']").click();
            b.awaitText("#preview-subject", "Le pain de juin, Camille", WAIT);
            WebElement frame = b.find("iframe.frame");
            assertThat(frame.getAttribute("sandbox")).isEmpty();
            b.driver.switchTo().frame(frame);
            assertThat(b.text("h1")).startsWith("Bonjour Camille");
            b.driver.switchTo().defaultContent();
            assertThat(b.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
            b.screenshot("preview");

            // without the script the campaign may start; send it and watch it finish
            b.driver.navigate().back();
            b.awaitText("h1", "Lettre de juin", WAIT);
            b.find("#html").clear();
            b.find("#html").sendKeys("<h1>Bonjour {{ contact.first_name }} !</h1><p>Notre pain de seigle revient en juin.</p>");
            b.await(d -> !d.findElements(By.cssSelector("#can-start")).isEmpty(), WAIT);
            b.find("#start").click();
            b.awaitText("#status", "finished", Duration.ofSeconds(60));
            assertThat(b.text("#counts")).contains("4 sent");
            assertThat(b.all("#pause")).as("no pause button on a finished campaign").isEmpty();
            b.screenshot("finished");
            assertThat(mail.getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString())
                    .contains("camille1@" + domain, "camille2@" + domain, "camille3@" + domain);

            // contacts: live search, then the contact's consent records and evidence pack
            b.open("/console/contacts");
            assertThat(b.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
            assertThat(b.text("#results")).contains("xss@" + domain);
            b.find("#q").sendKeys("camille2");
            b.await(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 1, WAIT);
            b.screenshot("contacts-search");
            b.find("#results tbody a").click();
            b.awaitText("h1", "camille2@" + domain, WAIT);
            assertThat(b.text("main")).contains("J'accepte de recevoir la lettre de la boulangerie");
            b.screenshot("contact");
            b.find("#evidence-link").click();
            b.awaitText("#pack-address", "camille2@" + domain, WAIT);
            assertThat(b.text("#chain")).startsWith("The record chain is intact");
            assertThat(b.text("main")).contains("Campaign Lettre de juin").contains("Outcome sent");
            b.fullScreenshot("evidence-pack");

            try {
                b.driver.switchTo().alert();
                throw new AssertionError("an alert opened: user input ran as script");
            } catch (NoAlertPresentException expected) {
                // nothing a user typed ran
            }
            assertThat(b.consoleErrors()).as("CSP violations or script errors").noneMatch(m -> m.contains("Content Security Policy")
                    || m.contains("Uncaught"));
        }
    }

    @Test
    void atPhoneWidthWithTheKeyboardAlone() throws Exception {
        var a = fixtures.account();
        String email = admin(a, "sur le pouce au telephone");
        try (Browser b = new Browser(fixtures.port(), "phone", 390, 844)) {
            b.open("/console/login");
            // the first Tab reaches the skip link, which moves focus to the content
            b.find("body").sendKeys(Keys.TAB);
            assertThat(b.driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement focused = b.driver.switchTo().activeElement();
            assertThat(focused.getAttribute("id")).isEqualTo("email");
            focused.sendKeys(email, Keys.TAB);
            b.driver.switchTo().activeElement().sendKeys("sur le pouce au telephone", Keys.ENTER);
            b.awaitText("h1", a.account().displayName(), WAIT);
            assertThat(b.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            b.screenshot("home");

            // every form control on the import page has a label
            b.open("/console/imports");
            for (WebElement input : b.all("main input:not([type=hidden]), main select, main textarea")) {
                String id = input.getAttribute("id");
                assertThat(b.all("label[for='" + id + "']")).as("label for #" + id).isNotEmpty();
            }
            assertThat(b.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
            b.fullScreenshot("imports");

            // navigating by keyboard: Tab from the top reaches the navigation's links in order
            b.open("/console");
            b.find("body").sendKeys(Keys.TAB);
            for (int i = 0; i < 3; i++) b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(b.driver.switchTo().activeElement().getText()).isEqualTo("Contacts");
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.awaitText("h1", "Contacts", WAIT);
            b.screenshot("contacts");
        }
    }

    @Test
    void theOperatorApprovesARegulatedSectorAndVersionsThePolicyWithAReason() throws Exception {
        var a = fixtures.account();
        String op = "operator-" + a.id().toString().substring(24) + "@fairsend.example";
        var created = fixtures.operator().post("/api/operator/console-users", Map.of("email", op, "password", "le guichet de l'operateur"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int before = fixtures.operator().get("/api/policy").json().get("version").asInt();
        try (Browser b = new Browser(fixtures.port(), "operator", 1280, 900)) {
            b.signIn(op, "le guichet de l'operateur");
            b.awaitText("h1", "Accounts", WAIT);
            assertThat(b.text("main")).contains(a.account().displayName());
            b.screenshot("accounts");
            b.driver.findElement(By.linkText(a.account().displayName())).click();
            b.awaitText("h1", a.account().displayName(), WAIT);

            // issue 19: the account applied for a regulated theme with its licence; the operator decides from the queue.
            // An approval without a reason is refused, with one it is recorded with who and why
            String pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            var applied = a.api().post("/api/regulated/applications", Map.of("theme", "politics", "authority", "Commission des comptes de campagne",
                    "licenceNumber", "CNCCFP-2026-17", "licenceExpiresOn", java.time.LocalDate.now().plusYears(1).toString(),
                    "documents", java.util.List.of(Map.of("fileName", "declaration.pdf", "content", pdf))));
            assertThat(applied.status()).as(applied.body()).isEqualTo(201);
            b.find("#regulated-link").click();
            b.awaitText("h1", "Regulated accounts", WAIT);
            b.driver.findElement(By.linkText("politics")).click();
            b.awaitText("#app-state", "pending", WAIT);
            assertThat(b.text("#documents")).contains("declaration.pdf");
            b.driver.executeScript("document.getElementById('approve-reason').removeAttribute('required')");
            b.find("#approve-button").click();
            b.awaitText(".error-list", "reason", WAIT);
            b.find("#approve-reason").sendKeys("party newsletter: electoral code checked");
            b.find("#approve-button").click();
            b.awaitText("#app-state", "approved", WAIT);
            assertThat(b.text("main")).contains("party newsletter: electoral code checked").contains("console:" + op);
            assertThat(fixtures.operator().get("/api/operator/accounts/" + a.id()).json().at("/account/approvedCategories/0").asString())
                    .isEqualTo("politics");
            b.fullScreenshot("account");

            // the policy editor: a change becomes a new version, with who and why
            b.open("/console/operator/policy");
            String doc = b.find("#document").getAttribute("value");
            assertThat(doc).contains("\"frequency\"");
            String changed = doc.replaceFirst("(\"marketingPerRecipientPer30Days\"\\s*:\\s*)\\d+", "$13");
            assertThat(changed).isNotEqualTo(doc);
            b.driver.executeScript("document.getElementById('document').value = arguments[0]", changed);
            b.find("#p-reason").sendKeys("three letters a month for bakeries");
            b.find("#p-reason").submit();
            // other tests share the database and save versions too: the new one is newer than what was read before
            b.awaitText("main", "three letters a month for bakeries", WAIT);
            int saved = Integer.parseInt(b.text("#policy-version").strip());
            assertThat(saved).isGreaterThan(before);
            assertThat(b.text("main")).contains("console:" + op);
            b.screenshot("policy");
            var now = fixtures.operator().get("/api/operator/policy/versions/" + saved).json();
            assertThat(now.get("createdBy").asString()).isEqualTo("console:" + op);
            assertThat(now.get("reason").asString()).isEqualTo("three letters a month for bakeries");

            // the operator never sees the account pages, and the account never sees the operator's
            b.open("/console/contacts");
            assertThat(b.text("h1")).isEqualTo("Not allowed");
        }
    }
}
