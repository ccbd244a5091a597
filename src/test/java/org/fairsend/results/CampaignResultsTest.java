package org.fairsend.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairsend.results.ResultsScenario.assertFigure;
import static org.fairsend.results.ResultsScenario.received;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.feedback.internal.InboundPort;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20 ("results where people look") end to end over HTTP, PostgreSQL, GreenMail and the inbound SMTP listener: a
 * real campaign of ten reaches GreenMail; a hard and a soft bounce come back as DSNs through the listener, a complaint
 * through Mailgun's signed webhook, an unsubscribe through RFC 8058 one-click; three hours later people open and
 * click through the tracking URLs, a privacy proxy prefetches and a link scanner follows a link (machines, R-8). The
 * results answer every figure with its rate and denominator, the time series, the clicks per link; the CSV says the
 * same with formula-safe cells; the list carries the figures; another account gets 404.
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class CampaignResultsTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;
    @Autowired ApplicationContext context;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void everyFigureOfARealCampaignWithItsRateTheSeriesTheLinksTheCsvAndTheList() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        Api api = s.account().api();
        String domain = "resultats-" + s.account().id().toString().substring(26) + ".example";
        EmailSetup.importContacts(s, "r", domain, 10);
        String id = ResultsScenario.campaign(s, "=HYPERLINK(\"https://evil.example\") lettre");

        // before it starts: no result, every rate without denominator
        JsonNode draft = api.get("/api/campaigns/" + id + "/results").json();
        assertThat(draft.get("status").asString()).isEqualTo("draft");
        assertFigure(draft, "recipients", 0, null, null);
        assertFigure(draft, "opened_people", 0, "sent", null);
        assertThat(draft.at("/series/tooLittleData").asBoolean()).isTrue();

        // POST /start answers with the campaign (issue 20), as GET /api/campaigns/{id} shows it, not the preflight
        JsonNode started = ResultsScenario.startAndFinish(api, id);
        assertThat(started.get("id").asString()).isEqualTo(id);
        assertThat(started.get("status").asString()).isIn("sending", "finished");
        assertThat(started.has("findings")).isFalse();
        assertThat(started.has("subject")).isTrue();
        // one vocabulary of states: the progress says finished, as the campaign does (not the run's "done")
        assertThat(api.get("/api/campaigns/" + id + "/progress").json().get("state").asString()).isEqualTo("finished");

        String r = "@" + domain;
        Api web = fixtures.anonymous();
        int inbound = InboundPort.of(context);
        // a hard bounce (RFC 3464 DSN, 5.1.1) and a soft one (mailbox full) through the inbound listener
        ResultsScenario.bounce(inbound, ResultsScenario.verp(received(mail, "r1" + r)), "lhost-amavis-02.eml");
        ResultsScenario.bounce(inbound, ResultsScenario.verp(received(mail, "r2" + r)), "lhost-amazonworkmail-04.eml");
        // a complaint through the provider's signed webhook; an unsubscribe by one-click (RFC 8058)
        ResultsScenario.mailgunComplaint(api, web, "r3" + r, received(mail, "r3" + r));
        String oneClick = TestMail.paths(received(mail, "r4" + r).getHeader("List-Unsubscribe")[0], "u").getFirst();
        assertThat(web.postRaw(oneClick, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded").status()).isEqualTo(200);
        // a link scanner follows r8's first link (a machine, R-8)
        List<String> r8links = TestMail.paths(TestMail.body(received(mail, "r8" + r)), "c");
        assertThat(web.withHeader("User-Agent", ResultsScenario.SCANNER).get(r8links.getFirst()).status()).isEqualTo(302);

        // three hours later, people read: r5 opens twice and clicks the bread twice, r7 opens (through Gmail's image
        // proxy: a person) and clicks the opening hours; r6's open is Apple's privacy prefetch (a machine)
        clock.setNow(Instant.now().plus(Duration.ofHours(3)));
        MimeMessage m5 = received(mail, "r5" + r), m6 = received(mail, "r6" + r), m7 = received(mail, "r7" + r);
        String open5 = TestMail.paths(TestMail.body(m5), "o").getFirst();
        assertThat(web.withHeader("User-Agent", ResultsScenario.BROWSER).get(open5).status()).isEqualTo(200);
        assertThat(web.withHeader("User-Agent", ResultsScenario.BROWSER).get(open5).status()).isEqualTo(200);
        assertThat(web.withHeader("User-Agent", ResultsScenario.MPP).get(TestMail.paths(TestMail.body(m6), "o").getFirst()).status())
                .isEqualTo(200);
        assertThat(web.withHeader("User-Agent", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)")
                .get(TestMail.paths(TestMail.body(m7), "o").getFirst()).status()).isEqualTo(200);
        List<String> links5 = TestMail.paths(TestMail.body(m5), "c"), links7 = TestMail.paths(TestMail.body(m7), "c");
        var click = web.withHeader("User-Agent", ResultsScenario.BROWSER).get(links5.get(0));
        assertThat(click.header("Location")).isEqualTo(ResultsScenario.PAIN);
        assertThat(web.withHeader("User-Agent", ResultsScenario.BROWSER).get(links5.get(0)).status()).isEqualTo(302);
        assertThat(web.withHeader("User-Agent", ResultsScenario.BROWSER).get(links7.get(1)).header("Location")).isEqualTo(ResultsScenario.HORAIRES);

        JsonNode res = api.get("/api/campaigns/" + id + "/results").json();
        assertThat(res.get("status").asString()).isEqualTo("finished");
        assertThat(res.get("channel").asString()).isEqualTo("email");
        assertThat(res.get("channels")).hasSize(1);
        assertFigure(res, "recipients", 10, null, null);
        assertFigure(res, "sent", 10, "recipients", 1.0);
        assertThat(ResultsScenario.figure(res, "sent").get("label").asString()).contains("accepted by the receiving server");
        assertFigure(res, "delivered", 10, "sent", 1.0);
        assertThat(ResultsScenario.figure(res, "delivered").get("label").asString()).isEqualTo("Delivered: accepted by the receiving server");
        assertFigure(res, "blocked", 0, "recipients", 0.0);
        assertFigure(res, "failed", 0, "recipients", 0.0);
        assertFigure(res, "pending", 0, "recipients", 0.0);
        assertFigure(res, "attempted", 10, null, null);
        assertFigure(res, "bounced_hard", 1, "attempted", 0.1);
        assertFigure(res, "bounced_soft", 1, "attempted", 0.1);
        assertFigure(res, "complaints", 1, "sent", 0.1);
        assertFigure(res, "unsubscribes", 1, "sent", 0.1);
        assertFigure(res, "opened_people", 2, "sent", 0.2);
        assertFigure(res, "opened_machines", 1, "sent", 0.1);
        assertFigure(res, "clicked_people", 2, "sent", 0.2);
        assertFigure(res, "clicked_machines", 1, "sent", 0.1);
        assertThat(ResultsScenario.figure(res, "sent").get("denominatorValue").asLong()).isEqualTo(10);

        // per link: the bread (r5 twice, the scanner once on r8's), the opening hours (r7 once)
        JsonNode links = res.get("links");
        assertThat(links).hasSize(2);
        assertThat(links.get(0).get("target").asString()).isEqualTo(ResultsScenario.PAIN);
        assertThat(links.get(0).get("people").asLong()).isEqualTo(1);
        assertThat(links.get(0).get("clicks").asLong()).isEqualTo(2);
        assertThat(links.get(0).get("machineClicks").asLong()).isEqualTo(1);
        assertThat(links.get(1).get("target").asString()).isEqualTo(ResultsScenario.HORAIRES);
        assertThat(links.get(1).get("people").asLong()).isEqualTo(1);
        assertThat(links.get(1).get("clicks").asLong()).isEqualTo(1);
        assertThat(links.get(1).get("machineClicks").asLong()).isZero();

        // the series: consecutive hours from the send to the reading three hours later, the empty ones included
        JsonNode buckets = res.at("/series/buckets");
        assertThat(res.at("/series/tooLittleData").asBoolean()).isFalse();
        assertThat(buckets.size()).as(buckets.toString()).isBetween(4, 5);
        long[] totals = new long[6];
        List<Instant> starts = new ArrayList<>();
        for (JsonNode b : buckets) {
            assertThat(b.get("size").asString()).isEqualTo("hour");
            starts.add(Instant.parse(b.get("start").asString()));
            int i = 0;
            for (String k : List.of("sent", "opens", "clicks", "bounces", "complaints", "unsubscribes")) totals[i++] += b.get(k).asLong();
        }
        for (int i = 1; i < starts.size(); i++) assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isEqualTo(Duration.ofHours(1));
        assertThat(totals).containsExactly(10, 3, 3, 2, 1, 1);
        JsonNode last = buckets.get(buckets.size() - 1);
        assertThat(last.get("opens").asLong()).isEqualTo(3);
        assertThat(last.get("clicks").asLong()).isEqualTo(3);
        assertThat(last.get("sent").asLong()).isZero();
        assertThat(buckets.get(0).get("sent").asLong()).isPositive();

        // the CSV: the same figures and links; the campaign's name starting with '=' is written as text, not a formula
        var csv = api.get("/api/campaigns/" + id + "/results.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("section,campaign_id,campaign,channel,figure,label,value,rate,denominator,denominator_value,"
                + "people,clicks,machine_clicks,target,meaning");
        String name = "\"'=HYPERLINK(\"\"https://evil.example\"\") lettre\"";
        assertThat(lines).anyMatch(l -> l.startsWith("figure," + id + "," + name + ",email,opened_people,\"Opened, by people\",2,0.2,sent,10,"));
        assertThat(lines).anyMatch(l -> l.startsWith("figure," + id + "," + name + ",email,bounced_hard,\"Bounced, hard\",1,0.1,attempted,10,"));
        assertThat(lines).anyMatch(l -> l.equals("link," + id + "," + name + ",email,,,,,,,1,2,1," + ResultsScenario.PAIN + ","));
        assertThat(lines).anyMatch(l -> l.equals("link," + id + "," + name + ",email,,,,,,,1,1,0," + ResultsScenario.HORAIRES + ","));
        assertThat(csv.body()).doesNotContain(",=HYPERLINK");

        // the list: the figures of each campaign; a second campaign (a draft) has none
        String other = ResultsScenario.campaign(s, "Brouillon de décembre");
        JsonNode list = api.get("/api/campaigns").json();
        JsonNode row = null, draftRow = null;
        for (JsonNode c : list) {
            if (c.get("id").asString().equals(id)) row = c;
            if (c.get("id").asString().equals(other)) draftRow = c;
        }
        assertThat(row).as(list.toString()).isNotNull();
        assertThat(row.get("status").asString()).isEqualTo("finished");
        assertThat(row.get("name").asString()).startsWith("=HYPERLINK");
        JsonNode sum = row.get("results");
        assertThat(sum.get("sent").asLong()).isEqualTo(10);
        assertThat(sum.get("delivered").asLong()).isEqualTo(10);
        assertThat(sum.get("openRate").asDouble()).isEqualTo(0.2);
        assertThat(sum.get("clickRate").asDouble()).isEqualTo(0.2);
        assertThat(sum.get("bounces").asLong()).isEqualTo(2);
        assertThat(sum.get("complaints").asLong()).isEqualTo(1);
        assertThat(sum.get("unsubscribes").asLong()).isEqualTo(1);
        assertThat(draftRow.get("results").get("sent").asLong()).isZero();
        assertThat(draftRow.get("results").get("openRate").isNull()).isTrue();
        var listCsv = api.get("/api/campaigns.csv");
        assertThat(listCsv.status()).isEqualTo(200);
        assertThat(listCsv.body().lines().findFirst().orElseThrow()).isEqualTo("campaign_id,name,channel,kind,status,created_at,started_at,"
                + "finished_at,sent,delivered,open_rate,click_rate,bounces,complaints,unsubscribes");
        assertThat(listCsv.body().lines()).anyMatch(l -> l.startsWith(id + "," + name + ",email,marketing,finished,")
                && l.endsWith(",10,10,0.2,0.2,2,1,1"));
        assertThat(listCsv.body().lines()).anyMatch(l -> l.startsWith(other + ",Brouillon de décembre,email,marketing,draft,")
                && l.endsWith(",0,0,,,0,0,0"));

        // another account's campaign is not found, in every form
        Api stranger = fixtures.account().api();
        assertThat(stranger.get("/api/campaigns/" + id + "/results").status()).isEqualTo(404);
        assertThat(stranger.get("/api/campaigns/" + id + "/results.csv").status()).isEqualTo(404);
        assertThat(stranger.get("/api/campaigns/" + id + "/progress").status()).isEqualTo(404);
        assertThat(stranger.get("/api/campaigns.csv").body()).doesNotContain(id);
        assertThat(stranger.get("/api/campaigns").json().toString()).doesNotContain(id);
        assertThat(fixtures.anonymous().get("/api/campaigns/" + id + "/results").status()).isEqualTo(401);
    }
}
