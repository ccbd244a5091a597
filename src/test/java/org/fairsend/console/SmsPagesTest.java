package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairsend.console.ChannelSetup.post;
import static org.fairsend.console.ChannelSetup.postOk;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The SMS pages over HTTP: editor with preflight and wire preview, preview per recipient, senders (TPOA) and their approval. */
@PostgresTest
class SmsPagesTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;

    private static String idOf(String page) {
        return page.replaceAll("(?s).*hx-post=\"/console/sms/campaigns/([0-9a-f-]{36})/preflight\".*", "$1");
    }

    @Test
    void theEditorShowsTheEncodingTheForcingCharactersTheSegmentsAndTheOptOutAndEscapesTheAccountsText() throws Exception {
        var a = fixtures.account();
        String list = ChannelSetup.smsContacts(a, "21", "Zoé", "<img src=x onerror=alert(1)>");
        var s = ChannelSetup.account(fixtures, a, "password of the sms editor");
        String page = postOk(s, "/console/sms", "/console/sms/campaigns", Map.of("name", "Promo <b>samedi</b>"));
        assertThat(page).contains("Draft created.").contains("Promo &lt;b&gt;samedi&lt;/b&gt;").doesNotContain("<b>samedi</b>");
        String id = idOf(page);
        String path = "/console/sms/campaigns/" + id;

        // htmx: typing saves the draft and answers the findings with the SMS as it goes on the wire
        String checks = postOk(s, path, path + "/preflight", Map.of("name", "Promo samedi", "listIds", list,
                "text", "Bonjour {{ contact.first_name }}, c'est la fête : -20 % sur tout ! Venez au fournil samedi matin."));
        assertThat(checks).contains("id=\"checks\"").contains("Preflight").contains(">UCS-2<")
                .contains("<code>ê</code>").contains("U+00EA").contains("<code>e</code>")
                .contains("la fete"); // the text with the GSM-7 replacements
        assertThat(checks.replaceAll("(?s).*id=\"sms-segments\">(\\d+)<.*", "$1")).isEqualTo("2"); // 70 UCS-2 units per SMS
        // from the short code the opt-out is a reply to it; 2 recipients of 2 segments
        assertThat(checks).contains("none needed: recipients reply STOP to the short code 36111").contains("4</strong> segments");
        assertThat(checks).containsAnyOf("Bonjour Zoé, c&#39;est", "Bonjour &lt;img src=x onerror=alert(1)&gt;, c&#39;est")
                .doesNotContain("<img src=x");

        // replacing ê: GSM-7, one segment
        checks = postOk(s, path, path + "/preflight", Map.of("name", "Promo samedi", "listIds", list,
                "text", "Bonjour {{ contact.first_name }}, c'est la fete : -20 % sur tout ! Venez au fournil samedi matin."));
        assertThat(checks).contains(">GSM-7<").doesNotContain("force UCS-2");
        assertThat(checks.replaceAll("(?s).*id=\"sms-segments\">(\\d+)<.*", "$1")).isEqualTo("1");

        // the preview per recipient personalises for each; their text is escaped, never markup
        String preview = s.get(path + "/preview").body();
        String other = preview.replaceAll("(?s).*<option value=\"([0-9a-f-]{36})\"[^>]*>\\+33621000002.*", "$1");
        String second = s.get(path + "/preview?contact=" + other).body();
        assertThat(second).contains("Bonjour &lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x")
                .contains("+33621000002").contains("Personalised for this recipient.");

        // the lifecycle actions of the campaigns serve SMS and come back to this page
        String at = java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Paris")).plusDays(3).withHour(11).withMinute(0).withSecond(0)
                .withNano(0).toString();
        var scheduled = post(s, path, "/console/campaigns/" + id + "/schedule", Map.of("at", at, "zone", "Europe/Paris"));
        assertThat(scheduled.uri().getPath()).isEqualTo(path);
        assertThat(scheduled.body()).contains("Scheduled.").contains(">scheduled<");

        // another account sees none of it
        var b = ChannelSetup.account(fixtures, fixtures.account(), "password of the other sms account");
        assertThat(b.get(path).statusCode()).isEqualTo(404);
        assertThat(b.get(path + "/preview").statusCode()).isEqualTo(404);
        assertThat(post(b, "/console/sms", path + "/preflight", Map.of("text", "vole")).statusCode()).isEqualTo(404);
        assertThat(b.get("/console/sms").body()).doesNotContain("Promo samedi");
        // the email editor is not this campaign's page
        assertThat(s.get("/console/campaigns/" + id).statusCode()).isEqualTo(404);
        assertThat(s.get("/console/campaigns").body()).contains("href=\"" + path + "\"");
    }

    @Test
    void aSenderNamedByACampaignWaitsForTheOperatorsApprovalGivenWithAReason() throws Exception {
        var a = fixtures.account();
        var s = ChannelSetup.account(fixtures, a, "password of the sms senders");
        String page = postOk(s, "/console/sms", "/console/sms/campaigns", Map.of("name", "Avec expediteur"));
        String path = "/console/sms/campaigns/" + idOf(page);
        String checks = postOk(s, path, path + "/preflight", Map.of("name", "Avec expediteur", "smsSender", "Fournil",
                "text", "Le fournil ouvre samedi."));
        assertThat(checks).contains("Fournil").contains("cannot-start");
        String senders = s.get("/console/sms").body();
        assertThat(senders).contains("<code>Fournil</code>").contains("not approved").contains("Avec expediteur");

        var o = ChannelSetup.operator(fixtures, "tpoa");
        String desk = "/console/operator/accounts/" + a.id() + "/sms-senders";
        assertThat(o.get("/console/operator/accounts/" + a.id()).body()).contains("href=\"" + desk + "\"");
        assertThat(o.get(desk).body()).contains("<code>Fournil</code>").contains("not approved");
        assertThat(postOk(o, desk, desk, Map.of("sender", "Fournil", "reason", " "))).contains("reason").contains("say why")
                .contains("not approved");
        assertThat(postOk(o, desk, desk, Map.of("sender", "06 12 34 56 78", "reason", "asked"))).contains("This was not saved").contains("X-6");
        String approved = postOk(o, desk, desk, Map.of("sender", "Fournil", "reason", "Kbis checked, the shop's trade name"));
        assertThat(approved).contains("Sender Fournil approved.").contains("Kbis checked, the shop&#39;s trade name")
                .contains(">approved<");
        assertThat(s.get("/console/sms").body()).contains(">approved<").doesNotContain("not approved");
        // from an approved name the SMS carries the opt-out mention and can start
        checks = postOk(s, path, path + "/preflight", Map.of("name", "Avec expediteur", "smsSender", "Fournil", "text", "Le fournil ouvre samedi."));
        // (in the account's language: the test accounts read English, with R-18's mention whole)
        assertThat(checks).contains("included (STOP)").contains("Le fournil ouvre samedi.\nOpt out: STOP au 36111").contains(">Fournil<");

        // an account never reaches the operator's desk
        assertThat(s.get(desk).statusCode()).isEqualTo(403);
        assertThat(postOk(o, desk, desk + "/revoke", Map.of("sender", "Fournil", "reason", "brand dispute"))).contains("Sender Fournil withdrawn.");
        assertThat(s.get("/console/sms").body()).contains("not approved");
    }
}
