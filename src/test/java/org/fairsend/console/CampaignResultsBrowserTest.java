package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairsend.results.ResultsScenario.received;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.results.ResultsScenario;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Issue 20 in a real Chromium: a finished campaign's page says it is finished (never "this campaign can start") and
 * shows its results: each figure with its rate and what the rate is over, the chart over time drawn by Chart.js from
 * the server's configuration (no inline script), the clicks per link and the CSV; a campaign whose activity fits in
 * one hour says there is too little data for a chart; the campaigns list shows the figures' columns.
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class CampaignResultsBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aFinishedCampaignShowsItsResultsChartLinksAndTheListItsColumns() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        Api api = s.account().api();
        String domain = "lecture-" + s.account().id().toString().substring(26) + ".example";
        EmailSetup.importContacts(s, "l", domain, 3);
        String id = ResultsScenario.campaign(s, "Lettre du levain");
        ResultsScenario.startAndFinish(api, id);
        Api web = fixtures.anonymous();
        // l1 reads at once; two hours later l2 reads and clicks the bread; a scanner follows l3's link (a machine)
        String body1 = TestMail.body(received(mail, "l1@" + domain));
        assertThat(web.withHeader("User-Agent", ResultsScenario.BROWSER).get(TestMail.paths(body1, "o").getFirst()).status()).isEqualTo(200);
        assertThat(web.withHeader("User-Agent", ResultsScenario.SCANNER)
                .get(TestMail.paths(TestMail.body(received(mail, "l3@" + domain)), "c").getFirst()).status()).isEqualTo(302);
        clock.setNow(Instant.now().plus(Duration.ofHours(2)));
        String body2 = TestMail.body(received(mail, "l2@" + domain));
        assertThat(web.withHeader("User-Agent", ResultsScenario.BROWSER).get(TestMail.paths(body2, "o").getFirst()).status()).isEqualTo(200);
        assertThat(web.withHeader("User-Agent", ResultsScenario.BROWSER).get(TestMail.paths(body2, "c").getFirst()).status()).isEqualTo(302);
        clock.reset();
        // a second campaign, sent and left unread: everything within one hour
        String quiet = ResultsScenario.campaign(s, "Lettre sans lecteur");
        ResultsScenario.startAndFinish(api, quiet);

        String password = "les resultats du levain";
        String email = ConsoleSecurityTest.adminOf(fixtures, s.account(), password);
        try (Browser b = new Browser(fixtures.port(), "campaign-results", 1280, 900)) {
            b.signIn(email, password);
            b.open("/console/campaigns/" + id);
            b.awaitText("#res-h", "Results", WAIT);
            assertThat(b.text("#status")).isEqualTo("finished");
            assertThat(b.text("#campaign-state")).startsWith("This campaign is finished");
            assertThat(b.all("#can-start")).as("a finished campaign never says it can start").isEmpty();
            assertThat(b.driver.getPageSource()).doesNotContain("this campaign can start");
            // nor lists what a preflight would find today (an audience now empty, say): the start is past
            assertThat(b.all("#findings ul.findings li")).as("no findings on a finished campaign").isEmpty();
            assertThat(b.all("#eligible")).isEmpty();
            assertThat(b.text("#fig-sent")).contains("3").contains("100.0 %").contains("of recipients (3)");
            assertThat(b.text("#fig-opened_people")).contains("2").contains("66.7 %").contains("of sent (3)");
            assertThat(b.text("#fig-clicked_people")).contains("1").contains("33.3 %");
            assertThat(b.text("#fig-clicked_machines")).contains("1").contains("33.3 %");
            assertThat(b.text("#fig-bounced_hard")).contains("0.0 %").contains("of attempted (3)");
            // the chart: drawn by Chart.js from the server's configuration, three hourly points
            b.await(d -> Boolean.TRUE.equals(b.driver.executeScript(
                    "var c = document.getElementById('results-chart'); return !!(c && window.Chart && Chart.getChart(c));")), WAIT);
            @SuppressWarnings("unchecked")
            List<Object> labels = (List<Object>) b.driver.executeScript("return Chart.getChart(document.getElementById('results-chart')).data.labels");
            assertThat(labels).hasSize(3);
            @SuppressWarnings("unchecked")
            List<Object> opens = (List<Object>) b.driver.executeScript("return Chart.getChart(document.getElementById('results-chart'))"
                    + ".data.datasets.find(d => d.label === 'opens').data");
            assertThat(opens.stream().map(o -> ((Number) o).longValue()).toList()).containsExactly(1L, 0L, 1L);
            assertThat(b.all("#results-chart-empty")).isEmpty();
            List<WebElement> rows = b.all("#links tbody tr");
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().getText()).contains(ResultsScenario.PAIN).contains("1 1 1");
            String href = b.find("#results-csv").getAttribute("href");
            assertThat(href).endsWith("/console/campaigns/" + id + "/results.csv");
            String csv = (String) b.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done)", href);
            assertThat(csv).startsWith("section,campaign_id,").contains("opened_people,\"Opened, by people\",2,0.6667,sent,3,")
                    .contains("link," + id + ",Lettre du levain,email,,,,,,,1,1,1," + ResultsScenario.PAIN);
            b.fullScreenshot("campaign-results");
            assertThat(b.consoleErrors()).as("no CSP violation, no script error")
                    .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));

            // one hour of activity: a sentence instead of a chart
            b.open("/console/campaigns/" + quiet);
            b.awaitText("#res-h", "Results", WAIT);
            assertThat(b.text("#results-chart-empty")).startsWith("Too little data for a chart");
            assertThat(b.all("#results-chart")).isEmpty();
            assertThat(b.text("#no-links")).isEqualTo("No click yet.");

            // the list: the figures' columns, rates in per cent
            b.open("/console/campaigns");
            b.awaitText("h1", "Campaigns", WAIT);
            List<String> head = b.all("main thead th").stream().map(WebElement::getText).toList();
            assertThat(head).containsSubsequence("Sent", "Delivered", "Open rate", "Click rate", "Bounces", "Complaints", "Unsubscribes");
            WebElement row = b.find("main tbody a[href$='" + id + "']").findElement(By.xpath("ancestor::tr"));
            List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(cells.subList(cells.size() - 7, cells.size())).containsExactly("3", "3", "66.7 %", "33.3 %", "0", "0", "0");
            WebElement quietRow = b.find("main tbody a[href$='" + quiet + "']").findElement(By.xpath("ancestor::tr"));
            List<String> quietCells = quietRow.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(quietCells.subList(quietCells.size() - 7, quietCells.size())).containsExactly("3", "3", "0.0 %", "0.0 %", "0", "0", "0");
            assertThat(b.find("#campaigns-csv").getAttribute("href")).endsWith("/console/campaigns.csv");
            b.screenshot("campaigns-list");
        }

        // another account's console user finds neither the campaign's page nor its CSV, and its list has none of it
        var other = fixtures.account();
        String otherEmail = ConsoleSecurityTest.adminOf(fixtures, other, "un autre fournil");
        var session = new ConsoleSession(fixtures.port());
        assertThat(session.signIn(otherEmail, "un autre fournil").statusCode()).isEqualTo(302);
        assertThat(session.get("/console/campaigns/" + id).statusCode()).isEqualTo(404);
        assertThat(session.get("/console/campaigns/" + id + "/results.csv").statusCode()).isEqualTo(404);
        assertThat(session.get("/console/campaigns.csv").body()).doesNotContain(id).startsWith("campaign_id,name,");
    }
}
