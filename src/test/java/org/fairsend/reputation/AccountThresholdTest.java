package org.fairsend.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.console.ConsoleSession;
import org.fairsend.feedback.internal.InboundPort;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, R-14 at the account level: the account's day on a channel is judged like a campaign, every message
 * counted. Campaigns under 50 sends (which the campaign breaker never judges) and transactional messages are sent to
 * GreenMail; their dead mailboxes answer with real RFC 3464 DSNs over SMTP to each message's VERP return path into
 * the inbound listener. Together they cross the account's hard bounce threshold: the account's email marketing
 * pauses (a sending campaign is suspended, a new one is refused with the explanation, the account is told) while
 * transactional mail still goes out (R-1); the operator resumes with a reason and marketing starts again. Two
 * mails and one bounce pause nothing.
 */
@PostgresTest
class AccountThresholdTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired ConfigurableApplicationContext context;

    /** The mailboxes a test declares dead: each answers the first message it receives with a DSN. */
    final Set<String> dead = ConcurrentHashMap.newKeySet();

    static final String HTML = ReputationFlowTest.HTML;

    private EmailSetup.Sending newList(EmailSetup.Sending s, String name) {
        var list = s.account().api().post("/api/lists", Map.of("name", name));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        return new EmailSetup.Sending(s.account(), s.domain(), list.json().get("id").asString(), s.dkimRecords());
    }

    private static String status(EmailSetup.Sending s, String id) {
        return s.account().api().get("/api/campaigns/" + id).json().get("status").asString();
    }

    private static Api.Response transactional(EmailSetup.Sending s, String to) {
        return s.account().api().post("/api/messages/email", Map.of("to", to, "category", "invoice", "subject", "Votre facture",
                "text", "Bonjour, votre facture de décembre est disponible dans votre espace client.", "fromName", "Boulangerie",
                "fromAddress", "factures@" + s.domain()));
    }

    private static boolean received(String to) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream().anyMatch(m -> {
            try {
                return m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(to);
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static JsonNode email(JsonNode status) {
        for (JsonNode c : status.get("channels")) if (c.get("channel").asString().equals("email")) return c;
        throw new AssertionError("no email channel in " + status);
    }

    private static JsonNode reading(JsonNode channel, String indicator) {
        for (JsonNode r : channel.get("indicators")) if (r.get("indicator").asString().equals(indicator)) return r;
        throw new AssertionError("no " + indicator + " in " + channel);
    }

    @Test
    void smallCampaignsAndTransactionalBouncesTogetherPauseTheAccountsEmailMarketing() throws Exception {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        var a = s.account();
        String tag = a.id().toString().substring(28);
        try (DsnFeeder bouncer = new DsnFeeder(mail, InboundPort.of(context), (m, to) -> dead.contains(to), () -> true, Set.of())) {
            // below the day's minimum volume: two mails and one bounce pause nothing (R-14)
            String few = "peu" + tag + "n";
            dead.add(few + "1@tx-peu.example");
            assertThat(transactional(s, few + "1@tx-peu.example").status()).isEqualTo(202);
            assertThat(transactional(s, few + "2@tx-peu.example").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> email(a.api().get("/api/reputation").json()).get("today").get("hardBounces").asLong() == 1);
            JsonNode early = email(a.api().get("/api/reputation").json());
            assertThat(reading(early, "hard_bounce_rate").get("value").asDouble()).isEqualTo(0.5);
            assertThat(reading(early, "hard_bounce_rate").get("applies").asBoolean()).as("2 sends: below the minimum volume").isFalse();
            assertThat(early.get("marketing").get("paused").asBoolean()).isFalse();

            // a campaign that is still sending when the account crosses: a clean list, slowly
            var running = newList(s, "Clients fidèles");
            EmailSetup.importContacts(running, "fidele" + tag + "n", "fideles.example", 200);
            String runningSubject = "Le pain du dimanche " + UUID.randomUUID().toString().substring(0, 6);
            String runningId = EmailSetup.campaign(running, runningSubject, HTML, Map.of("name", "Fidèles", "throttlePerMinute", 20));
            var started = a.api().post("/api/campaigns/" + runningId + "/start", null);
            assertThat(started.status()).as(started.body()).isEqualTo(200);

            // four campaigns of 30 sends (never judged on their own: under 50), 2 dead mailboxes each (their last two)
            for (int k = 1; k <= 4; k++) {
                var small = newList(s, "Quartier " + k);
                String prefix = "q" + k + "x" + tag + "n";
                String domain = "quartier-" + k + ".example";
                EmailSetup.importContacts(small, prefix, domain, 30);
                dead.add(prefix + 29 + "@" + domain);
                dead.add(prefix + 30 + "@" + domain);
                String id = EmailSetup.campaign(small, "Nouvelles du quartier " + k + " " + tag, HTML, Map.of("name", "Quartier " + k));
                var r = a.api().post("/api/campaigns/" + id + "/start", null);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !status(small, id).equals("sending"));
                assertThat(status(small, id)).as("a campaign of 30 sends is never judged on its own").isEqualTo("finished");
                JsonNode incident = operator.get("/api/operator/reputation/campaigns/" + id).json().get("incident");
                assertThat(incident == null || incident.isNull()).as("no incident of its own").isTrue();
            }
            // 9 hard bounces of more than 120 messages (under 8 %): nothing pauses yet
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> email(a.api().get("/api/reputation").json()).get("today").get("hardBounces").asLong() == 9);
            Thread.sleep(1000);
            assertThat(email(a.api().get("/api/reputation").json()).get("marketing").get("paused").asBoolean()).isFalse();
            assertThat(status(running, runningId)).isEqualTo("sending");
            // then transactional messages, 25 of 30 to dead mailboxes: they count too (R-1, R-14) and tip the day over
            for (int i = 1; i <= 30; i++) {
                String to = "client" + i + "x" + tag + "@tx-factures.example";
                if (i <= 25) dead.add(to);
                assertThat(transactional(s, to).status()).isEqualTo(202);
            }

            // the account's day crosses: its email marketing pauses, the running campaign is suspended with the explanation
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> email(a.api().get("/api/reputation").json()).get("marketing").get("paused").asBoolean());
            JsonNode paused = email(a.api().get("/api/reputation").json());
            JsonNode why = paused.get("marketing");
            assertThat(why.get("indicator").asString()).isEqualTo("hard_bounce_rate");
            assertThat(why.get("threshold").asDouble()).isEqualTo(0.08);
            assertThat(why.get("value").asDouble()).isGreaterThanOrEqualTo(0.08);
            assertThat(why.get("sample").asLong()).isGreaterThanOrEqualTo(100);
            assertThat(why.get("reason").asString()).contains("R-14").contains("hard bounce rate").contains("8.00 %")
                    .contains("email messages of " + why.get("day").asString());
            assertThat(paused.get("status").asString()).as("the channel itself stays active").isEqualTo("active");
            assertThat(reading(paused, "hard_bounce_rate").get("applies").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(running, runningId).equals("suspended"));
            JsonNode r = a.api().get("/api/campaigns/" + runningId).json();
            assertThat(r.get("statusReason").asString()).contains("R-14").contains("hard bounce rate").contains("marketing is paused");
            long sentBefore = operator.get("/api/operator/reputation/campaigns/" + runningId).json().get("counters").get("sent").asLong();
            assertThat(sentBefore).as("it was stopped before the end of its list").isLessThan(200);

            // a new marketing campaign cannot start: the preflight says why (R-14)
            var next = newList(s, "Nouveaux");
            EmailSetup.importContacts(next, "nouveau" + tag + "n", "nouveaux.example", 3);
            String nextId = EmailSetup.campaign(next, "Bienvenue " + tag, HTML, Map.of("name", "Bienvenue"));
            var refused = a.api().post("/api/campaigns/" + nextId + "/start", null);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.body()).contains("R-14").contains("marketing is paused").contains("hard bounce rate");
            // the owner cannot resume the suspended campaign either
            assertThat(a.api().post("/api/campaigns/" + runningId + "/resume", null).status()).isEqualTo(409);

            // transactional mail keeps flowing (R-1)
            String receipt = "recu" + tag + "@tx-factures.example";
            assertThat(transactional(s, receipt).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> received(receipt));

            // the account was told, with the figures
            await().atMost(Duration.ofSeconds(20)).until(() -> notice(a.account().contactEmail()) != null);
            MimeMessage notice = notice(a.account().contactEmail());
            assertThat(jakarta.mail.internet.MimeUtility.decodeText(notice.getSubject())).contains("email marketing is paused")
                    .contains("hard bounce rate");
            assertThat(notice.getContent().toString()).contains("hard bounce rate").contains("transactional messages")
                    .contains("\"Fidèles\" is suspended");

            // scoping: another account sees neither the pause nor the campaign; the pause is the operator's to lift
            var other = fixtures.account();
            assertThat(other.api().get("/api/reputation/campaigns/" + runningId).status()).isEqualTo(404);
            assertThat(other.api().get("/api/reputation/marketing-pauses").json().size()).isZero();
            assertThat(email(other.api().get("/api/reputation").json()).get("marketing").get("paused").asBoolean()).isFalse();
            assertThat(a.api().post("/api/operator/reputation/accounts/" + a.id() + "/channels/email/marketing/resume",
                    Map.of("reason", "me")).status()).isIn(401, 403);
            assertThat(operator.post("/api/operator/reputation/accounts/" + UUID.randomUUID() + "/channels/email/marketing/resume",
                    Map.of("reason", "test")).status()).isEqualTo(404);
            JsonNode pauses = a.api().get("/api/reputation/marketing-pauses").json();
            assertThat(pauses.size()).isEqualTo(1);
            assertThat(pauses.get(0).get("suspendedCampaigns").toString()).contains(runningId);
            assertThat(operator.get("/api/operator/reputation/accounts/" + a.id() + "/sanctions").json().get("incidents").size())
                    .as("an account-level pause is not a step of the ladder (R-15)").isZero();

            // the operator resumes with a reason: audited, the suspended campaign resumes, marketing may start again
            var noReason = operator.post("/api/operator/reputation/accounts/" + a.id() + "/channels/email/marketing/resume", Map.of());
            assertThat(noReason.status()).isEqualTo(422);
            assertThat(noReason.body()).contains("reason").contains("R-14");
            // the console: the account's home says its email marketing is paused and why; the operator's account page
            // shows it with a "resume marketing" form, and resumes through it with a reason
            String adminEmail = "admin-" + a.id().toString().substring(24) + "@boulangerie-test.fr";
            assertThat(operator.post("/api/operator/accounts/" + a.id() + "/console-users",
                    Map.of("email", adminEmail, "displayName", "Claire Martin", "password", "la pause du marketing")).status()).isEqualTo(201);
            var own = new ConsoleSession(fixtures.port());
            assertThat(own.signIn(adminEmail, "la pause du marketing").statusCode()).isEqualTo(302);
            assertThat(own.get("/console").body()).contains("id=\"marketing-paused-email\"").contains("email marketing is paused (R-14)")
                    .contains("hard bounce rate").contains("Transactional messages still go out");
            String opEmail = "pause-" + a.id().toString().substring(24) + "@fairsend.example";
            assertThat(operator.post("/api/operator/console-users", Map.of("email", opEmail, "password", "le bureau des pauses")).status())
                    .isEqualTo(201);
            var op = new ConsoleSession(fixtures.port());
            assertThat(op.signIn(opEmail, "le bureau des pauses").statusCode()).isEqualTo(302);
            String page = "/console/operator/accounts/" + a.id();
            String html = op.get(page).body();
            assertThat(html).contains("id=\"marketing-email\"").contains("marketing paused").contains("Resume email marketing")
                    .contains("hard bounce rate");
            var posted = op.post(page + "/reputation/channels/email/marketing/resume",
                    Map.of("_csrf", ConsoleSession.csrf(html), "reason", "test: the customer removed the dead addresses"));
            assertThat(posted.statusCode()).isEqualTo(302);
            assertThat(op.get(page).body()).doesNotContain("id=\"marketing-email\"");
            JsonNode resumed = a.api().get("/api/reputation/marketing-pauses").json().get(0);
            assertThat(resumed.get("resumedBy").asString()).isNotBlank();
            assertThat(resumed.get("resumeReason").asString()).isEqualTo("test: the customer removed the dead addresses");
            assertThat(email(a.api().get("/api/reputation").json()).get("marketing").get("paused").asBoolean()).isFalse();
            assertThat(operator.post("/api/operator/reputation/accounts/" + a.id() + "/channels/email/marketing/resume",
                    Map.of("reason", "again")).status()).as("not paused any more").isEqualTo(409);
            assertThat(status(running, runningId)).isIn("sending", "finished");
            var again = a.api().post("/api/campaigns/" + nextId + "/start", null);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> status(next, nextId).equals("finished"));
            String audit = operator.get("/api/operator/reputation/accounts/" + a.id() + "/sanctions").json().get("audit").toString();
            assertThat(audit).contains("marketing-paused").contains("marketing-resumed").contains("removed the dead addresses");
            // judged from the resume on: the same day's earlier bounces do not pause it again
            Thread.sleep(1500);
            assertThat(email(a.api().get("/api/reputation").json()).get("marketing").get("paused").asBoolean()).isFalse();
            a.api().post("/api/campaigns/" + runningId + "/cancel", null);
        }
        // the day's counters agree with the send log and the feedback records
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode rec = operator.post("/api/operator/reputation/reconcile", Map.of("accountId", a.id().toString())).json();
            assertThat(rec.get("drifts").size()).as(rec.toString()).isZero();
        });
    }

    private static MimeMessage notice(String to) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream().map(StoredMessage::getMimeMessage).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && m.getSubject().contains("marketing is paused");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }
}
