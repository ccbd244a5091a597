package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Partner audiences in the console (issue 19): the operator registers a partner and decides a rental with a reason;
 * the account asks to rent for a draft campaign and sees the decision and counts, never a subscriber's address.
 */
@PostgresTest
class PartnerPagesTest {

    @Autowired Fixtures fixtures;

    private static String post(ConsoleSession s, String page, String action, Map<String, String> form) throws Exception {
        Map<String, String> f = new HashMap<>(form);
        f.put("_csrf", ConsoleSession.csrf(s.get(page).body()));
        var r = s.post(action, f);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        return s.get(location.replaceFirst("^https?://[^/]+", "")).body();
    }

    @Test
    void theOperatorRegistersAPartnerAndDecidesARentalTheAccountAskedForInTheConsole() throws Exception {
        var sending = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String campaign = EmailSetup.campaign(sending, "Paniers bio", "<p>Nos paniers de légumes.</p>", Map.of("name", "Paniers d'automne"));
        String tag = sending.account().id().toString().substring(24);

        var o = new ConsoleSession(fixtures.port());
        String opEmail = "op-partners-" + tag + "@fairsend.example";
        assertThat(fixtures.operator().post("/api/operator/console-users", Map.of("email", opEmail, "password", "operator of the partners"))
                .status()).isEqualTo(201);
        o.signIn(opEmail, "operator of the partners");
        assertThat(o.get("/console/operator").body()).contains("href=\"/console/operator/partners\"");
        String page = post(o, "/console/operator/partners", "/console/operator/partners", Map.of("legalName", "Club Console " + tag + " SAS",
                "address", "3 quai du Port, 13002 Marseille", "country", "FR", "postcode", "13002", "contactEmail", "club@club-" + tag + ".example",
                "description", "Club members who accepted offers from its advertisers", "fromName", "Club Console " + tag,
                "fromAddress", "offres@club-" + tag + ".example", "replyTo", ""));
        assertThat(page).contains("is registered").contains("3 quai du Port, 13002 Marseille").contains("registered");
        Matcher id = Pattern.compile("/console/operator/accounts/([0-9a-f-]{36})").matcher(page);
        assertThat(id.find()).isTrue();
        String partnerId = fixtures.operator().get("/api/operator/partners").json().findValues("partner").stream()
                .filter(p -> p.get("legalName").asString().equals("Club Console " + tag + " SAS")).findFirst().orElseThrow().get("id").asString();
        String csv = "email,collected_at,source_url,ip,declaration_text\nmembre@adherents-" + tag + ".example,2026-05-02T09:00:00Z,"
                + "https://club-" + tag + ".example/f,198.51.100.4,\"J'accepte les offres des annonceurs du club\"\n";
        assertThat(fixtures.operator().postRaw("/api/operator/partners/" + partnerId + "/subscribers", csv, "text/csv").status()).isEqualTo(200);

        var a = new ConsoleSession(fixtures.port());
        a.signIn(ConsoleSecurityTest.adminOf(fixtures, sending.account(), "password of the renter"), "password of the renter");
        String rentals = a.get("/console/rentals").body();
        assertThat(rentals).contains("Club Console " + tag + " SAS").contains("Paniers d&#39;automne").contains("id=\"no-rentals\"");
        rentals = post(a, "/console/rentals", "/console/rentals", Map.of("partnerId", partnerId, "campaignId", campaign, "note", "autumn"));
        assertThat(rentals).contains("is requested").contains(">requested<");

        String desk = o.get("/console/operator/partners").body();
        assertThat(desk).contains("id=\"requested\"").contains("Paniers d&#39;automne");
        Matcher approve = Pattern.compile("action=\"(/console/operator/rentals/[0-9a-f-]{36}/approve)\"").matcher(desk);
        assertThat(approve.find()).isTrue();
        desk = post(o, "/console/operator/partners", approve.group(1), Map.of("reason", "fresh produce suits the club"));
        assertThat(desk).contains("is approved").contains("fresh produce suits the club").contains("id=\"no-requests\"");

        rentals = a.get("/console/rentals").body();
        assertThat(rentals).contains(">approved<").contains("fresh produce suits the club").doesNotContain("membre@adherents-" + tag);
        // the operator's pages are the operator's
        assertThat(a.get("/console/operator/partners").statusCode()).isIn(302, 403);
    }
}
