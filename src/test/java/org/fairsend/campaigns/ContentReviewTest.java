package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * R-11 (issue 16), the review severity: a campaign whose preflight has an ambiguous finding waits for the operator
 * (start and schedule answer 202 {@code in_review}); the operator approves (it goes on as asked) or refuses with a
 * reason (back to draft); the account is told by mail and reads the decision on its campaign; an edit of the content
 * withdraws the request, and an approval holds for the reviewed content only. The ambiguous term is put in the policy
 * by the test (the default lexicon is data that changes).
 */
@PostgresTest
class ContentReviewTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    /** A word of no language, made ambiguous for gambling by the test's policy: alone in a message it is held for review. */
    static final String TERM = "zorglub";

    static final String HTML = """
            <html><body><h1>Bonjour {{ contact.first_name }} !</h1>
            <p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois.</p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @Autowired Fixtures fixtures;

    @BeforeEach
    void term() {
        EmailSetup.ambiguousTerm(fixtures.operator(), TERM);
    }

    @AfterEach
    void back() {
        EmailSetup.defaultPolicy(fixtures.operator());
    }

    private static EmailSetup.Sending sender(Fixtures fixtures, String prefix, String domain, int contacts) {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, prefix, domain, contacts);
        return s;
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String status(Api api, String campaign) {
        return api.get("/api/campaigns/" + campaign).json().get("status").asString();
    }

    @Test
    void aHeldCampaignWaitsForTheOperatorWhoApprovesItAndTheAccountIsToldAtOnce() throws Exception {
        var s = sender(fixtures, "lecteur", "clients-review-a.example", 3);
        var api = s.account().api();
        String id = EmailSetup.campaign(s, "Le " + TERM + " de la boulangerie revient", HTML, Map.of());

        var report = api.get("/api/campaigns/" + id + "/preflight").json();
        assertThat(report.get("canStart").asBoolean()).as(report.toString()).isTrue(); // no blocking finding
        assertThat(report.get("findings").toString()).contains("\"severity\":\"review\"").contains(TERM);

        var started = api.post("/api/campaigns/" + id + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("status").asString()).isEqualTo("in_review");
        assertThat(started.json().get("message").asString()).contains("operator's review").contains(TERM).contains("starts sending");
        assertThat(started.json().at("/review/state").asString()).isEqualTo("pending");
        assertThat(status(api, id)).isEqualTo("in_review");
        // nothing leaves while it waits, and the account cannot start it again
        assertThat(api.get("/api/campaigns/" + id + "/progress").json().path("sent").asLong(0)).isZero();
        var again = api.post("/api/campaigns/" + id + "/start", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/errors/0/rule").asString()).isEqualTo("R-11");

        // the account sees its request; another account does not see the campaign at all
        var mine = api.get("/api/campaigns/" + id + "/review");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("state").asString()).isEqualTo("pending");
        assertThat(mine.json().get("request").asString()).isEqualTo("start");
        assertThat(fixtures.account().api().get("/api/campaigns/" + id + "/review").status()).isEqualTo(404);
        // the operator's API is the operator's
        assertThat(api.get("/api/operator/reviews").status()).isIn(401, 403);

        var op = fixtures.operator();
        JsonNode pending = op.get("/api/operator/reviews?state=pending").json();
        String reviewId = null;
        for (JsonNode r : pending) if (r.get("campaignId").asString().equals(id)) reviewId = r.get("id").asString();
        assertThat(reviewId).as(pending.toString()).isNotNull();
        var detail = op.get("/api/operator/reviews/" + reviewId).json();
        assertThat(detail.at("/review/accountId").asString()).isEqualTo(s.account().id().toString());
        assertThat(detail.at("/review/channel").asString()).isEqualTo("email");
        assertThat(detail.at("/review/contentHash").asString()).hasSize(64);
        assertThat(detail.at("/review/requestedBy").asString()).isNotBlank();
        assertThat(detail.at("/review/findings").toString()).contains(TERM);
        assertThat(detail.at("/content/subject").asString()).contains(TERM);
        assertThat(detail.at("/content/htmlText").asString()).contains("Notre pain de campagne").doesNotContain("<p>");
        assertThat(op.get("/api/operator/reviews?state=later").status()).isEqualTo(400);

        var approved = op.post("/api/operator/reviews/" + reviewId + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("approved");
        assertThat(approved.json().get("decidedBy").asString()).isNotBlank();
        assertThat(op.post("/api/operator/reviews/" + reviewId + "/refuse", Map.of("reason", "too late")).status()).isEqualTo(409);

        // it goes on as asked: it starts sending and the recipients get it
        await().atMost(Duration.ofSeconds(60)).until(() -> status(api, id).equals("finished"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain("clients-review-a.example").length == 3);

        // the account is told at once, by mail to its address
        String to = s.account().account().contactEmail();
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(to).isEmpty());
        MimeMessage notice = mailTo(to).getLast();
        assertThat(notice.getSubject()).contains("Lettre de novembre").contains("approved");
        assertThat(GreenMailUtil.getBody(notice)).contains("R-11").contains(id);
        var seen = api.get("/api/campaigns/" + id + "/review").json();
        assertThat(seen.get("state").asString()).isEqualTo("approved");
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.get("/api/campaigns/" + id + "/review").json().path("notifiedAt").isNull());
    }

    @Test
    void theOperatorRefusesAScheduledRequestWithAReasonTheAccountReads() throws Exception {
        var s = sender(fixtures, "voisin", "clients-review-b.example", 2);
        var api = s.account().api();
        String id = EmailSetup.campaign(s, "Les " + TERM + " du dimanche", HTML, Map.of());
        String at = Instant.now().plus(Duration.ofDays(2)).toString();
        var scheduled = api.post("/api/campaigns/" + id + "/schedule", Map.of("at", at.replace("Z", "+00:00")));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(202);
        assertThat(scheduled.json().get("status").asString()).isEqualTo("in_review");
        assertThat(scheduled.json().at("/review/request").asString()).isEqualTo("schedule");
        assertThat(scheduled.json().get("message").asString()).contains("scheduled for");
        String reviewId = scheduled.json().at("/review/id").asString();

        var op = fixtures.operator();
        var noReason = op.post("/api/operator/reviews/" + reviewId + "/refuse", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.header("Content-Type")).contains("problem+json");
        assertThat(noReason.json().at("/errors/0/field").asString()).isEqualTo("reason");
        var refused = op.post("/api/operator/reviews/" + reviewId + "/refuse", Map.of("reason", "the zorglub is a betting game here"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);

        var c = api.get("/api/campaigns/" + id).json();
        assertThat(c.get("status").asString()).isEqualTo("draft");
        assertThat(c.get("statusReason").asString()).contains("the zorglub is a betting game here");
        var review = api.get("/api/campaigns/" + id + "/review").json();
        assertThat(review.get("state").asString()).isEqualTo("refused");
        assertThat(review.get("reason").asString()).isEqualTo("the zorglub is a betting game here");
        assertThat(api.get("/api/campaigns/" + id + "/history").body()).contains("in_review").contains("the zorglub is a betting game here");

        String to = s.account().account().contactEmail();
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(to).isEmpty());
        MimeMessage notice = mailTo(to).getLast();
        assertThat(notice.getSubject()).contains("refused");
        assertThat(GreenMailUtil.getBody(notice)).contains("the zorglub is a betting game here");
        assertThat(mail.getReceivedMessagesForDomain("clients-review-b.example")).isEmpty();
        assertThat(op.get("/api/operator/reviews?state=refused").body()).contains(reviewId);
    }

    @Test
    void anEditWithdrawsTheRequestAndAnApprovalHoldsForTheReviewedContentOnly() {
        var s = sender(fixtures, "client", "clients-review-c.example", 1);
        var api = s.account().api();
        String id = EmailSetup.campaign(s, "Le " + TERM + " est de retour", HTML, Map.of());
        assertThat(api.post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(202);
        String first = api.get("/api/campaigns/" + id + "/review").json().get("id").asString();

        // renaming it is not editing what recipients read: the request stands
        assertThat(api.put("/api/campaigns/" + id, Map.of("name", "Lettre de décembre")).status()).isEqualTo(200);
        assertThat(status(api, id)).isEqualTo("in_review");
        // editing the content withdraws it: a draft again
        var edited = api.put("/api/campaigns/" + id, Map.of("subject", "Le " + TERM + " revient samedi"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("status").asString()).isEqualTo("draft");
        assertThat(api.get("/api/campaigns/" + id + "/review").json().get("state").asString()).isEqualTo("withdrawn");
        assertThat(fixtures.operator().post("/api/operator/reviews/" + first + "/approve", Map.of()).status()).isEqualTo(409);

        // scheduled soon and approved: scheduled; edited after the approval, it needs a new review when its time comes
        String at = Instant.now().plus(Duration.ofSeconds(6)).toString().replace("Z", "+00:00");
        var held = api.post("/api/campaigns/" + id + "/schedule", Map.of("at", at));
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        String second = held.json().at("/review/id").asString();
        assertThat(second).isNotEqualTo(first);
        var approved = fixtures.operator().post("/api/operator/reviews/" + second + "/approve", Map.of("reason", "a comic-book character"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(status(api, id)).isEqualTo("scheduled");
        assertThat(api.get("/api/campaigns/" + id + "/history").body()).contains("content approved after review (R-11): a comic-book character");
        assertThat(api.put("/api/campaigns/" + id, Map.of("subject", "Le " + TERM + " revient dimanche")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(40)).until(() -> status(api, id).equals("in_review"));
        var third = api.get("/api/campaigns/" + id + "/review").json();
        assertThat(third.get("state").asString()).isEqualTo("pending");
        assertThat(third.get("id").asString()).isNotIn(first, second);
        assertThat(mail.getReceivedMessagesForDomain("clients-review-c.example")).isEmpty();
    }

    @Test
    void aReviewFindingInOneTransactionalMessageIsRefusedNamingTheTerm() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        var r = s.account().api().post("/api/messages/email", Map.of("to", "client@clients-review-d.example", "category", "order",
                "subject", "Votre " + TERM + " est prêt", "html", "<p>Votre commande n°2211 est prête.</p>",
                "fromName", s.account().account().tradeName(), "fromAddress", "commandes@" + s.domain()));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/rule").asString()).isEqualTo("R-11");
        assertThat(r.json().at("/errors/0/message").asString()).contains(TERM).contains("campaign");
    }

    @Test
    void anSmsCampaignIsHeldTheSameWayAndOneSmsThroughTheApiIsRefused() {
        var a = fixtures.account();
        var list = a.api().post("/api/lists", Map.of("name", "Clients SMS"));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        String listId = list.json().get("id").asString();
        String csv = "phone,first_name,channels,consent_basis,opt_in_type,collected_at,source_url,ip,declaration_text,subject,explicit\n"
                + "+33618420001,Camille,sms,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/sms,203.0.113.7,"
                + "J'accepte de recevoir les offres SMS de la boulangerie,Offres de la boulangerie par SMS,true\n";
        var imported = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + listId, csv, "text/csv");
        assertThat(imported.status()).as(imported.body()).isIn(200, 201, 202);
        String importId = imported.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !a.api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        var created = a.api().post("/api/campaigns", Map.of("name", "SMS du samedi", "channel", "sms", "listIds", List.of(listId),
                "text", "Boulangerie : le " + TERM + " du samedi vous attend. STOP au 36111"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();

        var held = a.api().post("/api/campaigns/" + id + "/start", null);
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        assertThat(held.json().at("/review/channel").asString()).isEqualTo("sms");
        String reviewId = held.json().at("/review/id").asString();
        var detail = fixtures.operator().get("/api/operator/reviews/" + reviewId).json();
        assertThat(detail.at("/content/smsText").asString()).contains(TERM);
        assertThat(detail.at("/content/subject").isMissingNode() || detail.at("/content/subject").isNull()).isTrue(); // an SMS has no subject
        var refused = fixtures.operator().post("/api/operator/reviews/" + reviewId + "/refuse", Map.of("reason", "reword the SMS"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(status(a.api(), id)).isEqualTo("draft");

        var one = a.api().post("/api/messages/sms", Map.of("to", "+33618420002", "category", "order",
                "text", "Votre " + TERM + " est prêt en boutique."));
        assertThat(one.status()).as(one.body()).isEqualTo(422);
        assertThat(one.json().at("/errors/0/rule").asString()).isEqualTo("R-11");
        assertThat(one.json().at("/errors/0/message").asString()).contains(TERM);
    }
}
