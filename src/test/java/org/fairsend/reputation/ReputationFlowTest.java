package org.fairsend.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.feedback.internal.InboundPort;
import org.fairsend.platform.cli.FairsendCli;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5's "done when": campaigns sent to GreenMail while a share of their recipients hard-bounce through real
 * RFC 3464 DSNs, sent over SMTP to the VERP return path of each message into the inbound listener. The
 * circuit breaker (R-14) suspends each dead-list campaign while it sends; four of them walk the sanctions ladder
 * (R-15) with its exact penalties; the same run with a clean list is never suspended. The first campaign (a
 * 50 % dead list) measures the overshoot: messages that passed the last-mile gate after the crossing bounce was
 * recorded.
 */
@PostgresTest
class ReputationFlowTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }}, notre pain de campagne au levain revient cette semaine.</p>
            <p><a href="https://boulangerie.example/pain">Voir le pain</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConfigurableApplicationContext context;

    /** Feeds a DSN for every message of {@code subject} whose recipient number is dead, as GreenMail receives it. */
    private DsnFeeder feeder(String subject, IntPredicate dead, BooleanSupplier ready, Set<String> already) {
        return new DsnFeeder(mail, InboundPort.of(context), (m, to) -> subject.equals(m.getSubject()) && dead.test(number(to)), ready, already);
    }

    /** The n of {@code prefixN@domain}. */
    static int number(String address) {
        String local = address.substring(0, address.indexOf('@'));
        return Integer.parseInt(local.replaceAll("^.*\\D", ""));
    }

    private EmailSetup.Sending newList(EmailSetup.Sending s, String name) {
        var list = s.account().api().post("/api/lists", Map.of("name", name));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        return new EmailSetup.Sending(s.account(), s.domain(), list.json().get("id").asString(), s.dkimRecords());
    }

    /** Read through the operator acting on the account: a terminated account's own key no longer authenticates. */
    private String status(Fixtures.TestAccount a, String id) {
        return fixtures.operator().withHeader(org.fairsend.accounts.Caller.ACCOUNT_HEADER, a.id().toString())
                .get("/api/campaigns/" + id).json().get("status").asString();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    record Run(String campaignId, String subject, JsonNode incident, long sent, long bounced, Set<String> fed) {}

    /**
     * A throttled campaign to {@code n} fresh contacts of which the odd-numbered are dead mailboxes; {@code trap}
     * (a recipient number, or 0) is on the operator's spamtrap list, and no bounce is fed before its hit is recorded.
     */
    private Run deadListCampaign(EmailSetup.Sending base, Api operator, int k, int n, int trap) throws Exception {
        String prefix = "l" + k + "x" + base.account().id().toString().substring(30) + "n";
        String domain = "ladder-" + k + ".example";
        var s = newList(base, "Liste " + k);
        EmailSetup.importContacts(s, prefix, domain, n);
        if (trap > 0) {
            assertThat(operator.post("/api/operator/spamtraps", Map.of("address", prefix + trap + "@" + domain)).status()).isIn(200, 201);
        }
        String subject = "Le pain de campagne, semaine " + k + " " + UUID.randomUUID().toString().substring(0, 6);
        String id = EmailSetup.campaign(s, subject, HTML, Map.of("throttlePerMinute", 1200));
        UUID cid = UUID.fromString(id);
        var started = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        BooleanSupplier ready = trap == 0 ? () -> true
                : () -> count("select count(*) from spamtrap_hit where campaign_id = ?", cid) > 0;
        Set<String> fed;
        try (DsnFeeder f = feeder(subject, i -> i % 2 == 1, ready, Set.of())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !status(s.account(), id).equals("sending"));
            fed = f.bounced;
        }
        assertThat(status(s.account(), id)).as("the campaign is suspended while it sends (R-14)").isEqualTo("suspended");
        JsonNode incident = operator.get("/api/operator/reputation/campaigns/" + id).json().get("incident");
        assertThat(incident).as("incident of campaign " + id).isNotNull();
        long sent = count("select count(*) from send_log where campaign_id = ? and outcome = 'sent'", cid);
        long bounced = count("select count(*) from bounce where campaign_id = ? and kind = 'hard'", cid);
        assertThat(sent).as("it stopped long before the end of its list").isLessThan(n);
        return new Run(id, subject, incident, sent, bounced, fed);
    }

    @Test
    void deadListsAreSuspendedWhileSendingAndFourWalkTheSanctionsLadder() throws Exception {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        var a = s.account();

        // 1st incriminated campaign: a 50 % dead list, no spamtrap; the overshoot measured on it
        Run first = deadListCampaign(s, operator, 1, 400, 0);
        JsonNode i1 = first.incident();
        assertThat(i1.get("indicator").asString()).isEqualTo("hard_bounce_rate");
        assertThat(i1.get("rung").asInt()).isEqualTo(1);
        assertThat(i1.get("value").asDouble()).isGreaterThanOrEqualTo(0.08);
        assertThat(i1.get("threshold").asDouble()).isEqualTo(0.08);
        assertThat(i1.get("sample").asLong()).isBetween(50L, 400L);
        assertThat(i1.get("policyVersion").asInt()).isPositive();
        // the overshoot: messages that passed the last-mile gate after the bounce that crossed the threshold was
        // recorded (the recording's own latency), and after the decision (the suspension, synchronous with it)
        UUID c1id = UUID.fromString(first.campaignId());
        Instant crossed = Instant.parse(i1.get("crossedAt").asString());
        Instant decided = Instant.parse(i1.get("decidedAt").asString());
        String sentAfter = "select count(*) from send_log where campaign_id = ? and outcome = 'sent' and logged_at > ?";
        long afterCrossing = count(sentAfter, c1id, Timestamp.from(crossed));
        long afterDecision = count(sentAfter, c1id, Timestamp.from(decided));
        System.out.printf("OVERSHOOT 50%%-dead list of 400 at 20 messages/s: threshold crossed at %d sent (%d hard bounces, trigger %s,"
                + " bound %.3f); %d sent in all; %d passed the gate after the crossing bounce was recorded, %d after the decision"
                + " (%d ms later)%n", i1.get("sample").asLong(), i1.get("numerator").asLong(), i1.get("trigger").asString(),
                i1.get("lowerBound").asDouble(), first.sent(), afterCrossing, afterDecision, Duration.between(crossed, decided).toMillis());
        assertThat(afterDecision).as("no message reaches the wire after the decision").isZero();
        assertThat(afterCrossing).as("messages past the gate while the crossing bounce was being recorded").isLessThanOrEqualTo(10);

        // the account sees why: the campaign's status reason and history, and its own reputation view
        JsonNode c1 = a.api().get("/api/campaigns/" + first.campaignId()).json();
        assertThat(c1.get("statusReason").asString()).contains("R-14").contains("hard bounce rate").contains("8.00 %");
        assertThat(a.api().get("/api/campaigns/" + first.campaignId() + "/history").body()).contains("\"to\":\"suspended\"")
                .contains("\"actor\":\"reputation\"");
        JsonNode own = a.api().get("/api/reputation/campaigns/" + first.campaignId()).json();
        assertThat(own.get("incident").get("id").asLong()).isEqualTo(i1.get("id").asLong());
        assertThat(own.get("series").size()).isPositive();
        // another account does not see it
        assertThat(fixtures.account().api().get("/api/reputation/campaigns/" + first.campaignId()).status()).isEqualTo(404);
        // the awareness notice went out through the platform relay, with the figures and the guidance
        await().atMost(Duration.ofSeconds(20)).until(() -> notices(a.account().contactEmail()).size() >= 1);
        String notice = jakarta.mail.internet.MimeUtility.decodeText(notices(a.account().contactEmail()).getFirst().getSubject());
        assertThat(notice).contains("suspended").contains("hard bounce rate");
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(notices(a.account().contactEmail()).getFirst());
        assertThat(body).contains("hard bounces").contains("/api/reputation/hygiene/exclude");

        // the operator resumes it with a reason; its list is still dead, so the breaker, watching it again from the
        // resume on, suspends it again: audited against the same incident, the ladder does not climb
        try (DsnFeeder f = feeder(first.subject(), i -> i % 2 == 1, () -> true, first.fed())) {
            var resumed = operator.post("/api/operator/campaigns/" + first.campaignId() + "/resume", Map.of("reason", "test: reviewed"));
            assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !status(a, first.campaignId()).equals("sending"));
        }
        assertThat(status(a, first.campaignId())).isEqualTo("suspended");
        JsonNode afterResume = operator.get("/api/operator/reputation/accounts/" + a.id() + "/sanctions").json();
        assertThat(afterResume.get("incidents").size()).isEqualTo(1);
        assertThat(afterResume.get("audit").toString()).contains("campaign-suspended-again").contains("since the operator resumed it");
        assertThat(a.api().post("/api/campaigns/" + first.campaignId() + "/cancel", null).status()).isEqualTo(200);

        // 2nd: 100 EUR per spamtrap observed
        Run second = deadListCampaign(s, operator, 2, 300, 100);
        assertThat(second.incident().get("rung").asInt()).isEqualTo(2);
        long traps2 = second.incident().get("spamtraps").asLong();
        assertThat(traps2).isEqualTo(1);

        // 3rd: the email channel suspended for three months, plus 250 EUR per spamtrap
        Run third = deadListCampaign(s, operator, 3, 300, 100);
        assertThat(third.incident().get("rung").asInt()).isEqualTo(3);
        assertThat(third.incident().get("spamtraps").asLong()).isEqualTo(1);
        JsonNode rep = a.api().get("/api/reputation").json();
        JsonNode email = channel(rep, "email");
        assertThat(email.get("status").asString()).isEqualTo("suspended");
        Instant until = Instant.parse(email.get("until").asString());
        assertThat(until).isBetween(Instant.now().plus(Duration.ofDays(88)), Instant.now().plus(Duration.ofDays(93)));
        // a suspended channel cannot send: the preflight refuses a new campaign
        String blocked = EmailSetup.campaign(s, "Une autre lettre", HTML, Map.of());
        var refused = a.api().post("/api/campaigns/" + blocked + "/start", null);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("R-15");
        var transactional = a.api().post("/api/messages/email", Map.of("to", "client@ladder-3.example", "category", "invoice",
                "subject", "Votre facture", "text", "Bonjour, votre facture de novembre est disponible.", "fromName", "Boulangerie",
                "fromAddress", "factures@" + s.domain()));
        assertThat(transactional.status()).as(transactional.body()).isEqualTo(422);
        assertThat(transactional.body()).contains("R-15").contains("suspended");
        // the operator lifts the channel suspension early, with a reason (audited); the incidents stand
        var lifted = operator.post("/api/operator/reputation/accounts/" + a.id() + "/channels/email/reinstate",
                Map.of("reason", "test: the customer cleaned its list"));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(channel(lifted.json(), "email").get("status").asString()).isEqualTo("active");
        assertThat(lifted.json().get("nextRung").asInt()).isEqualTo(4);

        // 4th: the account terminated, plus 400 EUR per spamtrap and three months of subscription
        Run fourth = deadListCampaign(s, operator, 4, 300, 100);
        assertThat(fourth.incident().get("rung").asInt()).isEqualTo(4);
        assertThat(fourth.incident().get("spamtraps").asLong()).isEqualTo(1);
        Api acting = operator.withHeader(org.fairsend.accounts.Caller.ACCOUNT_HEADER, a.id().toString());
        assertThat(acting.get("/api/reputation").json().get("status").asString()).isEqualTo("terminated");
        var afterTermination = acting.post("/api/campaigns/" + blocked + "/start", null);
        assertThat(afterTermination.status()).isEqualTo(422);
        assertThat(afterTermination.body()).contains("R-15").contains("terminated");
        assertThat(a.api().get("/api/reputation").status()).as("a terminated account's key no longer works").isEqualTo(401);

        // the ledger: exactly the ladder's amounts, exportable as CSV. Each step charges its rate per spamtrap observed
        // on every incriminated campaign of the step (issue 19, seed 002 §2.4 "the incriminated campaign(s)"): the 2nd
        // the one trap of campaign 2 (campaign 1 had none), the 3rd those of campaigns 2 and 3, the 4th those of 2, 3 and 4
        JsonNode sanctions = operator.get("/api/operator/reputation/accounts/" + a.id() + "/sanctions").json();
        assertThat(sanctions.get("incidents").size()).isEqualTo(4);
        assertThat(sanctions.get("balanceCents").asLong()).isEqualTo(10_000 + 2 * 25_000 + 3 * 40_000 + 3 * 4_900);
        String csv = operator.get("/api/operator/reputation/ledger.csv?account=" + a.id()).body();
        assertThat(csv.lines().toList()).hasSize(8);
        assertThat(csv).contains("," + second.campaignId() + ",").contains(",1,100.00,100.00,EUR,")
                .contains(",1,250.00,250.00,EUR,").contains(",1,400.00,400.00,EUR,").contains(",3,49.00,147.00,EUR,");
        assertThat(acting.get("/api/reputation/ledger.csv").body()).isEqualTo(csv);
        // every step audited with the policy version
        assertThat(sanctions.get("audit").toString()).contains("campaign-suspended").contains("notified").contains("penalty")
                .contains("channel-suspended").contains("channel-reinstated").contains("account-terminated");
        for (JsonNode e : sanctions.get("audit")) assertThat(e.get("policyVersion").asInt()).isPositive();

        // the operator reverses the termination with a reason: credited, the account may send again, audited
        long i4 = fourth.incident().get("id").asLong();
        assertThat(operator.post("/api/operator/reputation/incidents/" + i4 + "/reverse", Map.of()).status()).isEqualTo(422);
        var reversed = operator.post("/api/operator/reputation/incidents/" + i4 + "/reverse", Map.of("reason", "test: contract renegotiated"));
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(200);
        assertThat(reversed.json().get("status").asString()).isEqualTo("reversed");
        assertThat(a.api().get("/api/reputation").json().get("status").asString()).isEqualTo("active");
        JsonNode after = operator.get("/api/operator/reputation/accounts/" + a.id() + "/sanctions").json();
        assertThat(after.get("balanceCents").asLong()).isEqualTo(10_000 + 2 * 25_000);
        assertThat(after.get("audit").toString()).contains("\"action\":\"reversed\"").contains("contract renegotiated");

        // the live indicators agree with the send log and the feedback records
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode r = operator.post("/api/operator/reputation/reconcile", Map.of("accountId", a.id().toString())).json();
            assertThat(r.get("drifts").size()).as(r.toString()).isZero();
            assertThat(r.get("campaignsChecked").asInt()).isGreaterThanOrEqualTo(4);
        });
        StringWriter out = new StringWriter();
        CommandLine cli = FairsendCli.commandLine(context);
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("reputation", "reconcile", "--account", a.id().toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("0 drifted");
        // a tampered counter is reported as drift, and fixed
        jdbc.sql("update reputation_campaign_tally set hard_bounces = hard_bounces + 7 where campaign_id = ?")
                .param(UUID.fromString(second.campaignId())).update();
        out.getBuffer().setLength(0);
        assertThat(cli.execute("reputation", "reconcile", "--account", a.id().toString())).isEqualTo(1);
        assertThat(out.toString()).contains("DRIFT campaign " + second.campaignId()).contains("hardBounces stored " + (second.bounced() + 7));
        out.getBuffer().setLength(0);
        assertThat(cli.execute("reputation", "reconcile", "--account", a.id().toString(), "--fix")).isZero();
        assertThat(operator.post("/api/operator/reputation/reconcile", Map.of("accountId", a.id().toString())).json()
                .get("drifts").size()).isZero();

        // the operator's views
        assertThat(operator.get("/api/operator/reputation/closest?limit=50").body()).contains(a.id().toString());
        assertThat(operator.get("/api/operator/reputation/accounts/" + a.id() + "/days").json().size()).isPositive();
    }

    @Test
    void theSameRunWithACleanListIsNeverSuspended() throws Exception {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        String prefix = "propre" + s.account().id().toString().substring(30) + "n";
        EmailSetup.importContacts(s, prefix, "clients-propres.example", 300);
        String subject = "Le pain de campagne, liste propre " + UUID.randomUUID().toString().substring(0, 6);
        String id = EmailSetup.campaign(s, subject, HTML, Map.of("throttlePerMinute", 1200));
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        // a clean list still has a few dead addresses (2 %, early ones among them): below the threshold
        try (DsnFeeder f = feeder(subject, i -> i % 50 == 7, () -> true, Set.of())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !status(s.account(), id).equals("sending"));
            await().atMost(Duration.ofSeconds(10)).until(() -> f.bounced.size() == 6);
        }
        assertThat(status(s.account(), id)).isEqualTo("finished");
        Thread.sleep(1500);
        JsonNode view = s.account().api().get("/api/reputation/campaigns/" + id).json();
        assertThat(view.get("incident")).isNull();
        assertThat(view.get("counters").get("sent").asLong()).isEqualTo(300);
        assertThat(view.get("counters").get("hardBounces").asLong()).isEqualTo(6);
        assertThat(s.account().api().get("/api/reputation/sanctions").json().get("incidents").size()).isZero();
        assertThat(channel(s.account().api().get("/api/reputation").json(), "email").get("status").asString()).isEqualTo("active");
    }

    @Test
    void theThresholdsAreAPolicyTheOperatorEdits() {
        Api operator = fixtures.operator();
        var bad = operator.put("/api/operator/policy", Map.of("reason", "test", "policy",
                Map.of("reputation", Map.of("hardBounceRate", 8, "earlyStopMinimumSample", 5))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("reputation.hardBounceRate").contains("R-14").contains("reputation.earlyStopMinimumSample");
        JsonNode policy = operator.get("/api/policy").json();
        assertThat(policy.get("policy").get("reputation").get("hardBounceRate").asDouble()).isEqualTo(0.08);
        assertThat(policy.get("policy").get("reputation").get("ladder").get("secondPerSpamtrapCents").asLong()).isEqualTo(10_000);
        assertThat(policy.get("policy").get("reputation").get("minimumSample").asInt()).isEqualTo(500);
    }

    private static JsonNode channel(JsonNode status, String code) {
        for (JsonNode c : status.get("channels")) if (c.get("channel").asString().equals(code)) return c;
        throw new AssertionError("no channel " + code + " in " + status);
    }

    private static List<MimeMessage> notices(String to) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream().map(StoredMessage::getMimeMessage).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && m.getSubject().startsWith("[Fairsend]");
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
