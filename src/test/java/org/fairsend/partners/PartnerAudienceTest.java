package org.fairsend.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Partner audiences (issue 19, seed 002 §1.4, R-6): the operator registers a partner and its consented subscribers; an
 * account rents the audience for one campaign, approved by the operator; the messages leave over real SMTP under the
 * partner's identity and unsubscribe, the partner's suppressions apply, and the account never sees an address.
 */
@PostgresTest
class PartnerAudienceTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;

    static final String HTML = "<html><body><p>Bonjour, nos paniers de légumes bio sont livrés chez vous chaque semaine.</p>"
            + "<p><a href=\"https://maraicher.example/paniers\">Voir les paniers</a></p></body></html>";

    record Partner(String id, String accountId, String domain, String subscriberDomain) {}

    private List<MimeMessage> to(String address) {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(address)) out.add(m);
            } catch (Exception e) {
                // not one of ours
            }
        }
        return out;
    }

    /** A partner with a verified sender domain (its DKIM key found published) and three consented subscribers. */
    private Partner partner(Api operator) {
        String tag = Long.toString(System.nanoTime(), 36);
        String domain = "club-" + tag + ".example";
        var created = operator.post("/api/operator/partners", Map.of("legalName", "Club Avantages " + tag + " SAS",
                "address", "12 rue des Lilas, 69003 Lyon", "postcode", "69003", "contactEmail", "partenariat@" + domain,
                "description", "Members of a savings club who accepted offers from the club's advertisers",
                "fromName", "Club Avantages " + tag, "fromAddress", "offres@" + domain));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().at("/partner/id").asString();
        String accountId = created.json().at("/partner/accountId").asString();

        var sd = operator.withHeader("Fairsend-Account", accountId).post("/api/sender-domains", Map.of("domain", domain));
        assertThat(sd.status()).as(sd.body()).isEqualTo(201);
        String sdId = sd.json().get("id").asString();
        var verified = operator.post("/api/operator/sender-domains/" + sdId + "/verify", Map.of("reason", "test: the partner's domain"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        fixtures.dkimKeyFoundPublished(sdId);

        String subscribers = "sub-" + tag + ".example";
        StringBuilder csv = new StringBuilder("email,collected_at,source_url,ip,opt_in_type,confirmed_at,declaration_text\n");
        for (int i = 1; i <= 3; i++) {
            csv.append("membre").append(i).append('@').append(subscribers).append(",2026-05-02T09:00:00Z,https://").append(domain)
                    .append("/inscription,198.51.100.").append(i).append(",double,2026-05-02T09:05:00Z,")
                    .append("\"J'accepte de recevoir par email les offres des annonceurs du Club Avantages\"\n");
        }
        var imported = operator.postRaw("/api/operator/partners/" + id + "/subscribers", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("recorded").asInt()).isEqualTo(3);
        return new Partner(id, accountId, domain, subscribers);
    }

    /** An account with its own verified domain, one contact of its own, and a draft campaign. */
    private record Renter(EmailSetup.Sending s, String campaignId) {}

    private Renter renter(Api operator, String ownDomain) {
        var s = EmailSetup.verifiedSender(fixtures, operator);
        EmailSetup.importContacts(s, "client", ownDomain, 1);
        return new Renter(s, EmailSetup.campaign(s, "Paniers bio livrés chez vous", HTML, Map.of()));
    }

    private String rent(Renter r, Partner p) {
        var asked = r.s().account().api().post("/api/rentals", Map.of("partnerId", p.id(), "campaignId", r.campaignId(),
                "note", "autumn vegetables"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        assertThat(asked.json().at("/rental/state").asString()).isEqualTo("requested");
        return asked.json().at("/rental/id").asString();
    }

    private JsonNode sendAndFinish(Renter r) {
        var started = r.s().account().api().post("/api/campaigns/" + r.campaignId() + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                r.s().account().api().get("/api/campaigns/" + r.campaignId()).json().get("status").asString().equals("finished"));
        return r.s().account().api().get("/api/campaigns/" + r.campaignId() + "/progress").json();
    }

    @Test
    void aRentedAudienceIsReachedUnderThePartnersIdentityAndUnsubscribeWithoutTheAccountSeeingAnAddress() throws Exception {
        Api operator = fixtures.operator();
        Partner p = partner(operator);
        String one = "membre1@" + p.subscriberDomain();
        String two = "membre2@" + p.subscriberDomain();
        String three = "membre3@" + p.subscriberDomain();
        // the partner's own opt-out list: this member left the partner outside Fairsend
        var suppressed = operator.post("/api/operator/partners/" + p.id() + "/suppressions",
                Map.of("address", two, "reason", "unsubscribed from the club by phone"));
        assertThat(suppressed.status()).as(suppressed.body()).isEqualTo(204);

        String ownDomain = "clients-" + Long.toString(System.nanoTime(), 36) + ".example";
        Renter a = renter(operator, ownDomain);
        Api api = a.s().account().api();

        // the account sees who the partner is and how many it could reach: counts only
        var offers = api.get("/api/partners");
        assertThat(offers.status()).isEqualTo(200);
        JsonNode offer = null;
        for (JsonNode o : offers.json()) if (o.get("id").asString().equals(p.id())) offer = o;
        assertThat(offer).as(offers.body()).isNotNull();
        assertThat(offer.get("subscribers").asLong()).isEqualTo(2);
        assertThat(offers.body()).doesNotContain(p.subscriberDomain());

        String rental = rent(a, p);
        // not approved yet: the campaign cannot start (R-6)
        var preflight = api.get("/api/campaigns/" + a.campaignId() + "/preflight").json();
        assertThat(preflight.get("canStart").asBoolean()).isFalse();
        assertThat(preflight.toString()).contains("R-6").contains("requested");
        assertThat(api.post("/api/campaigns/" + a.campaignId() + "/start", null).status()).isEqualTo(422);

        // the operator's endpoints are the operator's; another account's rental is not found
        assertThat(api.get("/api/operator/partners").status()).isEqualTo(403);
        assertThat(api.post("/api/operator/rentals/" + rental + "/approve", Map.of("reason", "self-service")).status()).isEqualTo(403);
        assertThat(api.postRaw("/api/operator/partners/" + p.id() + "/subscribers", "email\nx@y.example\n", "text/csv").status()).isEqualTo(403);
        var other = fixtures.account();
        assertThat(other.api().get("/api/rentals/" + rental).status()).isEqualTo(404);
        assertThat(other.api().post("/api/rentals/" + rental + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(other.api().get("/api/rentals/" + rental + "/history").status()).isEqualTo(404);
        assertThat(other.api().post("/api/rentals", Map.of("partnerId", p.id(), "campaignId", a.campaignId())).status()).isEqualTo(404);

        var approved = operator.post("/api/operator/rentals/" + rental + "/approve", Map.of("reason", "vegetables fit the club's advertisers"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("approved");

        JsonNode progress = sendAndFinish(a);
        assertThat(progress.get("sent").asLong()).as(progress.toString()).isEqualTo(2);
        assertThat(progress.get("blocked").asLong()).isEqualTo(1);
        assertThat(to(two)).isEmpty();
        assertThat(to("client1@" + ownDomain)).as("the account's own contacts are not the rented audience").isEmpty();

        MimeMessage m = to(one).getFirst();
        assertThat(to(three)).hasSize(1);
        assertThat(m.getFrom()[0].toString()).contains("offres@" + p.domain()).contains("Club Avantages");
        String body = TestMail.body(m);
        assertThat(body).contains("Club Avantages").contains("12 rue des Lilas, 69003 Lyon") // the partner's legal identity
                // issue 20: the platform's footer names the partner, whose account the message leaves under (R-9)
                // in French: the partner's account, of France, names no language and reads its country's (issue 20)
                .containsPattern("Envoyé par Club Avantages \\S+ SAS, 12 rue des Lilas, 69003 Lyon")
                .contains("Vous vous êtes inscrit à offers from the advertisers of Club Avantages") // why you receive this (the subject as consented): the partner's consent record (R-7)
                .contains(a.s().account().account().legalName()); // on behalf of the advertiser
        String listUnsubscribe = jakarta.mail.internet.MimeUtility.unfold(m.getHeader("List-Unsubscribe")[0]);
        assertThat(listUnsubscribe).contains("/u/");
        assertThat(m.getHeader("DKIM-Signature")[0].replaceAll("\\s+", "")).contains("d=" + p.domain());

        // the account's API never returns a subscriber's address
        for (String path : List.of("/api/contacts", "/api/contacts?q=membre", "/api/campaigns/" + a.campaignId(),
                "/api/campaigns/" + a.campaignId() + "/progress", "/api/campaigns/" + a.campaignId() + "/preflight",
                "/api/campaigns/" + a.campaignId() + "/history", "/api/reputation/campaigns/" + a.campaignId(), "/api/rentals",
                "/api/rentals/" + rental, "/api/rentals/" + rental + "/history", "/api/suppressions", "/api/imports",
                "/api/partners/" + p.id())) {
            var r = api.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain("membre1@").doesNotContain("membre3@");
        }
        // asked about the address itself, the account's evidence pack holds nothing of the partner's (R-5 is per account)
        var pack = api.get("/api/evidence?address=" + one).json();
        assertThat(pack.at("/sections/messages").size()).isZero();
        assertThat(pack.get("consentRecords").size()).isZero();
        assertThat(api.get("/api/consents?address=" + one).json().size()).isZero();
        var contacts = api.get("/api/contacts").json();
        assertThat(contacts.toString()).contains("client1@" + ownDomain);
        assertThat(contacts.get("items").size()).as("no contact row was created in the account's book").isEqualTo(1);

        // the rental shows counts and the campaign's results
        var view = api.get("/api/rentals/" + rental).json();
        assertThat(view.at("/results/sent").asLong()).isEqualTo(2);
        assertThat(view.at("/audience/byClass/suppressed").asLong()).isEqualTo(1);

        // the unsubscribe page names the partner; the one-click unsubscribes the person for the partner
        String token = TestMail.paths(body, "u").getFirst();
        var page = fixtures.anonymous().get(token);
        assertThat(page.body()).contains("Club Avantages");
        var unsubscribed = fixtures.anonymous().postRaw(token, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(api.get("/api/suppressions").body()).as("the unsubscribe is the partner's, not the account's").doesNotContain("membre1@");

        // a second rental of the partner, by another account, does not reach the person who left
        Renter b = renter(operator, "autres-" + Long.toString(System.nanoTime(), 36) + ".example");
        String second = rent(b, p);
        assertThat(operator.post("/api/operator/rentals/" + second + "/approve", Map.of("reason", "ok")).status()).isEqualTo(200);
        JsonNode progressB = sendAndFinish(b);
        assertThat(progressB.get("sent").asLong()).as(progressB.toString()).isEqualTo(1);
        assertThat(to(one)).hasSize(1);
        assertThat(to(three)).hasSize(2);

        // every step is audited and shown
        var history = operator.get("/api/operator/partners/" + p.id() + "/history").json().toString();
        assertThat(history).contains("registered").contains("subscribers_imported").contains("address_suppressed")
                .contains("requested").contains("approved").contains("vegetables fit the club's advertisers");
        var accountHistory = api.get("/api/rentals/" + rental + "/history").json().toString();
        assertThat(accountHistory).contains("requested").contains("approved").doesNotContain("address_suppressed");
        var queue = operator.get("/api/operator/rentals?state=approved").json().toString();
        assertThat(queue).contains(rental).contains(second);
    }

    @Test
    void aRefusedRentalKeepsTheCampaignFromStartingAndEveryDecisionNeedsAReason() throws Exception {
        Api operator = fixtures.operator();
        Partner p = partner(operator);
        Renter a = renter(operator, "refus-" + Long.toString(System.nanoTime(), 36) + ".example");
        String rental = rent(a, p);
        // one live rental per campaign
        assertThat(a.s().account().api().post("/api/rentals", Map.of("partnerId", p.id(), "campaignId", a.campaignId())).status())
                .isEqualTo(409);
        var noReason = operator.post("/api/operator/rentals/" + rental + "/refuse", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("reason");
        var refused = operator.post("/api/operator/rentals/" + rental + "/refuse", Map.of("reason", "gambling is not among the club's advertisers"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().get("state").asString()).isEqualTo("refused");
        assertThat(operator.post("/api/operator/rentals/" + rental + "/approve", Map.of("reason", "changed my mind")).status()).isEqualTo(409);
        // the account is told, with the operator's reason
        String contact = a.s().account().account().contactEmail();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> !to(contact).isEmpty());
        MimeMessage notice = to(contact).getFirst();
        assertThat(notice.getSubject()).contains("refused");
        assertThat(TestMail.body(notice)).contains("gambling is not among the club's advertisers");
        // refused: the campaign is the account's own again, to its own contacts
        var preflight = a.s().account().api().get("/api/campaigns/" + a.campaignId() + "/preflight").json();
        assertThat(preflight.at("/audience/targeted").asLong()).isEqualTo(1);
    }

    @Test
    void subscribersWhoseConsentDoesNotNameThePartnersAdvertisersAreRefusedWhole() {
        Api operator = fixtures.operator();
        Partner p = partner(operator);
        String csv = "email,collected_at,source_url,ip,declaration_text\n"
                + "nouveau1@" + p.subscriberDomain() + ",2026-05-02T09:00:00Z,https://" + p.domain() + "/f,198.51.100.9,"
                + "\"J'accepte les offres des annonceurs du club\"\n"
                + "nouveau2@" + p.subscriberDomain() + ",2026-05-02T09:00:00Z,https://" + p.domain() + "/f,198.51.100.9,"
                + "\"J'accepte la lettre du club\"\n";
        var r = operator.postRaw("/api/operator/partners/" + p.id() + "/subscribers", csv, "text/csv");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("declaration_text").contains("R-6").contains("line 3");
        // nothing of the file was written: the partner still reaches its three subscribers
        var view = operator.get("/api/operator/partners/" + p.id()).json();
        assertThat(view.at("/audience/targeted").asLong()).isEqualTo(3);
    }

    @Test
    void aSubscriberErasedFromThePartnerLeavesNoTraceInThePartnersAudit() {
        Api operator = fixtures.operator();
        Partner p = partner(operator);
        String member = "membre1@" + p.subscriberDomain();
        assertThat(operator.post("/api/operator/partners/" + p.id() + "/suppressions",
                Map.of("address", member, "reason", "asked by phone: " + member)).status()).isEqualTo(204);
        assertThat(operator.get("/api/operator/partners/" + p.id() + "/history").body()).contains(member);
        // X-5: the person's erasure, in the partner's account where the person is kept
        var erased = operator.withHeader("Fairsend-Account", p.accountId()).delete("/api/contacts?address=" + member);
        assertThat(erased.status()).as(erased.body()).isIn(200, 204);
        var history = operator.get("/api/operator/partners/" + p.id() + "/history").body();
        assertThat(history).doesNotContain(member).contains("asked by phone: erased");
        assertThat(operator.get("/api/operator/partners/" + p.id()).json().at("/audience/targeted").asLong()).isEqualTo(2);
    }

    @Test
    void anyOtherBoughtOrRentedListStaysRefused() {
        var a = fixtures.account();
        String csv = EmailSetup.HEADER + "loue1@fichier.example,Anne,opt_in,single,2026-06-01T10:00:00Z,https://x.example/f,203.0.113.7,"
                + "J'accepte les offres des annonceurs,Offres,true,Lyon\n";
        for (String q : List.of("provenance=rented", "provenance=purchased", "provenance=partner",
                "provenance=other&provenanceDetail=fichier%20lou%C3%A9%20%C3%A0%20un%20partenaire")) {
            var r = a.api().postRaw("/api/imports?format=csv&" + q, csv, "text/csv");
            assertThat(r.status()).as(q + ": " + r.body()).isEqualTo(422);
            assertThat(r.body()).contains("R-6").contains("/api/partners");
        }
        assertThat(a.api().get("/api/contacts").json().get("items").size()).isZero();
    }
}
