package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, seed 002 §1.5 and the general conditions: the operator freezes an account (nothing leaves on any channel,
 * writes refused, exports still work, reversible), suspends and reinstates one campaign, cancels an order (a scheduled or a
 * running campaign) with no refund; every step with a reason, audited and shown to the account. Real SMTP (GreenMail).
 */
@PostgresTest
class FreezeAndCancellationTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired Deliveries deliveries;
    @Autowired CampaignService campaigns;

    static final String HTML = """
            <html><body><h1>Bonjour {{ contact.first_name }} !</h1>
            <p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois.</p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    /** The platform's notices to the account's contact address with that subject (bodies decoded). */
    private static List<String> notices(Fixtures.TestAccount a, String subject) {
        List<String> out = new java.util.ArrayList<>();
        for (var m : mail.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(a.account().contactEmail()) && m.getSubject().equals(subject)) {
                    out.add(TestMail.body(m));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** A campaign of {@code n} recipients sending at 600 a minute, once {@code landed} of them reached the mailbox. */
    private record Running(EmailSetup.Sending sender, String domain, String campaignId) {}

    private Running sending(Api operator, String prefix, int n, String subject, int landed) throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, operator);
        String domain = prefix + "-" + s.account().id().toString().substring(0, 8) + ".example";
        EmailSetup.importContacts(s, "client", domain, n);
        String id = EmailSetup.campaign(s, subject, HTML, Map.of("throttlePerMinute", 600));
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> arrived(domain) >= landed);
        return new Running(s, domain, id);
    }

    private static int arrived(String domain) {
        return mail.getReceivedMessagesForDomain(domain).length;
    }

    private static String status(Fixtures.TestAccount a, String campaignId) {
        return a.api().get("/api/campaigns/" + campaignId).json().get("status").asString();
    }

    private static Map<String, String> reason(String reason) {
        return Map.of("reason", reason);
    }

    private long sendLog(String campaignId, String outcome, String reason) {
        if (reason == null) {
            return jdbc.sql("select count(*) from send_log where campaign_id = ? and outcome = ?")
                    .params(UUID.fromString(campaignId), outcome).query(Long.class).single();
        }
        return jdbc.sql("select count(*) from send_log where campaign_id = ? and outcome = ? and reason = ?")
                .params(UUID.fromString(campaignId), outcome, reason).query(Long.class).single();
    }

    private static Map<String, Object> transactional(EmailSetup.Sending s, String to) {
        return new HashMap<>(Map.of("to", to, "category", "order", "subject", "Votre commande n°2211",
                "html", "<p>Bonjour, votre commande n°2211 est prête en boutique.</p>", "fromName", s.account().account().tradeName(),
                "fromAddress", "commandes@" + s.domain()));
    }

    @Test
    void freezingDuringARunningSendStopsTheRestAtTheGateOnEveryKindOfMessageUntilTheFreezeIsLifted() throws Exception {
        Api operator = fixtures.operator();
        int n = 120;
        Running run = sending(operator, "gel", n, "Le pain de campagne revient", 8);
        var s = run.sender();
        String domain = run.domain();
        String id = run.campaignId();

        String why = "Plaintes répétées d'utilisation injustifiée : \"gel\" en attendant les preuves";
        var frozen = operator.post("/api/operator/accounts/" + s.account().id() + "/freeze", reason(why));
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
        assertThat(frozen.json().get("frozen").asBoolean()).isTrue();
        assertThat(frozen.json().at("/current/reason").asString()).isEqualTo(why);
        Instant frozenAt = Instant.parse(frozen.json().at("/current/frozenAt").asString());

        // the rest of the campaign is blocked at the gate with the reason; the run ends (nothing left to send)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> status(s.account(), id).equals("finished"));
        Thread.sleep(500); // anything still on the wire has landed
        int got = arrived(domain);
        assertThat(got).isLessThan(n).isGreaterThanOrEqualTo(8);
        assertThat(sendLog(id, "sent", null)).isEqualTo(got);
        assertThat(sendLog(id, "blocked", "channel-frozen")).isEqualTo(n - got);
        // whatever left had passed the gate before the freeze (a few milliseconds for the one on the wire)
        Timestamp lastThrough = jdbc.sql("select max(logged_at) from send_log where campaign_id = ? and outcome = 'sent'")
                .param(UUID.fromString(id)).query(Timestamp.class).single();
        assertThat(lastThrough.toInstant()).isBefore(frozenAt.plusMillis(200));
        // the send log says why, as the account's evidence pack shows it (R-5)
        String blockedAddress = jdbc.sql("select recipient from send_log where campaign_id = ? and outcome = 'blocked' limit 1")
                .param(UUID.fromString(id)).query(String.class).single();
        var pack = s.account().api().get("/api/evidence?address=" + blockedAddress);
        assertThat(pack.status()).as(pack.body()).isEqualTo(200);
        assertThat(pack.body()).contains("channel-frozen").contains("les preuves");

        // the account is told by mail, with the reason
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !notices(s.account(), "[Fairsend] Your account is frozen").isEmpty());
        assertThat(notices(s.account(), "[Fairsend] Your account is frozen").getFirst()).contains(why).contains("/console/frozen");

        // the account sees the freeze and its reason, and its status
        var mine = s.account().api().get("/api/account/freeze");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("status").asString()).isEqualTo("FROZEN");
        assertThat(mine.json().at("/current/reason").asString()).isEqualTo(why);
        assertThat(s.account().api().get("/api/account").json().at("/channels/0/status").asString()).isEqualTo("frozen");

        // transactional too: the API refuses it (a write), and a transactional message that reaches the gate anyway (the
        // answer to an SMS CONTACT takes that path) is blocked there, never sent
        var refused = s.account().api().post("/api/messages/email", transactional(s, "commande@" + domain));
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        long tx = deliveries.sendTransactional(s.account().id(), new EmailTemplate("Votre commande n°2211", null,
                "<p>Votre commande est prête.</p>", null, "Boulangerie", "commandes@" + s.domain(), null, false, false, false, false),
                "facture@" + domain, Map.of(), "order");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
                "select count(*) from send_log where message_id = ? and outcome = 'blocked' and reason = 'channel-frozen'")
                .param(tx).query(Long.class).single() == 1);
        assertThat(jdbc.sql("select detail from send_log where message_id = ?").param(tx).query(String.class).single()).contains(why);

        // writes are refused with problem+json naming the freeze; reads and exports still work
        var write = s.account().api().post("/api/lists", Map.of("name", "Nouvelle liste"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.header("Content-Type")).startsWith("application/problem+json");
        assertThat(write.json().at("/errors/0/field").asString()).isEqualTo("account");
        assertThat(write.json().at("/errors/0/rule").asString()).isEqualTo("frozen");
        assertThat(write.json().get("detail").asString()).contains("frozen").contains(why);
        assertThat(s.account().api().put("/api/campaigns/" + id, Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(s.account().api().post("/api/campaigns", Map.of("name", "Brouillon")).status()).isEqualTo(403); // nor a draft
        var export = s.account().api().get("/api/contacts/export?address=client1@" + domain);
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains("client1@" + domain);
        assertThat(s.account().api().get("/api/contacts?limit=5").status()).isEqualTo(200);
        assertThat(s.account().api().get("/api/campaigns/" + id + "/progress").status()).isEqualTo(200);
        // what protects people still goes through: a suppression (a frozen account must still honour an objection)
        var suppression = s.account().api().post("/api/suppressions", Map.of("address", "client2@" + domain, "channel", "email"));
        assertThat(suppression.status()).as(suppression.body()).isEqualTo(201);

        // only an active account can be frozen; lifting needs a reason
        assertThat(operator.post("/api/operator/accounts/" + s.account().id() + "/freeze", reason("encore")).status()).isEqualTo(409);
        var noReason = operator.post("/api/operator/accounts/" + s.account().id() + "/unfreeze", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().at("/errors/0/field").asString()).isEqualTo("reason");

        // unfrozen: sending and writing are allowed again
        var lifted = operator.post("/api/operator/accounts/" + s.account().id() + "/unfreeze", reason("Preuves reçues et valides"));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json().get("frozen").asBoolean()).isFalse();
        JsonNode history = lifted.json().get("history");
        assertThat(history.get(0).get("reason").asString()).isEqualTo(why);
        assertThat(history.get(0).get("liftReason").asString()).isEqualTo("Preuves reçues et valides");
        assertThat(history.get(0).get("liftedBy").asString()).isNotBlank();
        assertThat(s.account().api().post("/api/lists", Map.of("name", "Nouvelle liste")).status()).isEqualTo(201);
        var sent = s.account().api().post("/api/messages/email", transactional(s, "apres@" + domain));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> mail.getReceivedMessagesForDomain(domain).length == got + 1);
        assertThat(s.account().api().get("/api/account/freeze").json().get("status").asString()).isEqualTo("ACTIVE");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> notices(s.account(), "[Fairsend] The freeze of your account is lifted").size() == 1);
        assertThat(notices(s.account(), "[Fairsend] The freeze of your account is lifted").getFirst()).contains("Preuves reçues et valides");
    }

    @Test
    void theOperatorSuspendsACampaignAtOnceAndReinstatesItWhereItStopped() throws Exception {
        Api operator = fixtures.operator();
        int n = 60;
        Running run = sending(operator, "susp", n, "Les galettes arrivent", 5);
        var s = run.sender();
        String domain = run.domain();
        String id = run.campaignId();

        var noReason = operator.post("/api/operator/campaigns/" + id + "/suspend", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        var suspended = operator.post("/api/operator/campaigns/" + id + "/suspend", reason("Contenu trompeur signalé"));
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        assertThat(suspended.json().get("status").asString()).isEqualTo("suspended");
        Thread.sleep(500); // what was on the wire has landed
        int atSuspension = arrived(domain);
        Thread.sleep(1500);
        assertThat(arrived(domain)).as("nothing leaves once suspended").isEqualTo(atSuspension).isLessThan(n);
        var progress = s.account().api().get("/api/campaigns/" + id + "/progress").json();
        assertThat(progress.get("queued").asLong()).as(progress.toString()).isGreaterThan(0);
        assertThat(progress.get("blocked").asLong()).isZero();

        // the account sees the suspension and why, and cannot resume it itself
        var seen = s.account().api().get("/api/campaigns/" + id).json();
        assertThat(seen.get("statusReason").asString()).contains("suspended by the operator").contains("Contenu trompeur signalé");
        assertThat(s.account().api().post("/api/campaigns/" + id + "/resume", null).status()).isEqualTo(409);
        var actions = s.account().api().get("/api/campaigns/" + id + "/operator-actions").json();
        assertThat(actions.get(0).get("action").asString()).isEqualTo("suspend");
        assertThat(actions.get(0).get("reason").asString()).isEqualTo("Contenu trompeur signalé");
        assertThat(actions.get(0).get("from").asString()).isEqualTo("sending");
        assertThat(actions.get(0).get("to").asString()).isEqualTo("suspended");

        // reinstated: it sends the rest, once each
        assertThat(operator.post("/api/operator/campaigns/" + id + "/reinstate", reason("Contenu corrigé, vérifié")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> status(s.account(), id).equals("finished"));
        await().atMost(Duration.ofSeconds(5)).until(() -> arrived(domain) == n);
        assertThat(sendLog(id, "sent", null)).isEqualTo(n);
        var history = s.account().api().get("/api/campaigns/" + id + "/history").json();
        assertThat(history.toString()).contains("reinstated by the operator: Contenu corrigé, vérifié");
        var after = s.account().api().get("/api/campaigns/" + id + "/operator-actions").json();
        assertThat(after.get(1).get("action").asString()).isEqualTo("reinstate");
        assertThat(operator.post("/api/operator/campaigns/" + id + "/reinstate", reason("encore")).status()).isEqualTo(409);
    }

    @Test
    void cancellingAScheduledOrderKeepsItFromEverStartingWithNoRefund() {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        String domain = "prog-" + s.account().id().toString().substring(0, 8) + ".example";
        EmailSetup.importContacts(s, "client", domain, 3);
        String id = EmailSetup.campaign(s, "Les bûches de Noël", HTML, Map.of());
        Instant at = Instant.now().plusSeconds(2);
        var scheduled = s.account().api().post("/api/campaigns/" + id + "/schedule",
                Map.of("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString()));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);

        var cancelled = operator.post("/api/operator/campaigns/" + id + "/cancel", reason("Liste achetée (seed 002 §1.4)"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");

        // its time passes: it is not due, never starts, nothing arrives
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(at.plusMillis(200)));
        assertThat(campaigns.due()).extracting(c -> c.id().toString()).doesNotContain(id);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(s.account(), id).equals("cancelled") && arrived(domain) == 0);

        // the audit shows who, why and that no refund is made; the account sees it
        JsonNode history = s.account().api().get("/api/campaigns/" + id + "/history").json();
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.get("from").asString()).isEqualTo("scheduled");
        assertThat(last.get("to").asString()).isEqualTo("cancelled");
        assertThat(last.get("reason").asString()).contains("Liste achetée (seed 002 §1.4)").contains("no refund");
        assertThat(last.get("actor").asString()).isNotBlank();
        JsonNode actions = s.account().api().get("/api/campaigns/" + id + "/operator-actions").json();
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).get("action").asString()).isEqualTo("cancel");
        assertThat(actions.get(0).get("refund").asString()).isEqualTo("none");
        assertThat(actions.get(0).get("reason").asString()).isEqualTo("Liste achetée (seed 002 §1.4)");
        assertThat(s.account().api().get("/api/campaigns/operator-actions").json().get(0).get("campaignId").asString()).isEqualTo(id);
        // the account is told by mail
        String subject = "[Fairsend] Campaign \"Lettre de novembre\" cancelled by the operator";
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> notices(s.account(), subject).size() == 1);
        assertThat(notices(s.account(), subject).getFirst()).contains("Liste achetée (seed 002 §1.4)").contains("no refund");
        // over is over
        assertThat(operator.post("/api/operator/campaigns/" + id + "/cancel", reason("encore")).status()).isEqualTo(409);
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(409);
    }

    @Test
    void cancellingARunningOrderStopsItForGood() throws Exception {
        Api operator = fixtures.operator();
        int n = 60;
        Running run = sending(operator, "annul", n, "Les chocolats de Pâques", 5);
        var s = run.sender();
        String domain = run.domain();
        String id = run.campaignId();

        var cancelled = operator.post("/api/operator/campaigns/" + id + "/cancel", reason("Pièges à spam atteints"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        Thread.sleep(500);
        int atCancel = arrived(domain);
        Thread.sleep(1500);
        assertThat(arrived(domain)).isEqualTo(atCancel).isLessThan(n);
        var progress = s.account().api().get("/api/campaigns/" + id + "/progress").json();
        assertThat(progress.get("cancelled").asLong()).as(progress.toString()).isGreaterThan(0);
        assertThat(status(s.account(), id)).isEqualTo("cancelled");
        JsonNode actions = s.account().api().get("/api/campaigns/" + id + "/operator-actions").json();
        assertThat(actions.get(0).get("from").asString()).isEqualTo("sending");
        assertThat(actions.get(0).get("refund").asString()).isEqualTo("none");
        assertThat(s.account().api().get("/api/campaigns/" + id + "/history").json().toString())
                .contains("order cancelled by the operator: Pièges à spam atteints").contains("no refund");
        // the account cannot bring it back
        assertThat(s.account().api().post("/api/campaigns/" + id + "/resume", null).status()).isEqualTo(409);
        assertThat(operator.post("/api/operator/campaigns/" + id + "/reinstate", reason("non")).status()).isEqualTo(409);
    }

    @Test
    void anotherAccountsCampaignIsNotFoundAndOnlyTheOperatorActs() {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        String id = EmailSetup.campaign(s, "Les croissants", HTML, Map.of());
        var other = fixtures.account();
        assertThat(other.api().get("/api/campaigns/" + id + "/operator-actions").status()).isEqualTo(404);
        assertThat(operator.get("/api/operator/accounts/" + other.id() + "/campaigns/" + id + "/operator-actions").status()).isEqualTo(404);
        assertThat(operator.post("/api/operator/campaigns/" + UUID.randomUUID() + "/suspend", reason("x")).status()).isEqualTo(404);
        assertThat(operator.post("/api/operator/accounts/" + UUID.randomUUID() + "/freeze", reason("x")).status()).isEqualTo(404);
        // a draft is no order
        assertThat(operator.post("/api/operator/campaigns/" + id + "/cancel", reason("x")).status()).isEqualTo(409);
        // not the operator: 403, and nothing changed
        for (var call : List.of("/api/operator/campaigns/" + id + "/suspend", "/api/operator/campaigns/" + id + "/cancel",
                "/api/operator/accounts/" + s.account().id() + "/freeze", "/api/operator/accounts/" + other.id() + "/freeze")) {
            var r = s.account().api().post(call, reason("moi-même"));
            assertThat(r.status()).as(call).isEqualTo(403);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(s.account().api().get("/api/operator/accounts/" + s.account().id() + "/freeze").status()).isEqualTo(403);
        assertThat(s.account().api().get("/api/account/freeze").json().get("frozen").asBoolean()).isFalse();
        assertThat(status(s.account(), id)).isEqualTo("draft");
    }
}
