package org.fairsend.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** R-8: contacts with no open nor click within the hygiene window are flagged, and taken off every list in one call. */
@PostgresTest
class HygieneTest {

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void inactiveContactsAreFlaggedAndExcludedInOneCall() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String prefix = "hyg" + s.account().id().toString().substring(30) + "n";
        EmailSetup.importContacts(s, prefix, "hygiene.example", 10);
        UUID account = s.account().id();
        Instant old = Instant.now().minus(Duration.ofDays(400));
        // contacts 1-6 joined more than a year ago; 1-4 never opened nor clicked, 5 opened last month, 6 clicked a
        // year ago (outside the 6-month window); 7-10 joined today
        for (int i = 1; i <= 6; i++) {
            jdbc.sql("update contact set created_at = ? where account_id = ? and email = ?")
                    .params(Timestamp.from(old), account, prefix + i + "@hygiene.example").update();
        }
        // R-8: inactivity needs evidence: three tracked marketing emails (open pixel) delivered to each of 1-6 two
        // months ago (a run of this account's, as delivery records one); without them a silent contact is "unknown"
        org.fairsend.support.TrackedDeliveries.sent(jdbc, account, 3, Duration.ofDays(60), Instant.now().minus(Duration.ofDays(300)));
        jdbc.sql("update contact set last_open_at = ? where account_id = ? and email = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(30))), account, prefix + "5@hygiene.example").update();
        jdbc.sql("update contact set last_click_at = ? where account_id = ? and email = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(365))), account, prefix + "6@hygiene.example").update();

        JsonNode report = s.account().api().get("/api/reputation/hygiene").json();
        assertThat(report.get("inactive").asLong()).isEqualTo(5);
        assertThat(report.get("onLists").asLong()).isEqualTo(5);
        // 7-10 joined within the window: their engagement is unknown, kept (R-8)
        assertThat(report.get("unknown").asLong()).isEqualTo(4);
        assertThat(report.get("contacts").toString()).contains(prefix + "1@").contains(prefix + "6@").doesNotContain(prefix + "5@")
                .doesNotContain(prefix + "7@");
        // another account sees none of them
        assertThat(fixtures.account().api().get("/api/reputation/hygiene").json().get("inactive").asLong()).isZero();

        var excluded = s.account().api().post("/api/reputation/hygiene/exclude", null);
        assertThat(excluded.status()).as(excluded.body()).isEqualTo(200);
        assertThat(excluded.json().get("excluded").asLong()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from contact_list_member where list_id = ?").param(UUID.fromString(s.listId()))
                .query(Long.class).single()).isEqualTo(5);
        // a campaign to the list now reaches only the five active contacts
        String id = EmailSetup.campaign(s, "La lettre aux clients actifs", "<p>Bonjour {{ contact.first_name }}</p>"
                + "<p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>", Map.of());
        JsonNode preflight = s.account().api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(preflight.get("audience").get("targeted").asLong()).as(preflight.toString()).isEqualTo(5);
        assertThat(preflight.get("audience").get("byClass").get("eligible").asLong()).isEqualTo(5);
        assertThat(s.account().api().get("/api/reputation/hygiene").json().get("onLists").asLong()).isZero();
        // nobody inactive is left in this audience: no re-permission campaign to create (R-8)
        var none = s.account().api().post("/api/campaigns/" + id + "/repermission", null);
        assertThat(none.status()).as(none.body()).isEqualTo(422);
        assertThat(none.body()).contains("R-8").contains("no inactive contact");
    }
}
