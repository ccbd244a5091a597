package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.List;
import java.util.Map;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's pages over real HTTP: lifecycle buttons, erasure, export, sender domains, forms, users, the operator's resume. */
@PostgresTest
class ConsolePagesTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired CampaignService campaigns;

    private ConsoleSession signedIn(Fixtures.TestAccount a, String password) throws Exception {
        var s = new ConsoleSession(fixtures.port());
        s.signIn(ConsoleSecurityTest.adminOf(fixtures, a, password), password);
        return s;
    }

    private static String post(ConsoleSession s, String page, String action, Map<String, String> form) throws Exception {
        var m = new java.util.HashMap<>(form);
        m.put("_csrf", ConsoleSession.csrf(s.get(page).body()));
        var r = s.post(action, m);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 302);
        return r.statusCode() == 302 ? s.get(r.headers().firstValue("Location").orElseThrow().replace(s.base, "")).body() : r.body();
    }

    @Test
    void aCampaignIsStartedPausedResumedAndCancelledFromItsPageAndTheOperatorResumesASuspendedOneWithAReason() throws Exception {
        var op = fixtures.operator();
        var sending = EmailSetup.verifiedSender(fixtures, op);
        EmailSetup.importContacts(sending, "pause", "clients-pause.example", 3);
        String id = EmailSetup.campaign(sending, "Le pain, {{ contact.first_name }}", "<p>Bonjour</p>", Map.of("throttlePerMinute", 1));
        var s = signedIn(sending.account(), "password of the lifecycle");
        String page = "/console/campaigns/" + id;

        assertThat(post(s, page, page + "/start", Map.of())).contains("Sending started.");
        // the home page's panel (polled by htmx) lists the running campaign with its progress
        String running = s.get("/console/campaigns/running").body();
        assertThat(running).contains("Lettre de novembre").contains("<progress").contains("of 3");
        assertThat(post(s, page, page + "/pause", Map.of())).contains("Paused.").contains(">paused<");
        assertThat(post(s, page, page + "/resume", Map.of())).contains("Resumed.").contains(">sending<");

        // suspended by the platform: the account sees why and cannot resume it; the operator can, with a reason
        campaigns.suspend(java.util.UUID.fromString(id), "reputation", "complaint rate 0.4% over the 0.3% threshold");
        String suspended = s.get(page).body();
        assertThat(suspended).contains("Suspended").contains("complaint rate 0.4% over the 0.3% threshold");
        assertThat(post(s, page, page + "/resume", Map.of())).contains("R-14").contains("resumed by the operator").contains(">suspended<");

        var o = new ConsoleSession(fixtures.port());
        String opEmail = "op-" + sending.account().id().toString().substring(24) + "@fairsend.example";
        assertThat(op.post("/api/operator/console-users", Map.of("email", opEmail, "password", "operator of the lifecycle")).status()).isEqualTo(201);
        o.signIn(opEmail, "operator of the lifecycle");
        String opPage = "/console/operator/accounts/" + sending.account().id() + "/campaigns/" + id;
        assertThat(post(o, opPage, opPage + "/resume", Map.of("reason", " "))).contains("say why the campaign may resume");
        assertThat(post(o, opPage, opPage + "/resume", Map.of("reason", "complaints were a misconfigured feedback loop")))
                .contains("The campaign resumes.").contains("complaints were a misconfigured feedback loop");
        assertThat(o.get("/console/operator/accounts/" + sending.account().id()).body()).contains("campaign-resumed").contains("console:" + opEmail);

        assertThat(post(s, page, page + "/cancel", Map.of())).contains("Cancelled.").contains(">cancelled<");
    }

    @Test
    void aDraftIsScheduledOnlyWithoutBlockingFindings() throws Exception {
        var sending = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(sending, "plan", "clients-plan.example", 1);
        var a = sending.account();
        String blocked = a.api().post("/api/campaigns", Map.of("name", "Sans expediteur", "subject", "S")).json().get("id").asString();
        String ready = EmailSetup.campaign(sending, "Le pain planifie", "<p>Bonjour</p>", Map.of());
        var s = signedIn(a, "password of the schedule");
        String at = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Paris")).plusDays(2).withNano(0).withSecond(0).toString();

        String page = "/console/campaigns/" + blocked;
        assertThat(post(s, page, page + "/schedule", Map.of("at", "not a date", "zone", "Europe/Paris"))).contains("give a date and time");
        assertThat(post(s, page, page + "/schedule", Map.of("at", at, "zone", "Europe/Paris")))
                .contains("This was not saved").contains("R-9").contains(">draft<");

        page = "/console/campaigns/" + ready;
        assertThat(post(s, page, page + "/schedule", Map.of("at", at, "zone", "Europe/Paris"))).contains("Scheduled.").contains(">scheduled<");
    }

    @Test
    void theCampaignEditorOffersTheTopicKeysOfTheAccountsRecordsAndSavesTheTopic() throws Exception {
        var a = fixtures.account();
        var b2b = a.api().post("/api/consents", Map.of("channel", "email", "address", "achats@minoterie-console.fr", "basis", "b2b",
                "context", "other", "contextDetail", "trade fair", "collectedAt", java.time.Instant.now().minusSeconds(60).toString(),
                "subject", "bakery-equipment, flour", "role", "Buyer", "optOutOffered", true));
        assertThat(b2b.status()).as(b2b.body()).isEqualTo(201);
        String id = a.api().post("/api/campaigns", Map.of("name", "Lettre pro", "subject", "S")).json().get("id").asString();
        var s = signedIn(a, "password of the topics");
        String page = "/console/campaigns/" + id;
        // the topic field offers the keys the account's existing-customer and B2B records list
        assertThat(s.get(page).body()).contains("name=\"topic\"").contains("<option value=\"bakery-equipment\">")
                .contains("<option value=\"flour\">");
        assertThat(post(s, page, page, Map.of("name", "Lettre pro", "topic", "flour"))).contains("Saved.");
        assertThat(a.api().get("/api/campaigns/" + id).json().get("topic").asString()).isEqualTo("flour");
        assertThat(post(s, page, page, Map.of("name", "Lettre pro", "topic", "Flour & more"))).contains("topic").contains("X-8");
        assertThat(a.api().get("/api/campaigns/" + id).json().get("topic").asString()).isEqualTo("flour");
    }

    @Test
    void theCampaignsListLinksEachCampaignToItsChannelsPage() throws Exception {
        var a = fixtures.account();
        String email = a.api().post("/api/campaigns", Map.of("name", "Lettre email", "subject", "S")).json().get("id").asString();
        var sms = a.api().post("/api/campaigns", Map.of("name", "Alerte SMS", "channel", "sms"));
        assertThat(sms.status()).as(sms.body()).isEqualTo(201);
        String smsId = sms.json().get("id").asString();
        var s = signedIn(a, "password of the channel list");
        String list = s.get("/console/campaigns").body();
        assertThat(list).contains("href=\"/console/campaigns/" + email + "\"").contains("Alerte SMS")
                .doesNotContain("href=\"/console/campaigns/" + smsId + "\"");
        // the email editor is not an SMS campaign's page (the SMS section brings its own)
        assertThat(s.get("/console/campaigns/" + smsId).statusCode()).isEqualTo(404);
    }

    @Test
    void aContactIsExportedThenErasedOnlyOnceConfirmed() throws Exception {
        var sending = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(sending, "erase", "clients-erase.example", 1);
        var s = signedIn(sending.account(), "password of the erasure");
        String list = s.get("/console/contacts?q=erase1").body();
        String contactId = list.replaceAll("(?s).*href=\"/console/contacts/([0-9a-f-]{36})\".*", "$1");
        String page = "/console/contacts/" + contactId;
        var export = s.get(page + "/export");
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        assertThat(export.body()).contains("erase1@clients-erase.example").contains("consentRecords");
        // the evidence pack reads as a document: labels in words, the chain in a sentence, no JSON
        String evidence = s.get(page + "/evidence").body();
        assertThat(evidence.substring(evidence.indexOf("<main"))).contains("Consent given").contains("Text the person agreed to")
                .contains("The record chain is intact").contains("Times are shown in").doesNotContain("{").doesNotContain("\":");

        assertThat(post(s, page, page + "/erase", Map.of())).contains("tick the box to confirm the erasure");
        assertThat(s.get(page).statusCode()).isEqualTo(200);
        assertThat(post(s, page, page + "/erase", Map.of("confirm", "yes", "reason", "asked by email"))).contains("The contact is erased");
        assertThat(s.get(page).statusCode()).isEqualTo(404);
        var check = sending.account().api().get("/api/suppressions/check?channel=email&address=erase1@clients-erase.example");
        assertThat(check.body()).contains("true");
    }

    @Test
    void senderDomainsShowTheirDnsRecordsAndFormsTheirEmbedSnippet() throws Exception {
        var a = fixtures.account();
        var s = signedIn(a, "password of the domains");
        String domain = "lettre-" + a.id().toString().substring(24) + ".example";
        String refused = post(s, "/console/sender-domains", "/console/sender-domains", Map.of("domain", "not a domain"));
        assertThat(refused).contains("This was not saved").contains("domain");
        String shown = post(s, "/console/sender-domains", "/console/sender-domains", Map.of("domain", domain));
        assertThat(shown).contains("._domainkey." + domain).contains("v=DKIM1").contains("pending");

        String lists = a.api().post("/api/lists", Map.of("name", "Lettre")).json().get("id").asString();
        String missing = post(s, "/console/forms", "/console/forms", Map.of("name", "Lettre", "listId", lists, "subject", "",
                "declarationText", "J'accepte", "optInType", "double"));
        assertThat(missing).contains("subject").contains("R-2");
        String form = post(s, "/console/forms", "/console/forms", Map.of("name", "Lettre", "listId", lists,
                "subject", "la lettre de la boulangerie", "declarationText", "J'accepte de recevoir la lettre <b>mensuelle</b>.",
                "optInType", "double"));
        // issue 15: a copied static form would lack the signed fill token: the frame or a link, and the form's refusals
        assertThat(form).contains("&lt;iframe src=&quot;http").contains("Refused submissions").contains("fill token")
                .contains("sandbox=\"\"").doesNotContain("<b>mensuelle</b>");
    }

    @Test
    void anAdminAddsUsersAMemberCannot() throws Exception {
        var a = fixtures.account();
        var admin = signedIn(a, "password of the admin");
        String member = "member-" + a.id().toString().substring(24) + "@boulangerie-test.fr";
        String created = post(admin, "/console/users", "/console/users", Map.of("email", member, "role", "member", "password", ""));
        String password = created.replaceAll("(?s).*shown only now: <code>([^<]+)</code>.*", "$1");
        assertThat(password).hasSizeGreaterThanOrEqualTo(16).doesNotContain("<");
        var m = new ConsoleSession(fixtures.port());
        m.signIn(member, password);
        assertThat(m.get("/console").statusCode()).isEqualTo(200);
        assertThat(m.get("/console/users").statusCode()).isEqualTo(403);
        assertThat(m.get("/console").body()).doesNotContain("href=\"/console/users\"");
        // changing one's own password needs the current one
        String refused = post(m, "/console/me", "/console/me/password", Map.of("currentPassword", "wrong", "newPassword", "a brand new password"));
        assertThat(refused).contains("the current password is not right");
        assertThat(post(m, "/console/me", "/console/me/password", Map.of("currentPassword", password, "newPassword", "a brand new password")))
                .contains("Your password is changed.");
        var again = new ConsoleSession(fixtures.port());
        assertThat(again.signIn(member, "a brand new password").headers().firstValue("Location").orElseThrow()).endsWith("/console");
        assertThat(List.of(again.get("/console").statusCode())).containsExactly(200);
    }
}
