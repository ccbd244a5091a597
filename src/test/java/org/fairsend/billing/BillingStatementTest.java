package org.fairsend.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.console.ConsoleSession;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import static org.fairsend.billing.StatementChecks.assertSameTotals;
import static org.fairsend.billing.StatementChecks.lines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, billing that follows the conditions (seed 002 §2.4, R-15), through the API and the console: the subscription
 * is billed through a channel suspension and up to the day of a termination, which adds three months of subscription;
 * the reinstatement credits it; the monthly statement agrees in JSON, CSV and HTML with outside text escaped, months are
 * those of the policy's time zone (Europe/Paris). The shifted clock puts the account's life in past months; nothing is
 * sent here (the step's penalties over real campaigns are {@link StepPenaltyTest}, in real time).
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
     * incriminates it. Sent at {@code perMinute} messages a minute.
     */
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

        // November: 20 of 30 days (the day of the termination billed), plus three months of subscription
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
        // the printable statement is a page of its own, as through the API: it runs no script at all
        assertThat(print.headers().allValues("Content-Security-Policy")).hasSize(1).first().asString()
                .contains("default-src 'none'").doesNotContain("script-src");
        assertThat(print.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
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

}
