package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * R-8 (issue 16) end to end over HTTP, PostgreSQL and GreenMail: three real tracked campaigns reach five readers; opens
 * through an Apple-MPP-like proxy are a machine's (engagement unknown, kept), a person's open keeps its reader
 * engaged, a silent reader and one whose only clicks are a scanner's seconds after delivery are inactive: the
 * preflight counts each rule's exclusions, and the re-permission campaign asks exactly the inactive ones; a person's
 * click on its confirm link makes the contact engaged again, a scanner's does not.
 */
@PostgresTest
class EngagementHygieneTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }},</p>
            <p>Notre pain de campagne au levain revient cette semaine.</p>
            <p><a href="https://boulangerie.example/pain">Voir le pain</a></p>
            <p><a href="https://boulangerie.example/horaires">Nos horaires</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void machineOpensAreUnknownAndKeptTheInactiveAreCountedAndAskedAgain() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        UUID account = s.account().id();
        // a French shop whose recipients read French (the test accounts read English unless told)
        assertThat(s.account().api().send("PATCH", "/api/account", "{\"language\":\"fr\"}", "application/json").status()).isEqualTo(200);
        String domain = "lecteurs-" + account.toString().substring(28) + ".example";
        EmailSetup.importContacts(s, "r", domain, 5);
        String mpp = "r1@" + domain, reader = "r2@" + domain, silent = "r3@" + domain, scanned = "r4@" + domain, newcomer = "r5@" + domain;
        // 1-4 joined a year ago; 5 joined today (too little history to judge: unknown)
        jdbc.sql("update contact set created_at = ? where account_id = ? and email <> ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(365))), account, newcomer).update();
        Api web = fixtures.anonymous();

        // three real tracked campaigns (hygiene.minTrackedDeliveries, 3); each sent one is moved 40 days back so the
        // frequency cap (2 in 30 days, R-12) lets the next one through, still within the 6-month window
        for (int k = 1; k <= 3; k++) {
            String id = EmailSetup.campaign(s, "Le pain de campagne revient (" + k + ")", HTML, Map.of("name", "Lettre " + k));
            start(s, id);
            for (int i = 1; i <= 5; i++) received("r" + i + "@" + domain, k);
            if (k == 3) {
                // a link scanner follows every link of r4's message seconds after delivery (a browser agent: timing tells)
                List<String> links = TestMail.paths(TestMail.body(received(scanned, 3)), "c");
                jdbc.sql("update outbound_message set finished_at = ? where campaign_id = ? and recipient = ?")
                        .params(Timestamp.from(Instant.now()), UUID.fromString(id), scanned).update();
                for (String l : links) assertThat(web.withHeader("User-Agent", BROWSER).get(l).status()).isEqualTo(302);
                assertThat(web.withHeader("User-Agent", BROWSER).send("HEAD", links.getFirst(), null, null).status()).isEqualTo(302);
            }
            // r1 reads on an iPhone with Mail Privacy Protection: every message is prefetched
            assertThat(web.withHeader("User-Agent", "Mozilla/5.0").get(TestMail.paths(TestMail.body(received(mpp, k)), "o").getFirst()).status()).isEqualTo(200);
            if (k == 2) assertThat(web.withHeader("User-Agent", BROWSER).get(TestMail.paths(TestMail.body(received(reader, k)), "o").getFirst()).status()).isEqualTo(200);
            jdbc.sql("update outbound_message set finished_at = ? where campaign_id = ?")
                    .params(Timestamp.from(Instant.now().minus(Duration.ofDays(40))), UUID.fromString(id)).update();
        }
        assertThat(count("select count(*) from engagement where account_id = ? and event_type = 'click' and classification = 'machine'"
                + " and flag in ('too-fast', 'link-burst', 'head-request')", account)).as("scanner clicks are a machine's").isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from engagement where account_id = ? and classification = 'human' and event_type = 'click'", account)).isZero();
        assertThat(count("select count(*) from engagement where account_id = ? and flag = 'apple-mpp' and classification = 'machine'", account)).isEqualTo(3);
        assertThat(count("select count(*) from contact where account_id = ? and email = ? and last_click_at is null", account, scanned)).isEqualTo(1);

        // a new campaign excluding inactive contacts (the default): r1 (machine opens only) and r5 are unknown and kept,
        // r2 engaged, r3 and r4 inactive, counted with their reason
        String next = EmailSetup.campaign(s, "Les galettes de janvier", HTML, Map.of("name", "Lettre de janvier"));
        JsonNode pf = s.account().api().get("/api/campaigns/" + next + "/preflight").json();
        JsonNode audience = pf.get("audience");
        assertThat(audience.get("byClass").get("eligible").asLong()).as(pf.toString()).isEqualTo(3);
        assertThat(audience.get("byClass").get("inactive").asLong()).as(pf.toString()).isEqualTo(2);
        assertThat(audience.get("unknownKept").asLong()).isEqualTo(2);
        assertThat(exclusion(audience, "inactive").get("rule").asString()).isEqualTo("R-8");
        assertThat(exclusion(audience, "inactive").get("count").asLong()).isEqualTo(2);
        assertThat(exclusion(audience, "inactive").get("excluded").asBoolean()).isTrue();
        assertThat(exclusion(audience, "unknown_kept").get("count").asLong()).isEqualTo(2);
        assertThat(exclusion(audience, "unknown_kept").get("excluded").asBoolean()).isFalse();
        assertThat(pf.get("findings").toString()).contains("/repermission");
        // issue 20: r5 joined today and no tracked campaign judged it yet: new, not "never opened"; r1's machine opens
        // show a live mailbox: no eligible recipient is counted as never engaged, and no warning says so
        assertThat(audience.get("neverEngaged").asLong()).as(pf.toString()).isZero();
        assertThat(pf.get("findings").toString()).doesNotContain("never opened");
        // the console's contact page says the same as the audience (R-8): r5 new, r3 inactive, r2 engaged
        String adminEmail = "hygiene-" + account.toString().substring(24) + "@boulangerie-test.fr";
        assertThat(fixtures.operator().post("/api/operator/accounts/" + account + "/console-users",
                Map.of("email", adminEmail, "displayName", "Claire Martin", "password", "les lecteurs du levain")).status()).isEqualTo(201);
        var console = new org.fairsend.console.ConsoleSession(fixtures.port());
        assertThat(console.signIn(adminEmail, "les lecteurs du levain").statusCode()).isEqualTo(302);
        assertThat(engagementOnPage(console, account, newcomer)).startsWith("new: ");
        assertThat(engagementOnPage(console, account, silent)).startsWith("inactive: ").contains("3 tracked messages");
        assertThat(engagementOnPage(console, account, reader)).startsWith("engaged: ");
        // the hygiene report agrees: two inactive, two unknown
        JsonNode hygiene = s.account().api().get("/api/reputation/hygiene").json();
        assertThat(hygiene.get("inactive").asLong()).as(hygiene.toString()).isEqualTo(2);
        assertThat(hygiene.get("unknown").asLong()).isEqualTo(2);
        assertThat(hygiene.get("contacts").toString()).contains(silent).contains(scanned).doesNotContain(mpp).doesNotContain(reader);

        // the re-permission campaign: another account's campaign is not found; this one targets exactly r3 and r4
        assertThat(fixtures.account().api().post("/api/campaigns/" + next + "/repermission", null).status()).isEqualTo(404);
        var created = s.account().api().post("/api/campaigns/" + next + "/repermission", null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("contacts").asLong()).isEqualTo(2);
        String listId = created.json().get("listId").asString();
        String ask = created.json().get("campaign").get("id").asString();
        assertThat(created.json().get("campaign").get("status").asString()).isEqualTo("draft");
        assertThat(created.json().get("campaign").get("excludeInactive").asBoolean()).isFalse();
        assertThat(jdbc.sql("select c.email from contact_list_member m join contact c on c.id = m.contact_id where m.list_id = ? order by c.email")
                .param(UUID.fromString(listId)).query(String.class).list()).containsExactly(silent, scanned);
        JsonNode askPf = s.account().api().get("/api/campaigns/" + ask + "/preflight").json();
        assertThat(askPf.get("canStart").asBoolean()).as(askPf.toString()).isTrue();
        assertThat(askPf.get("audience").get("byClass").get("eligible").asLong()).isEqualTo(2);
        // the two inactive ones, judged by R-8 with three tracked messages each, are "never engaged"
        assertThat(askPf.get("audience").get("neverEngaged").asLong()).as(askPf.toString()).isEqualTo(2);
        start(s, ask);
        MimeMessage asked = received(silent, 4);
        assertThat(asked.getSubject()).contains("continuer à recevoir nos messages"); // the account reads French
        String askBody = TestMail.body(asked);
        assertThat(askBody).contains("Voulez-vous continuer").doesNotContain("Do you still want");
        List<String> confirm = TestMail.paths(askBody, "c");
        // a person confirms (their click well after delivery); a scanner follows r4's link at delivery: not a person
        jdbc.sql("update outbound_message set finished_at = ? where campaign_id = ? and recipient = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))), UUID.fromString(ask), silent).update();
        var yes = web.withHeader("User-Agent", BROWSER).get(confirm.getFirst());
        assertThat(yes.status()).isEqualTo(302);
        assertThat(yes.header("Location")).endsWith("/still-interested?lang=fr"); // the mail was French (issue 20)
        assertThat(web.get(yes.header("Location").replaceFirst("https?://[^/]+", "")).body())
                .contains("<html lang=\"fr\"").contains("Merci, c’est noté").doesNotContain("Thank you"); // the mail's language (issue 20)
        jdbc.sql("update outbound_message set finished_at = ? where campaign_id = ? and recipient = ?")
                .params(Timestamp.from(Instant.now()), UUID.fromString(ask), scanned).update();
        List<String> scannedConfirm = TestMail.paths(TestMail.body(received(scanned, 4)), "c");
        assertThat(web.withHeader("User-Agent", "Mozilla/5.0 (compatible; Barracuda Sentinel URL scanner)").get(scannedConfirm.getFirst())
                .status()).isEqualTo(302);
        assertThat(web.withHeader("User-Agent", BROWSER).get(scannedConfirm.getFirst()).status()).isEqualTo(302); // too fast
        // evidence: the confirming click is recorded as a person's
        assertThat(count("select count(*) from engagement e join contact c on c.id = e.contact_id where c.email = ?"
                + " and e.campaign_id = ? and e.classification = 'human' and e.target like '%/still-interested?lang=fr'", silent, UUID.fromString(ask)))
                .isEqualTo(1);
        assertThat(s.account().api().get("/api/evidence?address=" + silent).json().toString()).contains("still-interested").contains("human");

        // r3 is engaged again; r4, who did not confirm, stays inactive and excluded
        JsonNode after = s.account().api().get("/api/campaigns/" + next + "/preflight").json().get("audience");
        assertThat(after.get("byClass").get("inactive").asLong()).as(after.toString()).isEqualTo(1);
        assertThat(after.get("byClass").get("eligible").asLong()).isEqualTo(4);
        assertThat(s.account().api().get("/api/reputation/hygiene").json().get("contacts").toString()).doesNotContain(silent).contains(scanned);
    }

    private static JsonNode exclusion(JsonNode audience, String cls) {
        for (JsonNode x : audience.get("exclusions")) if (x.get("cls").asString().equals(cls)) return x;
        throw new AssertionError("no exclusion " + cls + " in " + audience);
    }

    private static void start(EmailSetup.Sending s, String id) {
        var r = s.account().api().post("/api/campaigns/" + id + "/start", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.account().api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** The {@code n}-th message (1-based, in arrival order) received by the address. */
    private static MimeMessage received(String address, int n) throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> all(address).size() >= n);
        return all(address).get(n - 1);
    }

    private static List<MimeMessage> all(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) {
            if (m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(address)) out.add(m.getMimeMessage());
        }
        return out;
    }

    /** The "Engagement (R-8)" line of the contact's console page. */
    private String engagementOnPage(org.fairsend.console.ConsoleSession console, UUID account, String email) throws Exception {
        UUID id = jdbc.sql("select id from contact where account_id = ? and email = ?").params(account, email).query(UUID.class).single();
        String page = console.get("/console/contacts/" + id).body();
        int at = page.indexOf("id=\"engagement\">");
        assertThat(at).as("the contact page shows its engagement").isPositive();
        return page.substring(at + "id=\"engagement\">".length(), page.indexOf("</td>", at));
    }
}
