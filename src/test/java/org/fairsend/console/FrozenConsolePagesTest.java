package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 19 (seed 002 §1.5) in the console over real HTTP: the operator freezes an account from its page with a reason; the
 * account's pages show a banner with the reason, every write is refused (a page, or for htmx a redirect to the page that
 * says so), reading and exporting still work; the operator lifts the freeze and everything works again. The operator
 * cancels a scheduled order from the campaign's page; the account reads the action, its reason and that no refund is made.
 */
@PostgresTest
class FrozenConsolePagesTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;

    private static String csrf(ConsoleSession s, String page) throws Exception {
        var r = s.get(page);
        assertThat(r.statusCode()).as(page).isEqualTo(200);
        return ConsoleSession.csrf(r.body());
    }

    /** Posts a form of {@code page}; follows the redirect. */
    private static String post(ConsoleSession s, String page, String action, Map<String, String> form) throws Exception {
        var m = new HashMap<>(form);
        m.put("_csrf", csrf(s, page));
        var r = s.post(action, m);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 302);
        return r.statusCode() == 302 ? s.get(r.headers().firstValue("Location").orElseThrow().replace(s.base, "")).body() : r.body();
    }

    @Test
    void aFrozenAccountsConsoleIsReadOnlyWithTheReasonOnEveryPageUntilTheOperatorLiftsIt() throws Exception {
        var op = fixtures.operator();
        var sending = EmailSetup.verifiedSender(fixtures, op);
        String domain = "gel-console-" + sending.account().id().toString().substring(0, 8) + ".example";
        EmailSetup.importContacts(sending, "client", domain, 2);
        String id = EmailSetup.campaign(sending, "La galette des rois", "<p>Bonjour</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>",
                Map.of());
        String contactId = sending.account().api().get("/api/contacts?limit=1").json().at("/items/0/id").asString();

        var account = new ConsoleSession(fixtures.port());
        account.signIn(ConsoleSecurityTest.adminOf(fixtures, sending.account(), "la galette du gel"), "la galette du gel");
        assertThat(account.get("/console").body()).doesNotContain("frozen-banner");

        String opEmail = "op-gel-" + sending.account().id().toString().substring(24) + "@fairsend.example";
        assertThat(op.post("/api/operator/console-users", Map.of("email", opEmail, "password", "operateur du gel")).status()).isEqualTo(201);
        var operator = new ConsoleSession(fixtures.port());
        operator.signIn(opEmail, "operateur du gel");
        String accountPage = "/console/operator/accounts/" + sending.account().id();
        assertThat(operator.get(accountPage).body()).contains("Freeze the account").contains(">active<");
        assertThat(post(operator, accountPage, accountPage + "/freeze", Map.of("reason", " "))).contains("say why the account is frozen");
        String reason = "Plainte d'abus <b>non résolue</b>";
        String frozen = post(operator, accountPage, accountPage + "/freeze", Map.of("reason", reason));
        assertThat(frozen).contains("The account is frozen").contains(">frozen<").contains("Lift the freeze")
                .contains("Plainte d&#39;abus &lt;b&gt;non résolue&lt;/b&gt;").contains("console:" + opEmail);

        // every page of the account says so, with the reason (escaped)
        for (String page : new String[] {"/console", "/console/campaigns", "/console/campaigns/" + id, "/console/contacts"}) {
            var r = account.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).contains("id=\"frozen-banner\"").contains("This account is frozen by the operator")
                    .contains("Plainte d&#39;abus &lt;b&gt;non résolue&lt;/b&gt;").doesNotContain("<b>non résolue</b>");
        }

        // a write is refused with a clear page; nothing changed
        String campaignPage = "/console/campaigns/" + id;
        var start = account.post(campaignPage + "/start", Map.of("_csrf", csrf(account, campaignPage)));
        assertThat(start.statusCode()).isEqualTo(403);
        assertThat(start.body()).contains("Not done").contains("read-only").contains("Plainte d&#39;abus");
        var create = account.post("/console/campaigns", Map.of("_csrf", csrf(account, "/console/campaigns"), "name", "Nouvelle"));
        assertThat(create.statusCode()).isEqualTo(403);
        // an htmx request is sent to the page that says why (htmx swaps no 403)
        var htmx = account.post(campaignPage + "/pause", Map.of("_csrf", csrf(account, campaignPage)), Map.of("HX-Request", "true"));
        assertThat(htmx.statusCode()).isEqualTo(403);
        assertThat(htmx.headers().firstValue("HX-Redirect").orElseThrow()).endsWith("/console/frozen?refused");
        String why = account.get("/console/frozen?refused").body();
        assertThat(why).contains("Your account is frozen").contains("read-only").contains("Plainte d&#39;abus").contains("export");
        assertThat(sending.account().api().get("/api/campaigns/" + id).json().get("status").asString()).isEqualTo("draft");
        assertThat(sending.account().api().get("/api/campaigns").json().size()).isEqualTo(1);

        // reading and exporting still work
        var export = account.get("/console/contacts/" + contactId + "/export");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains("@" + domain);
        assertThat(account.get("/console/contacts/" + contactId + "/evidence").statusCode()).isEqualTo(200);

        // lifted: no banner, writes work
        String lifted = post(operator, accountPage, accountPage + "/unfreeze", Map.of("reason", "Preuves fournies"));
        assertThat(lifted).contains("The freeze is lifted").contains(">active<").contains("Preuves fournies");
        assertThat(account.get("/console").body()).doesNotContain("frozen-banner");
        var created = account.post("/console/campaigns", Map.of("_csrf", csrf(account, "/console/campaigns"), "name", "Après le gel"));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 302);
        assertThat(account.get("/console/frozen").body()).contains("Your account is not frozen").contains("Preuves fournies");
    }

    @Test
    void theOperatorCancelsAScheduledOrderFromTheCampaignPageAndTheAccountReadsWhyAndThatNoRefundIsMade() throws Exception {
        var op = fixtures.operator();
        var sending = EmailSetup.verifiedSender(fixtures, op);
        EmailSetup.importContacts(sending, "client", "annul-console-" + sending.account().id().toString().substring(0, 8) + ".example", 1);
        String id = EmailSetup.campaign(sending, "Les crêpes", "<p>Bonjour</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>",
                Map.of());
        var scheduled = sending.account().api().post("/api/campaigns/" + id + "/schedule",
                Map.of("at", OffsetDateTime.ofInstant(Instant.now().plusSeconds(3600), ZoneOffset.UTC).toString()));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);

        String opEmail = "op-annul-" + sending.account().id().toString().substring(24) + "@fairsend.example";
        assertThat(op.post("/api/operator/console-users", Map.of("email", opEmail, "password", "operateur des annulations")).status()).isEqualTo(201);
        var operator = new ConsoleSession(fixtures.port());
        operator.signIn(opEmail, "operateur des annulations");
        String page = "/console/operator/accounts/" + sending.account().id() + "/campaigns/" + id;
        String before = operator.get(page).body();
        assertThat(before).contains("Cancel the order").doesNotContain("Suspend the campaign");
        String done = post(operator, page, page + "/sanction", Map.of("action", "cancel", "reason", "Fichier loué à un tiers"));
        assertThat(done).contains("The order is cancelled, with no refund.").contains(">cancelled<").contains("Fichier loué à un tiers")
                .contains("no refunds are made").doesNotContain("Cancel the order");

        var account = new ConsoleSession(fixtures.port());
        account.signIn(ConsoleSecurityTest.adminOf(fixtures, sending.account(), "les crepes annulees"), "les crepes annulees");
        String mine = account.get("/console/campaigns/" + id).body();
        assertThat(mine).contains("The operator's actions").contains("cancel").contains("Fichier loué à un tiers")
                .contains("no refunds are made").doesNotContain("Cancel the order");
        // the account's console cannot reach the operator's forms
        var forged = account.post(page + "/sanction", Map.of("_csrf", csrf(account, "/console/campaigns/" + id), "action", "reinstate",
                "reason", "moi"));
        assertThat(forged.statusCode()).isIn(302, 403);
        assertThat(forged.headers().firstValue("Location").orElse("/console/denied")).contains("/console/denied");
    }
}
