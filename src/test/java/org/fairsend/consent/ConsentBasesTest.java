package org.fairsend.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * X-8 through the real API and imports: B2B only for professional addresses and with the person's role; the
 * existing-customer basis (soft opt-in) only with the purchase date and the notice; both restricted to topic keys.
 */
@PostgresTest
class ConsentBasesTest {

    @Autowired Fixtures fixtures;

    static Map<String, Object> b2b(String address) {
        Map<String, Object> m = new HashMap<>();
        m.put("channel", "email");
        m.put("address", address);
        m.put("basis", "b2b");
        m.put("context", "other");
        m.put("contextDetail", "business card left at the trade fair stand");
        m.put("collectedAt", Instant.now().minusSeconds(86_400).toString());
        m.put("subject", "bakery-equipment");
        m.put("role", "Head of purchasing");
        m.put("optOutOffered", true);
        return m;
    }

    static Map<String, Object> softOptIn(String address) {
        Map<String, Object> m = new HashMap<>();
        m.put("channel", "email");
        m.put("address", address);
        m.put("basis", "soft_opt_in");
        m.put("context", "prior_relationship");
        m.put("collectedAt", Instant.now().minusSeconds(86_400).toString());
        m.put("relationshipNature", "purchase of a sourdough loaf subscription");
        m.put("relationshipSince", LocalDate.now().minusMonths(2).toString());
        m.put("informedHow", "notice on the order form and an unsubscribe link in every message");
        m.put("optOutOffered", true);
        m.put("subject", "sourdough-bread, pastries");
        return m;
    }

    /** The (field, rule) pairs of a problem+json answer. */
    private static List<String> errors(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        List<String> out = new ArrayList<>();
        r.json().get("errors").forEach(e -> out.add(e.get("field").asString() + ":" + e.get("rule").asString()));
        return out;
    }

    @Test
    void b2bOnAConsumerMailboxIsRefusedWithTheRule() {
        var a = fixtures.account();
        for (String address : List.of("jean.dupont@gmail.com", "Jean.Dupont@Orange.fr", "jdupont@hotmail.co.uk", "jean@yahoo.fr",
                "jean@mail.free.fr", "jean@proton.me")) {
            var r = a.api().post("/api/consents", b2b(address));
            assertThat(errors(r)).as(address).containsExactly("address:X-8");
            assertThat(r.body()).contains("consumer mailbox");
        }
        assertThat(a.api().get("/api/consents?address=jean.dupont@gmail.com").json().size()).isZero();
    }

    @Test
    void b2bOnACompanyDomainWithARoleIsRecordedAndWithoutARoleRefused() {
        var a = fixtures.account();
        var ok = a.api().post("/api/consents", b2b("claire.martin@atelier-dupont.fr"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().at("/record/basis").asString()).isEqualTo("b2b");
        assertThat(ok.json().at("/record/role").asString()).isEqualTo("Head of purchasing");
        assertThat(ok.json().at("/state/status").asString()).isEqualTo("granted");
        // the contact carries the topic keys its record covers (what the audience matches)
        JsonNode contact = a.api().get("/api/contacts?q=claire.martin").json().at("/items/0");
        assertThat(contact.at("/subscriptions/email/basis").asString()).isEqualTo("b2b");
        assertThat(contact.at("/subscriptions/email/topics").asString()).isEqualTo("bakery-equipment");

        Map<String, Object> noRole = b2b("paul@atelier-dupont.fr");
        noRole.remove("role");
        assertThat(errors(a.api().post("/api/consents", noRole))).containsExactly("role:X-8");
        // a free-text subject is no topic key: the campaigns it covers could not be told
        Map<String, Object> prose = b2b("paul@atelier-dupont.fr");
        prose.put("subject", "Our offers for professional bakers");
        assertThat(errors(a.api().post("/api/consents", prose))).containsExactly("subject:X-8");

        // a professional number has no domain to check: B2B by SMS needs the same role and topics (X-8)
        Map<String, Object> sms = b2b("06 12 34 56 78");
        sms.put("channel", "sms");
        var bySms = a.api().post("/api/consents", sms);
        assertThat(bySms.status()).as(bySms.body()).isEqualTo(201);
        sms.remove("role");
        sms.put("address", "06 12 34 56 79");
        assertThat(errors(a.api().post("/api/consents", sms))).containsExactly("role:X-8");
    }

    @Test
    void softOptInNeedsThePurchaseDateAndTheNotice() {
        var a = fixtures.account();
        Map<String, Object> noDate = softOptIn("anne@exemple.fr");
        noDate.remove("relationshipSince");
        assertThat(errors(a.api().post("/api/consents", noDate))).containsExactly("relationshipSince:X-8");

        Map<String, Object> future = softOptIn("anne@exemple.fr");
        future.put("relationshipSince", LocalDate.now().plusDays(3).toString());
        assertThat(errors(a.api().post("/api/consents", future))).containsExactly("relationshipSince:X-8");

        // older than the policy's retention period (3 years): a prospect past retention, not a customer (X-8)
        Map<String, Object> stale = softOptIn("anne@exemple.fr");
        stale.put("relationshipSince", LocalDate.now().minusYears(3).minusDays(2).toString());
        var staleR = a.api().post("/api/consents", stale);
        assertThat(errors(staleR)).containsExactly("relationshipSince:X-8");
        assertThat(staleR.body()).contains("older than 3 years");

        Map<String, Object> noNotice = softOptIn("anne@exemple.fr");
        noNotice.remove("informedHow");
        assertThat(errors(a.api().post("/api/consents", noNotice))).containsExactly("informedHow:R-4");

        Map<String, Object> noOptOut = softOptIn("anne@exemple.fr");
        noOptOut.put("optOutOffered", false);
        assertThat(errors(a.api().post("/api/consents", noOptOut))).containsExactly("optOutOffered:X-8");

        Map<String, Object> noTopic = softOptIn("anne@exemple.fr");
        noTopic.remove("subject");
        assertThat(errors(a.api().post("/api/consents", noTopic))).containsExactly("subject:X-8");
        assertThat(a.api().get("/api/consents?address=anne@exemple.fr").json().size()).isZero();

        var ok = a.api().post("/api/consents", softOptIn("anne@exemple.fr"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().at("/record/basis").asString()).isEqualTo("existing_customer");
        assertThat(ok.json().at("/record/relationshipSince").asString()).isEqualTo(LocalDate.now().minusMonths(2).toString());
        JsonNode contact = a.api().get("/api/contacts?q=anne@exemple").json().at("/items/0");
        assertThat(contact.at("/subscriptions/email/topics").asString()).isEqualTo("sourdough-bread,pastries");
        // the keys a campaign may declare to reach them
        assertThat(a.api().get("/api/consents/topics").json().toString()).isEqualTo("[\"pastries\",\"sourdough-bread\"]");
    }

    @Test
    void anImportLineDeclaringB2bForAConsumerAddressIsRejectedWithTheRuleAndTheOthersImport() {
        var a = fixtures.account();
        String csv = "email,first_name,consent_basis,collected_at,subject,role,opt_out_offered,relationship_since,relationship_nature,informed_how\n"
                + "marc@boulangerie-martin.fr,Marc,b2b,2026-01-10T09:00:00Z,bakery-equipment,Owner,true,,,\n"          // 2 ok
                + "marc.perso@gmail.com,Marc,b2b,2026-01-10T09:00:00Z,bakery-equipment,Owner,true,,,\n"             // 3 consumer
                + "lea@wanadoo.fr,Léa,b2b,2026-01-10T09:00:00Z,bakery-equipment,Baker,true,,,\n"                    // 4 consumer
                + "sophie@minoterie-dupuis.fr,Sophie,b2b,2026-01-10T09:00:00Z,bakery-equipment,,true,,,\n"          // 5 no role
                + "nina@exemple.fr,Nina,soft_opt_in,2026-01-10T09:00:00Z,sourdough-bread,,true," + LocalDate.now().minusMonths(1)
                + ",purchase at the shop,notice at the till and a link in every message\n";                          // 6 ok
        var started = a.api().postRaw("/api/imports?format=csv&provenance=shop", csv, "text/csv");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !a.api().get("/api/imports/" + id).json().get("status").asString().equals("running"));
        JsonNode done = a.api().get("/api/imports/" + id).json();
        assertThat(done.get("rowsAccepted").asLong()).as(done.toString()).isEqualTo(2);
        JsonNode rejections = a.api().get("/api/imports/" + id + "/rejections").json();
        Map<Long, String> byLine = new HashMap<>();
        rejections.forEach(r -> byLine.put(r.get("line").asLong(), r.get("reason").asString()));
        assertThat(byLine).containsOnlyKeys(3L, 4L, 5L);
        assertThat(byLine.get(3L)).contains("X-8").contains("gmail.com");
        assertThat(byLine.get(4L)).contains("X-8").contains("wanadoo.fr");
        assertThat(byLine.get(5L)).contains("X-8").contains("role");
        assertThat(a.api().get("/api/contacts?q=marc@").json().at("/items/0/subscriptions/email/basis").asString()).isEqualTo("b2b");
        assertThat(a.api().get("/api/contacts?q=nina").json().at("/items/0/subscriptions/email/basis").asString())
                .isEqualTo("existing_customer");
        assertThat(a.api().get("/api/contacts?q=marc.perso").json().get("items")).isEmpty();
    }
}
