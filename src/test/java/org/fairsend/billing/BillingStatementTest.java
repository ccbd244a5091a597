package org.fairsend.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.console.ConsoleSession;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, billing that follows the conditions (seed 002 §2.4, R-15), through the API: the per-spamtrap penalty of a
 * step counts the spamtraps of every incriminated campaign of the step; the subscription is billed through a channel
 * suspension and up to the day of a termination, which adds three months of subscription; a reversal is a credit; the
 * monthly statement agrees in JSON, CSV and HTML, months are those of the policy's time zone (Europe/Paris), and an
 * account sees only its own. The shifted clock puts the account's life in past months.
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class BillingStatementTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }}, le pain de campagne revient cette semaine.</p>
            <p><a href="https://boulangerie.example/pain">Voir le pain</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * A campaign to fresh contacts of which some ({@code traps}) are on the operator's spamtrap list: the 2nd hit
     * incriminates it (R-14). Sent at {@code perMinute} messages a minute.
     */
    private static String prefix(EmailSetup.Sending base, int k) {
        return "b" + k + "x" + base.account().id().toString().substring(28) + "n";
    }

    private static String domain(int k) {
        return "billing-traps-" + k + ".example";
    }

    private JsonNode campaignWithSpamtraps(EmailSetup.Sending base, Api operator, int k, int contacts, int[] traps, int perMinute) {
        var list = base.account().api().post("/api/lists", Map.of("name", "Pièges " + k));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        var s = new EmailSetup.Sending(base.account(), base.domain(), list.json().get("id").asString(), base.dkimRecords());
        String prefix = prefix(base, k);
        String domain = domain(k);
        EmailSetup.importContacts(s, prefix, domain, contacts);
        for (int trap : traps) {
            assertThat(operator.post("/api/operator/spamtraps", Map.of("address", prefix + trap + "@" + domain)).status()).isIn(200, 201);
        }
        String id = EmailSetup.campaign(s, "Le pain, semaine " + k + " " + UUID.randomUUID().toString().substring(0, 6), HTML,
                Map.of("throttlePerMinute", perMinute));
        var started = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> operator.get("/api/operator/reputation/campaigns/" + id).json().get("incident") != null);
        JsonNode incident = operator.get("/api/operator/reputation/campaigns/" + id).json().get("incident");
        assertThat(incident.get("spamtraps").asLong()).as(incident.toString()).isEqualTo(2);
        return incident;
    }

    @Test
    void theStepsPenaltyCountsTheSpamtrapsOfEveryIncriminatedCampaignAndReversalsAreCredits() {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        var a = s.account();

        // 1st incriminated campaign: awareness only, no penalty (R-15)
        JsonNode first = campaignWithSpamtraps(s, operator, 1, 40, new int[] {20, 32}, 1_200);
        assertThat(first.get("rung").asInt()).isEqualTo(1);
        assertThat(a.api().get("/api/reputation/sanctions").json().get("balanceCents").asLong()).isZero();

        // 2nd: 100 EUR per spamtrap observed on the incriminated campaigns of the step: the 2 of the first campaign and
        // the 2 of this one (seed 002 §2.4, "the incriminated campaign(s)"), not only this one's
        JsonNode second = campaignWithSpamtraps(s, operator, 2, 40, new int[] {20, 32}, 1_200);
        assertThat(second.get("rung").asInt()).isEqualTo(2);
        JsonNode sanctions = a.api().get("/api/reputation/sanctions").json();
        assertThat(sanctions.get("balanceCents").asLong()).isEqualTo(4 * 10_000);
        List<JsonNode> penalties = new ArrayList<>();
        sanctions.get("ledger").forEach(penalties::add);
        assertThat(penalties).hasSize(2);
        assertThat(penalties).allSatisfy(l -> {
            assertThat(l.get("incidentId").asLong()).isEqualTo(second.get("id").asLong());
            assertThat(l.get("quantity").asLong()).isEqualTo(2);
            assertThat(l.get("unitCents").asLong()).isEqualTo(10_000);
            assertThat(l.get("kind").asString()).isEqualTo("penalty");
        });
        assertThat(penalties.stream().map(l -> l.get("campaignId").asString()))
                .containsExactlyInAnyOrder(first.get("campaignId").asString(), second.get("campaignId").asString());
        assertThat(sanctions.get("audit").toString()).contains("4 spamtrap(s) observed on the 2 incriminated campaign(s) of the step");

        // the month's statement: the subscription and both penalties, the same totals in JSON, CSV and HTML
        String month = a.api().get("/api/billing/statements").json().get(0).asString();
        JsonNode st = a.api().get("/api/billing/statements/" + month).json();
        long subscription = st.get("totals").get(0).get("subscriptionCents").asLong();
        assertThat(subscription).isPositive();
        assertThat(st.get("totals").get(0).get("penaltiesCents").asLong()).isEqualTo(40_000);
        assertThat(lines(st, "penalty")).hasSize(2);
        assertSameTotals(a.api(), "/api/billing/statements/" + month, st);

        // the operator reverses the first campaign's step: its spamtraps no longer count, in its own step nor in the
        // second one (credited: 200 EUR); then the second step: its remaining line is credited too
        var r1 = operator.post("/api/operator/reputation/incidents/" + first.get("id").asLong() + "/reverse",
                Map.of("reason", "test: the first list was the customer's own, wrongly flagged"));
        assertThat(r1.status()).as(r1.body()).isEqualTo(200);
        assertThat(a.api().get("/api/reputation/sanctions").json().get("balanceCents").asLong()).isEqualTo(2 * 10_000);
        var r2 = operator.post("/api/operator/reputation/incidents/" + second.get("id").asLong() + "/reverse",
                Map.of("reason", "test: =HYPERLINK(\"https://evil.example\") reviewed with the customer"));
        assertThat(r2.status()).as(r2.body()).isEqualTo(200);
        assertThat(a.api().get("/api/reputation/sanctions").json().get("balanceCents").asLong()).isZero();

        JsonNode after = a.api().get("/api/billing/statements/" + month).json();
        List<JsonNode> credits = lines(after, "credit");
        assertThat(credits).hasSize(2);
        assertThat(credits).allSatisfy(c -> {
            assertThat(c.get("amountCents").asLong()).isEqualTo(-20_000);
            assertThat(c.get("reversesId").asLong()).isPositive();
        });
        assertThat(after.get("totals").get(0).get("creditsCents").asLong()).isEqualTo(-40_000);
        assertThat(after.get("totals").get(0).get("totalCents").asLong()).isEqualTo(subscription);
        String csv = assertSameTotals(a.api(), "/api/billing/statements/" + month, after);
        // the operator's reason is inside a description cell, quoted; no cell starts a formula
        for (String row : csv.split("\r\n")) assertThat(row).doesNotContain(",=").doesNotContain(",\"=");

        // the operator reads the same statement; another account reads none of it
        JsonNode seen = operator.get("/api/operator/billing/accounts/" + a.id() + "/statements/" + month).json();
        assertThat(seen.get("totals")).isEqualTo(after.get("totals"));
        assertThat(a.api().get("/api/billing/accounts/" + a.id() + "/statements/" + month).status()).isEqualTo(200);
        var other = fixtures.account();
        assertThat(other.api().get("/api/billing/accounts/" + a.id() + "/statements/" + month).status()).isEqualTo(404);
        assertThat(other.api().get("/api/billing/accounts/" + a.id() + "/statements/" + month + ".csv").status()).isEqualTo(404);
        assertThat(other.api().get("/api/billing/accounts/" + a.id() + "/statements/" + month + ".html").status()).isEqualTo(404);
        assertThat(other.api().get("/api/operator/billing/accounts/" + a.id() + "/statements/" + month).status()).isEqualTo(403);
        assertThat(operator.get("/api/operator/billing/accounts/" + UUID.randomUUID() + "/statements/" + month).status()).isEqualTo(404);
        var bad = a.api().get("/api/billing/statements/2026-13");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("month");
        var future = a.api().get("/api/billing/statements/2999-01");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body()).contains("month");
    }

    @Test
    void aChannelSuspensionStillBillsTheSubscription() {
        Api operator = fixtures.operator();
        clock.setNow(Instant.parse("2026-08-20T10:00:00Z"));
        // an account whose legal name is a spreadsheet formula and markup: outside input, escaped in every format
        String hostile = "=HYPERLINK(\"https://evil.example\",\"Boulangerie\") <script>alert(1)</script>";
        var created = operator.post("/api/operator/accounts", Map.of("legalName", hostile, "tradeName", "Boulangerie Formule", "country", "FR",
                "mainlandFrance", true, "contactEmail", "formule@boulangerie-test.fr", "subscriptionFeeCents", 4_900, "currency", "EUR"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("account").get("id").asString());
        var a = new Api(fixtures.port(), created.json().get("apiKey").asString());
        clock.setNow(Instant.parse("2026-09-01T08:00:00Z"));
        var suspended = operator.post("/api/operator/reputation/accounts/" + id + "/channels/email/suspend",
                Map.of("until", "2026-12-01T00:00:00Z", "reason", "test: R-15 3rd step decided by hand"));
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        clock.setNow(Instant.parse("2026-10-15T08:00:00Z"));
        assertThat(a.get("/api/reputation").json().get("channels").get(0).get("status").asString()).isEqualTo("suspended");

        // August: opened on the 20th, 12 of 31 days (prorated daily by default); September and October, suspended all
        // month: the whole fee, no proration ("without repercussion on the amount of the subscription")
        assertThat(subscription(a, "2026-08")).isEqualTo(Math.round(4_900 * 12 / 31.0));
        for (String m : List.of("2026-09", "2026-10")) {
            JsonNode st = a.get("/api/billing/statements/" + m).json();
            assertThat(st.get("lines").size()).isEqualTo(1);
            assertThat(st.get("lines").get(0).get("type").asString()).isEqualTo("subscription");
            assertThat(st.get("lines").get(0).get("amountCents").asLong()).isEqualTo(4_900);
            assertThat(st.get("totals").get(0).get("totalCents").asLong()).isEqualTo(4_900);
            assertThat(st.get("closed").asBoolean()).isEqualTo(m.equals("2026-09"));
            String csv = assertSameTotals(a, "/api/billing/statements/" + m, st);
            assertThat(csv).contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Boulangerie\"\") <script>alert(1)</script>\",");
            String html = a.get("/api/billing/statements/" + m + ".html").body();
            assertThat(html).contains("=HYPERLINK(&quot;https://evil.example&quot;,&quot;Boulangerie&quot;) &lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script>");
        }
        // the months listed are those from the opening to the current one
        assertThat(a.get("/api/billing/statements").json().toString()).isEqualTo("[\"2026-10\",\"2026-09\",\"2026-08\"]");
    }

    @Test
    void aTerminationAddsThreeMonthsOfSubscriptionAndEndsTheSubscriptionOnItsDay() throws Exception {
        Api operator = fixtures.operator();
        clock.setNow(Instant.parse("2026-10-15T09:00:00Z"));
        var a = fixtures.account();
        Api acting = operator.withHeader(Caller.ACCOUNT_HEADER, a.id().toString());
        clock.setNow(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(operator.post("/api/operator/reputation/accounts/" + a.id() + "/terminate", Map.of()).status()).isEqualTo(422);
        var terminated = operator.post("/api/operator/reputation/accounts/" + a.id() + "/terminate",
                Map.of("reason", "test: 4th incriminated campaign reported by the postmaster"));
        assertThat(terminated.status()).as(terminated.body()).isEqualTo(200);
        assertThat(terminated.json().get("terminatedAt").asString()).startsWith("2026-11-20T10:00");
        assertThat(operator.post("/api/operator/reputation/accounts/" + a.id() + "/terminate", Map.of("reason", "again")).status())
                .isEqualTo(409);
        assertThat(a.api().get("/api/billing/statements/2026-11").status()).as("a terminated account's key no longer works").isEqualTo(401);
        assertThat(operator.get("/api/operator/reputation/accounts/" + a.id() + "/sanctions").json().get("audit").toString())
                .contains("account-terminated").contains("4th incriminated campaign reported by the postmaster");
        // the account is told, through the platform's mail, with the charge
        await().atMost(Duration.ofSeconds(20)).until(() -> notice(a.account().contactEmail(), "Your contract is terminated") != null);
        assertThat(TestMail.body(notice(a.account().contactEmail(), "Your contract is terminated")))
                .contains("3 months of subscription: 147.00 EUR").contains("4th incriminated campaign reported by the postmaster");

        // November: 20 of 30 days (the day of the termination billed), plus three months of subscription (R-15)
        JsonNode nov = acting.get("/api/billing/statements/2026-11").json();
        assertThat(nov.get("totals").get(0).get("subscriptionCents").asLong()).isEqualTo(Math.round(4_900 * 20 / 30.0));
        List<JsonNode> charge = lines(nov, "termination");
        assertThat(charge).hasSize(1);
        assertThat(charge.getFirst().get("quantity").asLong()).isEqualTo(3);
        assertThat(charge.getFirst().get("unitCents").asLong()).isEqualTo(4_900);
        assertThat(nov.get("totals").get(0).get("terminationCents").asLong()).isEqualTo(3 * 4_900);
        assertThat(nov.get("totals").get(0).get("totalCents").asLong()).isEqualTo(3_267 + 14_700);
        assertSameTotals(operator, "/api/operator/billing/accounts/" + a.id() + "/statements/2026-11", nov);

        // the proration is policy data: "none" bills the whole month of the termination
        var none = operator.put("/api/operator/policy", Map.of("reason", "test: whole months", "policy",
                Map.of("billing", Map.of("subscriptionProration", "none"))));
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        try {
            assertThat(acting.get("/api/billing/statements/2026-11").json().get("totals").get(0).get("subscriptionCents").asLong())
                    .isEqualTo(4_900);
            assertThat(acting.get("/api/billing/statements/2026-10").json().get("totals").get(0).get("subscriptionCents").asLong())
                    .isEqualTo(4_900);
        } finally {
            EmailSetup.defaultPolicy(operator);
        }
        assertThat(acting.get("/api/billing/statements/2026-10").json().get("totals").get(0).get("subscriptionCents").asLong())
                .isEqualTo(Math.round(4_900 * 17 / 31.0));

        // December, before the reinstatement: nothing billed
        clock.setNow(Instant.parse("2026-12-10T12:00:00Z"));
        assertThat(acting.get("/api/billing/statements/2026-12").json().get("totals").get(0).get("totalCents").asLong()).isZero();
        // the operator reinstates the account on the 10th: the termination charge is credited, the subscription billed again
        // from that day (22 of 31 days); November stays as it was
        var back = operator.post("/api/operator/reputation/accounts/" + a.id() + "/reinstate", Map.of("reason", "test: contract renegotiated"));
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        assertThat(back.json().get("reversedBy").asString()).isNotBlank();
        assertThat(a.api().get("/api/reputation").json().get("status").asString()).isEqualTo("active");
        JsonNode dec = a.api().get("/api/billing/statements/2026-12").json();
        List<JsonNode> credits = lines(dec, "credit");
        assertThat(credits).hasSize(1);
        assertThat(credits.getFirst().get("amountCents").asLong()).isEqualTo(-14_700);
        assertThat(dec.get("totals").get(0).get("subscriptionCents").asLong()).isEqualTo(Math.round(4_900 * 22 / 31.0));
        assertThat(dec.get("totals").get(0).get("totalCents").asLong()).isEqualTo(3_477 - 14_700);
        assertSameTotals(a.api(), "/api/billing/statements/2026-12", dec);
        assertThat(acting.get("/api/billing/statements/2026-11").json().get("totals")).isEqualTo(nov.get("totals"));
        assertThat(operator.post("/api/operator/reputation/accounts/" + a.id() + "/reinstate", Map.of("reason", "again")).status())
                .isEqualTo(409);
    }

    @Test
    void monthsAreThoseOfThePolicysTimeZone() {
        Api operator = fixtures.operator();
        clock.setNow(Instant.parse("2026-02-10T12:00:00Z"));
        var a = fixtures.account();
        Api acting = operator.withHeader(Caller.ACCOUNT_HEADER, a.id().toString());
        // 23:30 UTC on 28 February is 00:30 on 1 March in Paris: the termination (and its charge) falls in March
        clock.setNow(Instant.parse("2026-02-28T23:30:00Z"));
        assertThat(operator.post("/api/operator/reputation/accounts/" + a.id() + "/terminate", Map.of("reason", "test: month boundary"))
                .status()).isEqualTo(200);
        JsonNode feb = acting.get("/api/billing/statements/2026-02").json();
        assertThat(feb.get("zone").asString()).isEqualTo("Europe/Paris");
        assertThat(feb.get("from").asString()).isEqualTo("2026-02-01");
        assertThat(feb.get("to").asString()).isEqualTo("2026-02-28");
        assertThat(lines(feb, "termination")).isEmpty();
        assertThat(feb.get("totals").get(0).get("totalCents").asLong()).isEqualTo(Math.round(4_900 * 19 / 28.0));
        JsonNode mar = acting.get("/api/billing/statements/2026-03").json();
        assertThat(lines(mar, "termination")).hasSize(1);
        assertThat(lines(mar, "termination").getFirst().get("date").asString()).isEqualTo("2026-03-01");
        assertThat(mar.get("daysInService").asInt()).isEqualTo(1);
        assertThat(mar.get("totals").get(0).get("totalCents").asLong()).isEqualTo(Math.round(4_900 / 31.0) + 14_700);
        assertSameTotals(acting, "/api/billing/statements/2026-03", mar);
        assertSameTotals(acting, "/api/billing/statements/2026-02", feb);
    }

    @Test
    void theConsoleShowsTheStatementWithItsPrintablePageAndCsvToTheAccountAndTheOperator() throws Exception {
        Api operator = fixtures.operator();
        clock.setNow(Instant.parse("2026-09-10T10:00:00Z"));
        var a = fixtures.account();
        String email = "billing-" + a.id().toString().substring(24) + "@boulangerie-test.fr";
        assertThat(operator.post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", email, "displayName", "Claire Martin", "password", "the statements of the bakery")).status()).isEqualTo(201);
        String opEmail = "op-billing-" + a.id().toString().substring(24) + "@fairsend.test";
        assertThat(operator.post("/api/operator/console-users", Map.of("email", opEmail, "password", "operator of the statements")).status())
                .isEqualTo(201);
        clock.setNow(Instant.parse("2026-10-05T10:00:00Z"));
        String total = "34.30 EUR"; // September: 21 of 30 days of 49.00 EUR

        var s = new ConsoleSession(fixtures.port());
        assertThat(s.signIn(email, "the statements of the bakery").statusCode()).isEqualTo(302);
        assertThat(s.get("/console").body()).contains("href=\"/console/billing\"");
        var page = s.get("/console/billing?month=2026-09");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Statement 2026-09").contains("id=\"total-EUR\">" + total + "<")
                .contains("href=\"/console/billing/statements/2026-09/print\"").contains("href=\"/console/billing/statements/2026-09.csv\"")
                .contains("2026-10").contains("21 day(s) in service");
        var print = s.get("/console/billing/statements/2026-09/print");
        assertThat(print.statusCode()).isEqualTo(200);
        assertThat(print.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(print.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(print.body()).contains("id=\"total-EUR\">" + total + "<").contains("href=\"/console/console.css\"");
        var css = s.get("/console/console.css");
        assertThat(css.body()).contains("@media print").contains(".statement");
        var csv = s.get("/console/billing/statements/2026-09.csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains(",total,").contains(",34.30,EUR,");
        assertThat(s.get("/console/billing?month=2026-99").statusCode()).isEqualTo(404);
        // the operator's pages are not the account's
        assertThat(s.get("/console/operator/accounts/" + a.id() + "/billing").statusCode()).isIn(302, 403);

        var op = new ConsoleSession(fixtures.port());
        assertThat(op.signIn(opEmail, "operator of the statements").statusCode()).isEqualTo(302);
        assertThat(op.get("/console/operator/accounts/" + a.id()).body()).contains("Monthly statements")
                .contains("href=\"/console/operator/accounts/" + a.id() + "/billing\"");
        var opPage = op.get("/console/operator/accounts/" + a.id() + "/billing?month=2026-09");
        assertThat(opPage.statusCode()).isEqualTo(200);
        assertThat(opPage.body()).contains("id=\"total-EUR\">" + total + "<");
        assertThat(op.get("/console/operator/accounts/" + a.id() + "/billing/statements/2026-09/print").body())
                .contains("id=\"total-EUR\">" + total + "<");
        assertThat(op.get("/console/operator/accounts/" + UUID.randomUUID() + "/billing").statusCode()).isEqualTo(404);

        // the operator terminates the contract from the console, with a reason: the charge is on October's statement
        String accountPage = "/console/operator/accounts/" + a.id();
        assertThat(op.get(accountPage).body()).contains("id=\"contract-status\">in force<");
        var noReason = op.post(accountPage + "/contract/terminate", Map.of("_csrf", ConsoleSession.csrf(op.get(accountPage).body()), "reason", " "));
        assertThat(noReason.statusCode()).isEqualTo(302);
        assertThat(op.get(accountPage).body()).contains("id=\"contract-status\">in force<").contains("say why the contract is terminated");
        var ended = op.post(accountPage + "/contract/terminate", Map.of("_csrf", ConsoleSession.csrf(op.get(accountPage).body()),
                "reason", "test: <b>fourth</b> campaign"));
        assertThat(ended.statusCode()).isEqualTo(302);
        String after = op.get(accountPage).body();
        assertThat(after).contains("id=\"contract-status\">terminated<").contains("test: &lt;b&gt;fourth&lt;/b&gt; campaign")
                .contains("contract/reinstate");
        assertThat(op.get("/console/operator/accounts/" + a.id() + "/billing?month=2026-10").body())
                .contains("id=\"total-EUR\">154.90 EUR<"); // 5 of 31 days (7.90 EUR) and 147.00 EUR
        assertThat(operator.get("/api/operator/reputation/accounts/" + a.id() + "/sanctions").json().get("audit").toString())
                .contains("account-terminated").contains(opEmail);
        var back = op.post(accountPage + "/contract/reinstate", Map.of("_csrf", ConsoleSession.csrf(op.get(accountPage).body()),
                "reason", "test: reviewed"));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(op.get(accountPage).body()).contains("id=\"contract-status\">in force<").contains("test: reviewed");
    }

    private static jakarta.mail.internet.MimeMessage notice(String to, String subject) {
        for (var m : mail.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to)
                        && jakarta.mail.internet.MimeUtility.decodeText(m.getSubject()).contains(subject)) return m;
            } catch (Exception e) {
                // not this one
            }
        }
        return null;
    }

    private static long subscription(Api api, String month) {
        return api.get("/api/billing/statements/" + month).json().get("totals").get(0).get("subscriptionCents").asLong();
    }

    private static List<JsonNode> lines(JsonNode statement, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode l : statement.get("lines")) if (l.get("type").asString().equals(type)) out.add(l);
        return out;
    }

    private static final Pattern HTML_TOTAL = Pattern.compile("id=\"total-([A-Z]{3})\">(-?\\d+\\.\\d{2}) [A-Z]{3}<");

    /** The CSV and the HTML of the statement carry the JSON's lines and totals; answers the CSV. */
    private static String assertSameTotals(Api api, String path, JsonNode json) {
        var csv = api.get(path + ".csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("account_id,account_name,month,type,date,description,quantity,unit,unit_amount,amount,currency");
        int totals = 0;
        for (int i = 1; i < rows.length; i++) {
            String[] cells = parse(rows[i]);
            assertThat(cells).hasSize(15);
            assertThat(cells[1]).as("the account's name, formula-safe").isEqualTo(safe(json.get("legalName").asString()));
            if (cells[3].equals("total")) {
                long cents = cents(cells[9]);
                assertThat(cents).isEqualTo(totalOf(json, cells[10]));
                totals++;
            } else {
                JsonNode l = json.get("lines").get(i - 1);
                assertThat(cells[3]).isEqualTo(l.get("type").asString());
                assertThat(cells[5]).isEqualTo(safe(l.get("description").asString()));
                assertThat(cents(cells[9])).isEqualTo(l.get("amountCents").asLong());
            }
        }
        assertThat(totals).isEqualTo(json.get("totals").size());
        assertThat(rows.length - 1 - totals).isEqualTo(json.get("lines").size());

        var html = api.get(path + ".html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(html.body()).contains("<link rel=\"stylesheet\" href=\"/console/console.css\">").doesNotContain("<script");
        Matcher m = HTML_TOTAL.matcher(html.body());
        int found = 0;
        while (m.find()) {
            assertThat(cents(m.group(2))).isEqualTo(totalOf(json, m.group(1)));
            found++;
        }
        assertThat(found).isEqualTo(json.get("totals").size());
        assertThat(html.body().split("<tr class=\"line ", -1)).hasSize(json.get("lines").size() + 1);
        return csv.body();
    }

    /** What a text cell holds once made formula-safe. */
    private static String safe(String text) {
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static long totalOf(JsonNode json, String currency) {
        for (JsonNode t : json.get("totals")) if (t.get("currency").asString().equals(currency)) return t.get("totalCents").asLong();
        throw new AssertionError("no total in " + currency + ": " + json);
    }

    private static long cents(String amount) {
        boolean negative = amount.startsWith("-");
        String[] p = amount.replace("-", "").split("\\.");
        long c = Long.parseLong(p[0]) * 100 + Long.parseLong(p[1]);
        return negative ? -c : c;
    }

    /** One CSV row (RFC 4180 quoting). */
    private static String[] parse(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }
}
