package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.reputation.DeadList;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9 with issue 5 in a real Chromium: a campaign suspended by real bounces (RFC 3464 DSNs into the inbound
 * listener, R-14); the account sees its indicators charted against the thresholds and what stopped the campaign;
 * the operator, at phone width with the keyboard, finds the account first in the list and reverses the sanction
 * with a reason. Screenshots under target/screenshots/.
 */
@PostgresTest
class ConsoleReputationBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired ConfigurableApplicationContext context;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    static final Duration WAIT = Duration.ofSeconds(30);

    private static boolean fits(Browser b) {
        return Boolean.TRUE.equals(b.driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"));
    }

    @Test
    void aCampaignSuspendedByRealBouncesIsExplainedAndTheOperatorReversesTheSanctionAtPhoneWidth() throws Exception {
        var op = fixtures.operator();
        var sending = EmailSetup.verifiedSender(fixtures, op);
        var a = sending.account();
        DeadList.Suspended run = DeadList.suspendedCampaign(sending, op, mail, context, "Lettre aux adresses mortes", 300);
        String password = "le pain et les rebonds";
        String email = ConsoleSecurityTest.adminOf(fixtures, a, password);

        try (Browser b = new Browser(fixtures.port(), "reputation-account", 1280, 900)) {
            b.signIn(email, password);
            b.awaitText("h1", a.account().displayName(), WAIT);
            // the charts load their configuration from the console's JSON endpoint and draw (no inline script)
            b.await(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#chart-hard_bounce_rate[data-loaded='1']")).isEmpty(), WAIT);
            assertThat(b.all("canvas[data-chart-src][data-loaded='1']")).hasSize(5);
            assertThat(b.all("canvas[data-failed]")).isEmpty();
            // issue 20: one day of data draws no line: each chart says so instead
            assertThat(b.all("canvas[data-chart-src][data-empty='1']")).hasSize(5);
            assertThat(b.all("canvas[data-rendered]")).isEmpty();
            assertThat(b.text("#chart-hard_bounce_rate-empty")).startsWith("Too little data for a chart yet: one day with messages");
            assertThat(b.find("#chart-hard_bounce_rate").findElement(org.openqa.selenium.By.xpath("..")).isDisplayed()).isFalse();
            assertThat(b.text("#readings")).contains("hard bounce rate").contains("8.00 %");
            b.fullScreenshot("home-indicators");

            b.open("/console/campaigns/" + run.campaignId());
            b.awaitText("#susp-h", "Suspended", WAIT);
            assertThat(b.text("#incident-indicator")).isEqualTo("hard bounce rate");
            assertThat(b.text("#incident-threshold")).isEqualTo("8.00 %");
            assertThat(b.text("#incident-sample")).endsWith("messages sent");
            assertThat(b.text("#incident-status")).contains("standing");
            b.screenshot("campaign-suspended");
            assertThat(b.consoleErrors()).as("no CSP violation, no script error")
                    .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("/reputation/"));
        }

        // a second day of data (yesterday's tally, as the day's counters would have left it): the charts draw
        jdbc.sql("insert into reputation_account_day (account_id, on_day, channel, sent, attempted, hard_bounces, updated_at)"
                + " select account_id, on_day - 1, channel, 40, 40, 1, updated_at from reputation_account_day where account_id = ?"
                + " and on_day = (select max(on_day) from reputation_account_day where account_id = ?)").params(a.id(), a.id()).update();
        String opEmail = "rebonds-" + a.id().toString().substring(24) + "@fairsend.example";
        assertThat(op.post("/api/operator/console-users", Map.of("email", opEmail, "password", "le guichet des rebonds")).status()).isEqualTo(201);
        try (Browser b = new Browser(fixtures.port(), "reputation-operator", 390, 844)) {
            // sign in with the keyboard alone
            b.open("/console/login");
            b.find("body").sendKeys(Keys.TAB);
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            b.driver.switchTo().activeElement().sendKeys(opEmail, Keys.TAB);
            b.driver.switchTo().activeElement().sendKeys("le guichet des rebonds", Keys.ENTER);
            b.awaitText("h1", "Accounts", WAIT);
            // the account nearest a threshold first
            @SuppressWarnings("unchecked")
            var rows = (java.util.List<java.util.List<Object>>) b.driver.executeScript("return [...document.querySelectorAll('main tbody tr')]"
                    + ".map(r => [r.querySelector('a').getAttribute('href'), Math.round(100 * parseFloat(r.querySelector('[data-risk]').dataset.risk))])");
            int at = -1;
            for (int i = 0; i < rows.size(); i++) if (rows.get(i).get(0).toString().endsWith(a.id().toString())) at = i;
            assertThat(at).as("the account is listed").isNotNegative();
            long risk = ((Number) rows.get(at).get(1)).longValue();
            assertThat(risk).as("its risk").isPositive();
            for (int i = 0; i < rows.size(); i++) {
                long r = ((Number) rows.get(i).get(1)).longValue();
                if (i < at) assertThat(r).as("accounts above it are at least as close to a threshold").isGreaterThanOrEqualTo(risk);
                else assertThat(r).as("accounts below it are not closer to a threshold").isLessThanOrEqualTo(risk);
            }
            assertThat(fits(b)).as("no sideways scrolling at phone width").isTrue();
            b.screenshot("accounts-by-risk");

            // to the account by keyboard: Enter on its link
            WebElement link = b.find("main tbody a[href$='" + a.id() + "']");
            b.driver.executeScript("arguments[0].focus()", link);
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.awaitText("h1", a.account().displayName(), WAIT);
            b.await(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#chart-hard_bounce_rate[data-loaded='1']")).isEmpty(), WAIT);
            assertThat(b.all("canvas[data-chart-src][data-rendered='1']")).as("two days of data: drawn").hasSize(5);
            assertThat(b.all(".chart-empty")).isEmpty();
            assertThat(b.text("#incident-" + run.incidentId())).contains("hard bounce rate").contains("standing");
            assertThat(fits(b)).as("no sideways scrolling at phone width").isTrue();
            b.fullScreenshot("account-sanctions");

            // the reason, then Tab to the button and Enter
            WebElement reason = b.find("#rev-" + run.incidentId());
            b.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", reason);
            assertThat(b.all("label[for='rev-" + run.incidentId() + "']")).isNotEmpty();
            reason.sendKeys("bounces from a provider outage, checked with the customer", Keys.TAB);
            assertThat(b.driver.switchTo().activeElement().getText()).isEqualTo("Reverse");
            b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
            b.awaitText("p.notice", "reversed", WAIT);
            assertThat(b.text("#incident-" + run.incidentId())).contains("reversed").contains("provider outage");
            assertThat(b.text("#rep-audit")).contains("reversed").contains("console:" + opEmail);
            b.fullScreenshot("sanction-reversed");
            b.driver.executeScript("document.getElementById('incidents').scrollIntoView()");
            b.screenshot("incidents-phone");
            b.driver.executeScript("document.getElementById('reputation').scrollIntoView()");
            b.screenshot("charts-phone");
            b.driver.executeScript("document.getElementById('rep-channels').scrollIntoView()");
            b.screenshot("channels-phone");

            // the campaign's operator page shows the reversed step; the campaign itself stays suspended until resumed
            b.open("/console/operator/accounts/" + a.id() + "/campaigns/" + run.campaignId());
            assertThat(b.text("#incident-status")).contains("reversed").contains("console:" + opEmail);
            assertThat(b.all("#resume-reason")).isNotEmpty();
            assertThat(fits(b)).as("no sideways scrolling at phone width").isTrue();
            b.screenshot("campaign-operator");

            // the complaints desk, at desktop width: the contact's evidence pack beside the campaign
            String who = run.address(4);
            assertThat(op.post("/api/operator/complaints/unjustified", Map.of("campaignId", run.campaignId(), "address", who,
                    "note", "says they never signed up")).status()).isIn(200, 201);
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            b.open("/console/operator/complaints");
            b.awaitText("#complaints", who, WAIT);
            b.screenshot("complaints");
            b.find("#complaints tbody tr a").click();
            b.awaitText("#pack-address", who, WAIT);
            assertThat(b.text("#pack")).contains("Consent records").contains("J'accepte de recevoir");
            assertThat(b.text("#campaign")).contains("Lettre aux adresses mortes").contains("hard bounce rate");
            var pack = b.find("#pack").getRect();
            var campaign = b.find("#campaign").getRect();
            assertThat(campaign.getX()).as("side by side").isGreaterThan(pack.getX() + pack.getWidth() - 1);
            b.screenshot("complaint-side-by-side");
            assertThat(b.consoleErrors()).as("no CSP violation, no script error")
                    .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("/reputation/"));
        }
        assertThat(op.get("/api/operator/reputation/campaigns/" + run.campaignId()).json().at("/incident/status").asString()).isEqualTo("reversed");
    }
}
