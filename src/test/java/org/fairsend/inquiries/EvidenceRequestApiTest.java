package org.fairsend.inquiries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.inquiries.EvidenceSetup.Complained;
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
 * Evidence requests after a complaint (seed 002 §1.2, issue 19) through the REST API on PostgreSQL: the operator asks
 * from a complaint of unjustified use; the account, and only it, sees the request with what the consent ledger holds
 * about each named address (R-4: date and time, context, URL, IP, opt-in type, declaration, separate consent; for a
 * prior relationship its nature and how the customer was informed), attaches files whose type is read from their bytes,
 * and answers; the operator accepts or rejects with a reason, a rejection counting as an incriminated campaign (R-15). A
 * missed deadline (5 working days, shifted clock) suspends the channel until the account answers; reminders arrive by mail.
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class EvidenceRequestApiTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;
    @Autowired EvidenceRequests requests;
    @Autowired ApiKeys keys;

    @AfterEach
    void back() {
        clock.reset();
    }

    @Test
    void theAccountSeesTheLedgersEvidenceAttachesFilesAndAnswersAndTheOperatorAccepts() throws Exception {
        Complained c = EvidenceSetup.complained(fixtures, mail, "ok");
        Api op = fixtures.operator();
        Api account = c.account().api();
        // a second address, an existing customer recorded through the ledger's API (R-4: nature, how informed)
        String customer = "Fidele@" + c.domain();
        var granted = account.post("/api/consents", Map.of("channel", "email", "address", customer, "basis", "existing_customer",
                "context", "prior_relationship", "collectedAt", Instant.now().minusSeconds(3600).toString(),
                "relationshipNature", "achat d'un gâteau d'anniversaire", "informedHow", "mention sur le ticket de caisse",
                "optOutOffered", true, "relationshipSince", java.time.LocalDate.now().minusDays(10).toString(), "subject", "cakes"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        // the operator needs a complaint that exists, and an address that is one
        assertThat(op.post("/api/operator/evidence-requests", Map.of("complaintId", 987654321)).status()).isEqualTo(404);
        var bad = op.post("/api/operator/evidence-requests", Map.of("complaintId", c.complaintId(), "addresses", List.of("not an address")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("addresses[0]");
        assertThat(account.post("/api/operator/evidence-requests", Map.of("complaintId", c.complaintId())).status()).isEqualTo(403);

        Instant before = Instant.now();
        var opened = op.post("/api/operator/evidence-requests", Map.of("complaintId", c.complaintId(), "addresses", List.of(c.address(), customer),
                "note", "the recipient says <b>never</b>"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.json().get("id").asLong();
        assertThat(opened.json().get("state").asString()).isEqualTo("open");
        assertThat(opened.json().get("channel").asString()).isEqualTo("email");
        assertThat(opened.json().get("campaignId").asString()).isEqualTo(c.campaignId());
        assertThat(opened.json().get("addresses").valueStream().map(JsonNode::asString)).containsExactly(c.address(), customer.toLowerCase());
        // the deadline: 5 working days (Monday to Friday) in the policy's time zone, the same time of day
        Instant deadline = Instant.parse(opened.json().get("deadline").asString());
        assertThat(workingDaysBetween(before, deadline)).isEqualTo(5);
        assertThat(Duration.between(before, deadline)).isBetween(Duration.ofDays(5), Duration.ofDays(7).plusMinutes(1));
        assertThat(op.post("/api/operator/evidence-requests", Map.of("complaintId", c.complaintId())).status())
                .as("one request per complaint at a time").isEqualTo(409);
        // the account is told by mail
        await().atMost(Duration.ofSeconds(20)).until(() -> EvidenceSetup.mailsTo(mail, c.account(), "Evidence of consent requested (request " + id + ")") == 1);
        assertThat(EvidenceSetup.lastBody(mail, c.account(), "Evidence of consent requested")).contains(c.address()).contains("/console/evidence-requests/" + id);

        // only the account sees it: another account answers 404 everywhere and lists nothing
        var other = fixtures.account();
        assertThat(other.api().get("/api/evidence-requests/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("/api/evidence-requests").json().size()).isZero();
        assertThat(other.api().post("/api/evidence-requests/" + id + "/answer", Map.of("statement", "x")).status()).isEqualTo(404);
        assertThat(EvidenceSetup.upload(fixtures, other.key(), id, "x.png", EvidenceSetup.PNG, "image/png").statusCode()).isEqualTo(404);
        assertThat(account.get("/api/evidence-requests").json().findValuesAsString("state")).containsExactly("open");

        // pre-filled from the ledger (R-4)
        JsonNode detail = account.get("/api/evidence-requests/" + id).json();
        JsonNode first = detail.at("/evidence/0");
        assertThat(first.get("address").asString()).isEqualTo(c.address());
        assertThat(first.get("inForce").asBoolean()).isTrue();
        JsonNode g = first.at("/grants/0");
        assertThat(g.get("collectedAt").asString()).isEqualTo("2026-06-01T10:00:00Z");
        assertThat(g.get("sourceUrl").asString()).isEqualTo("https://boulangerie.example/newsletter");
        assertThat(g.get("ip").asString()).isEqualTo("203.0.113.7");
        assertThat(g.get("optInType").asString()).isEqualTo("single");
        assertThat(g.get("declarationText").asString()).isEqualTo("J'accepte de recevoir la lettre de la boulangerie");
        assertThat(g.get("explicit").asBoolean()).isTrue();
        assertThat(g.get("basis").asString()).isEqualTo("opt_in");
        JsonNode customerGrant = detail.at("/evidence/1/grants/0");
        assertThat(customerGrant.get("context").asString()).isEqualTo("prior_relationship");
        assertThat(customerGrant.get("relationshipNature").asString()).isEqualTo("achat d'un gâteau d'anniversaire");
        assertThat(customerGrant.get("informedHow").asString()).isEqualTo("mention sur le ticket de caisse");
        assertThat(customerGrant.get("basis").asString()).isEqualTo("existing_customer");
        assertThat(detail.at("/steps/0/action").asString()).isEqualTo("opened");

        // files: a PNG as the raw body, a PDF as multipart; the type is read from the bytes
        var png = EvidenceSetup.upload(fixtures, c.account().key(), id, "formulaire.png", EvidenceSetup.PNG, "application/octet-stream");
        assertThat(png.statusCode()).as(png.body()).isEqualTo(201);
        JsonNode pngJson = Api.JSON.readTree(png.body());
        assertThat(pngJson.get("contentType").asString()).isEqualTo("image/png");
        var pdf = EvidenceSetup.uploadMultipart(fixtures, c.account().key(), id, "conditions.pdf", EvidenceSetup.PDF, "application/pdf");
        assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(201);
        assertThat(Api.JSON.readTree(pdf.body()).get("contentType").asString()).isEqualTo("application/pdf");
        // an HTML page named and declared as a PNG is refused, with problem+json naming the field
        var html = EvidenceSetup.uploadMultipart(fixtures, c.account().key(), id, "capture.png",
                "<html><script>alert(1)</script></html>".getBytes(), "image/png");
        assertThat(html.statusCode()).isEqualTo(415);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Api.JSON.readTree(html.body()).get("errors").findValuesAsString("field")).containsExactly("file");
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(EvidenceSetup.PNG, 0, big, 0, EvidenceSetup.PNG.length);
        var tooBig = EvidenceSetup.upload(fixtures, c.account().key(), id, "big.png", big, "image/png");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(Api.JSON.readTree(tooBig.body()).get("errors").findValuesAsString("field")).containsExactly("file");
        assertThat(account.get("/api/evidence-requests/" + id).json().get("attachments").size()).as("nothing stored from a refused file").isEqualTo(2);

        // served only as an attachment, with nosniff, to the account and the operator; 404 to another account
        String path = "/api/evidence-requests/" + id + "/attachments/" + pngJson.get("id").asLong();
        var got = EvidenceSetup.download(fixtures, c.account().key(), path);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(EvidenceSetup.PNG);
        assertThat(got.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(got.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment").contains("formulaire.png");
        assertThat(got.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(EvidenceSetup.download(fixtures, other.key(), path).statusCode()).isEqualTo(404);
        String opKey = keys.createOperatorKey("evidence-test").secret();
        var opGot = EvidenceSetup.download(fixtures, opKey, "/api/operator" + path.substring(4));
        assertThat(opGot.statusCode()).isEqualTo(200);
        assertThat(opGot.body()).isEqualTo(EvidenceSetup.PNG);
        assertThat(opGot.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");

        // the operator decides only an answered request
        assertThat(op.post("/api/operator/evidence-requests/" + id + "/accept", Map.of("reason", "fine")).status()).isEqualTo(409);
        var answered = account.post("/api/evidence-requests/" + id + "/answer", Map.of("statement", "Inscrit sur notre site, voir la capture."));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().get("state").asString()).isEqualTo("answered");
        assertThat(account.post("/api/evidence-requests/" + id + "/answer", Map.of("statement", "again")).status()).isEqualTo(409);
        assertThat(EvidenceSetup.upload(fixtures, c.account().key(), id, "late.png", EvidenceSetup.PNG, "image/png").statusCode()).isEqualTo(409);
        var noReason = op.post("/api/operator/evidence-requests/" + id + "/accept", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("errors").findValuesAsString("field")).containsExactly("reason");
        var accepted = op.post("/api/operator/evidence-requests/" + id + "/accept", Map.of("reason", "form and double check convincing"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("state").asString()).isEqualTo("accepted");
        assertThat(accepted.json().get("decisionReason").asString()).isEqualTo("form and double check convincing");

        // every step, shown to both sides
        List<String> steps = account.get("/api/evidence-requests/" + id).json().get("steps").findValuesAsString("action");
        assertThat(steps).containsExactly("opened", "attachment-added", "attachment-added", "answered", "accepted");
        assertThat(op.get("/api/operator/evidence-requests/" + id).json().get("steps").findValuesAsString("action")).isEqualTo(steps);
        assertThat(op.get("/api/operator/evidence-requests?state=accepted&accountId=" + c.account().id()).json().findValuesAsString("state"))
                .containsExactly("accepted");
        await().atMost(Duration.ofSeconds(20)).until(() -> EvidenceSetup.mailsTo(mail, c.account(), "Your evidence was accepted") == 1);
        // accepted: nothing on the ladder
        assertThat(op.get("/api/operator/reputation/campaigns/" + c.campaignId()).json().hasNonNull("incident")).isFalse();
    }

    @Test
    void aRejectedAnswerCountsAsAnIncriminatedCampaignOnTheLadder() {
        Complained c = EvidenceSetup.complained(fixtures, mail, "no");
        Api op = fixtures.operator();
        long id = op.post("/api/operator/evidence-requests", Map.of("complaintId", c.complaintId())).json().get("id").asLong();
        assertThat(c.account().api().post("/api/evidence-requests/" + id + "/answer", Map.of()).status()).isEqualTo(200);
        var rejected = op.post("/api/operator/evidence-requests/" + id + "/reject", Map.of("reason", "no trace of the form the account names"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("state").asString()).isEqualTo("rejected");
        assertThat(op.post("/api/operator/evidence-requests/" + id + "/accept", Map.of("reason", "changed my mind")).status()).isEqualTo(409);

        // the reputation module records it through its ladder: an incident on the campaign, the first rung, the reason audited
        await().atMost(Duration.ofSeconds(30)).until(() -> op.get("/api/operator/reputation/campaigns/" + c.campaignId()).json().hasNonNull("incident"));
        JsonNode incident = op.get("/api/operator/reputation/campaigns/" + c.campaignId()).json().get("incident");
        assertThat(incident.get("indicator").asString()).isEqualTo("evidence_rejected");
        assertThat(incident.get("rung").asInt()).isEqualTo(1);
        assertThat(incident.get("status").asString()).isEqualTo("standing");
        await().atMost(Duration.ofSeconds(10)).until(() -> op.get("/api/operator/reputation/accounts/" + c.account().id() + "/sanctions").json()
                .get("audit").toString().contains("evidence request " + id + " rejected: no trace of the form the account names"));
        assertThat(op.get("/api/operator/reputation/accounts/" + c.account().id()).json().get("standingIncidents").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> EvidenceSetup.mailsTo(mail, c.account(), "Your evidence was rejected") == 1);
    }

    @Test
    void aMissedDeadlineSuspendsTheChannelAfterAReminderAndTheAnswerLiftsIt() throws Exception {
        Complained c = EvidenceSetup.complained(fixtures, mail, "late");
        Api op = fixtures.operator();
        JsonNode opened = op.post("/api/operator/evidence-requests", Map.of("complaintId", c.complaintId())).json();
        long id = opened.get("id").asLong();
        Instant deadline = Instant.parse(opened.get("deadline").asString());
        Instant remindAt = Instant.parse(opened.get("remindAt").asString());
        assertThat(workingDaysBetween(remindAt, deadline)).as("one working day before").isEqualTo(1);
        String channel = "/api/operator/reputation/accounts/" + c.account().id();

        // nothing is due yet
        requests.checkDeadlines();
        assertThat(EvidenceSetup.mailsTo(mail, c.account(), "Reminder")).isZero();

        // a working day before the deadline: the reminder
        clock.setNow(remindAt.plusSeconds(60));
        requests.checkDeadlines();
        await().atMost(Duration.ofSeconds(20)).until(() -> EvidenceSetup.mailsTo(mail, c.account(), "Reminder: evidence of consent due") == 1);
        assertThat(EvidenceSetup.lastBody(mail, c.account(), "Reminder")).contains("request " + id).contains("suspended until you answer");
        requests.checkDeadlines();
        assertThat(EvidenceSetup.mailsTo(mail, c.account(), "Reminder: evidence of consent due")).as("once").isEqualTo(1);
        assertThat(op.get(channel).json().at("/channels/0/status").asString()).isEqualTo("active");

        // the deadline passes: the email channel is suspended until the account answers, and the account is told
        clock.setNow(deadline.plusSeconds(60));
        requests.checkDeadlines();
        JsonNode overdue = c.account().api().get("/api/evidence-requests/" + id).json();
        assertThat(overdue.at("/request/state").asString()).isEqualTo("overdue");
        assertThat(op.get(channel).json().at("/channels/0/status").asString()).isEqualTo("suspended");
        assertThat(op.get(channel).json().at("/channels/0/reason").asString()).contains("evidence request " + id);
        await().atMost(Duration.ofSeconds(20)).until(() -> EvidenceSetup.mailsTo(mail, c.account(), "overdue: your email channel is suspended") == 1);
        // a campaign cannot start meanwhile
        String next = org.fairsend.campaigns.EmailSetup.campaign(c.s(), "Encore du pain", "<p>Bonjour</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>",
                Map.of("name", "Lettre suivante"));
        assertThat(c.account().api().post("/api/campaigns/" + next + "/start", null).status()).isEqualTo(422);

        // the answer lifts the suspension
        assertThat(c.account().api().post("/api/evidence-requests/" + id + "/answer", Map.of("statement", "Désolé du retard")).status()).isEqualTo(200);
        assertThat(op.get(channel).json().at("/channels/0/status").asString()).isEqualTo("active");
        List<String> steps = c.account().api().get("/api/evidence-requests/" + id).json().get("steps").findValuesAsString("action");
        assertThat(steps).containsSubsequence("opened", "reminded", "suspended", "answered", "lifted");
        requests.checkDeadlines();
        assertThat(op.get(channel).json().at("/channels/0/status").asString()).as("an answered request suspends nothing").isEqualTo("active");
    }

    private static int workingDaysBetween(Instant from, Instant to) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        int n = 0;
        for (var d = from.atZone(paris).toLocalDate().plusDays(1); !d.isAfter(to.atZone(paris).toLocalDate()); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) n++;
        }
        return n;
    }
}
