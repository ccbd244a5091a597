package org.fairsend.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fairsend.billing.StatementChecks.assertSameTotals;
import static org.fairsend.billing.StatementChecks.lines;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19 (seed 002 §2.4, R-15) through the API, with real campaigns to GreenMail: the per-spamtrap penalty of a step
 * counts the spamtraps of every incriminated campaign of the step; reversals are credits on the month's statement, which
 * agrees in JSON, CSV and HTML; another account reads none of it. In the plain context (real time: the live engine
 * sends here, while {@link BillingStatementTest} moves the clock across months).
 */
@PostgresTest
class StepPenaltyTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }}, le pain de campagne revient cette semaine.</p>
            <p><a href="https://boulangerie.example/pain">Voir le pain</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @Autowired Fixtures fixtures;

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

}
