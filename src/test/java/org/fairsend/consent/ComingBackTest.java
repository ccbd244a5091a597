package org.fairsend.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.suppression.Suppression;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.fairsend.support.HostedForms;
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
 * Issue 15 through the send path: a person who unsubscribed and confirms a new subscription is reached by the next
 * campaign (the unsubscribe stays in the history); a withdrawal through the API stops a batch already claimed at the
 * last-mile gate (R-10, R-16).
 */
@PostgresTest
class ComingBackTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConsentLedger ledger;
    @Autowired Suppressions suppressions;
    @Autowired FairsendProperties props;

    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name | default("client") }}, notre pain de campagne au levain revient cette semaine.</p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    private static List<StoredMessage> received(String subject, String address) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream().filter(m -> {
            try {
                return (subject == null || subject.equals(m.getMimeMessage().getSubject()))
                        && m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private JsonNode finished(Fixtures.TestAccount a, String id) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> a.api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        return a.api().get("/api/campaigns/" + id + "/progress").json();
    }

    private String subscribeAndConfirm(String form, String address, int confirmationsBefore) throws Exception {
        Api visitor = fixtures.anonymous();
        String token = HostedForms.fillToken(visitor, form);
        HostedForms.waitMinimumFillTime();
        var posted = visitor.postRaw("/f/" + form, "email=" + URLEncoder.encode(address, StandardCharsets.UTF_8)
                + "&consent=yes&fill=" + URLEncoder.encode(token, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body()).contains("Check your inbox");
        String subject = "Please confirm your subscription";
        await().atMost(Duration.ofSeconds(10)).until(() -> received(null, address).stream()
                .filter(m -> subjectOf(m).startsWith(subject)).count() > confirmationsBefore);
        StoredMessage confirmation = received(null, address).stream().filter(m -> subjectOf(m).startsWith(subject))
                .toList().get(confirmationsBefore);
        Matcher m = Pattern.compile(Pattern.quote(props.publicUrl()) + "(/confirm/[A-Za-z0-9_~.-]+)")
                .matcher(confirmation.getMimeMessage().getContent().toString());
        assertThat(m.find()).isTrue();
        var confirmed = visitor.send("POST", m.group(1), null, null);
        assertThat(confirmed.status()).isEqualTo(200);
        return confirmed.body();
    }

    private static String subjectOf(StoredMessage m) {
        try {
            return m.getMimeMessage().getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    @Test
    void aPersonWhoUnsubscribedAndConfirmsAgainIsReachedByTheNextCampaign() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        var a = s.account();
        var created = a.api().post("/api/forms", Map.of("name", "Lettre", "listId", s.listId(), "subject", HostedFormTest.SUBJECT,
                "declarationText", HostedFormTest.DECLARATION, "optInType", "double"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String form = created.json().get("id").asString();
        String person = "revenante-" + a.id().toString().substring(24) + "@clients-cb.example";

        assertThat(subscribeAndConfirm(form, person, 0)).contains("Subscription confirmed").doesNotContain("Welcome back");

        // a first campaign reaches her; she unsubscribes with one click
        String first = "La lettre de la semaine";
        String c1 = EmailSetup.campaign(s, first, HTML, Map.of());
        assertThat(a.api().post("/api/campaigns/" + c1 + "/start", null).status()).isEqualTo(200);
        assertThat(finished(a, c1).get("sent").asLong()).isEqualTo(1);
        String header = received(first, person).getFirst().getMimeMessage().getHeader("List-Unsubscribe")[0];
        Matcher u = Pattern.compile("<https?://[^/>]+(/u/[^>]+)>").matcher(header);
        assertThat(u.find()).isTrue();
        assertThat(fixtures.anonymous().postRaw(u.group(1), "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded").status())
                .isEqualTo(200);
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, person)).isTrue();

        // she comes back: the form mails her a confirmation (an unsubscribe is no bar), she confirms, and is told
        String page = subscribeAndConfirm(form, person, 1);
        assertThat(page).contains("Welcome back").contains("You will receive");

        // the unsubscribe is lifted, and stays in the history
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, person)).isFalse();
        List<Suppression> entries = suppressions.entriesFor(a.id(), person);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED);
            assertThat(e.liftedAt()).isNotNull();
            assertThat(e.liftedBy()).startsWith("confirm:form:");
        });
        assertThat(jdbc.sql("select count(*) from unsubscribe where account_id = ? and recipient = ?").params(a.id(), person)
                .query(Long.class).single()).isEqualTo(1L);
        String pack = a.api().get("/api/evidence?address=" + URLEncoder.encode(person, StandardCharsets.UTF_8)).body();
        assertThat(pack).contains("unsubscribed").contains("liftedAt");
        assertThat(ledger.recordsFor(a.id(), person)).extracting(ConsentRecord::action).containsExactly(ConsentRecord.Action.GRANT,
                ConsentRecord.Action.CONFIRM, ConsentRecord.Action.WITHDRAW, ConsentRecord.Action.GRANT, ConsentRecord.Action.CONFIRM);

        // the next campaign reaches her, through the gate
        String second = "Nos viennoiseries du dimanche";
        String c2 = EmailSetup.campaign(s, second, HTML, Map.of());
        var started = a.api().post("/api/campaigns/" + c2 + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        JsonNode progress = finished(a, c2);
        assertThat(progress.get("sent").asLong()).as(progress.toString()).isEqualTo(1);
        assertThat(received(second, person)).hasSize(1);
    }

    @Test
    void withdrawalThroughTheApiBlocksABatchAlreadyClaimed() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        var a = s.account();
        String domain = "clients-wd" + a.id().toString().substring(30) + ".example";
        EmailSetup.importContacts(s, "lecteur", domain, 2);
        String subject = "Le pain de la semaine";
        // 6 a minute: the first message leaves at once, the second is claimed and waits ten seconds for its turn
        String c = EmailSetup.campaign(s, subject, HTML, Map.of("throttlePerMinute", 6));
        assertThat(a.api().post("/api/campaigns/" + c + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> mail.getReceivedMessagesForDomain(domain).length >= 1);
        UUID campaign = UUID.fromString(c);
        String first = mail.getReceivedMessagesForDomain(domain)[0].getAllRecipients()[0].toString();
        String target = first.startsWith("lecteur1@") ? "lecteur2@" + domain : "lecteur1@" + domain;
        // the target's message is claimed (a worker holds it, waiting for the throttle), not yet sent
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.sql("select status from outbound_message where campaign_id = ? and recipient = ?")
                        .params(campaign, target).query(String.class).single().equals("sending"));
        assertThat(received(subject, target)).as("a claimed batch").isEmpty();

        var w = a.api().post("/api/consents/withdraw", Map.of("channel", "email", "address", target, "source", "phone call"));
        assertThat(w.status()).as(w.body()).isEqualTo(200);

        JsonNode progress = finished(a, c);
        assertThat(progress.get("sent").asLong()).isEqualTo(1);
        assertThat(progress.get("blocked").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select outcome from send_log where campaign_id = ? and recipient = ?").params(campaign, target)
                .query(String.class).list()).containsExactly("blocked");
        assertThat(jdbc.sql("select reason from send_log where campaign_id = ? and recipient = ?").params(campaign, target)
                .query(String.class).single()).isEqualTo("suppressed");
        Thread.sleep(500);
        assertThat(received(subject, target)).isEmpty();
        assertThat(suppressions.entriesFor(a.id(), target)).extracting(Suppression::reason).containsExactly(SuppressionReason.UNSUBSCRIBED);
    }
}
