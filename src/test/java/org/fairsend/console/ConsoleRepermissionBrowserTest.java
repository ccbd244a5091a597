package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.fairsend.support.TrackedDeliveries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * R-8 in a real Chromium: the campaign page shows how many contacts each rule leaves out (and the unknown-engagement
 * ones it keeps), and its button turns the inactive ones into a re-permission draft instead of dropping them.
 */
@PostgresTest
class ConsoleRepermissionBrowserTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theCampaignPageCountsEachRulesExclusionsAndAsksTheInactiveAgain() throws Exception {
        var sending = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        var a = sending.account();
        String domain = "fideles-" + a.id().toString().substring(28) + ".example";
        EmailSetup.importContacts(sending, "f", domain, 4);
        // 1-3 joined a year ago and had three tracked letters since; 1 and 2 never answered (inactive), 3's opens are
        // all Apple-MPP prefetches (unknown, kept); 4 joined today (unknown, kept)
        jdbc.sql("update contact set created_at = ? where account_id = ? and email <> ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(365))), a.id(), "f4@" + domain).update();
        TrackedDeliveries.sent(jdbc, a.id(), 3, Duration.ofDays(45), Instant.now().minus(Duration.ofDays(300)));
        jdbc.sql("update contact set last_machine_open_at = ? where account_id = ? and email = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(44))), a.id(), "f3@" + domain).update();
        String id = EmailSetup.campaign(sending, "Les galettes de janvier", "<p>Bonjour</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>",
                Map.of("name", "Lettre de janvier"));
        String password = "les fideles et les autres";
        String email = ConsoleSecurityTest.adminOf(fixtures, a, password);

        try (Browser b = new Browser(fixtures.port(), "repermission", 1280, 900)) {
            b.signIn(email, password);
            b.open("/console/campaigns/" + id);
            b.awaitText("#exclusions", "R-8", WAIT);
            assertThat(b.text("#x-inactive")).contains("R-8").contains("2").contains("excluded");
            assertThat(b.text("#x-unknown_kept")).contains("2").contains("kept");
            assertThat(b.text("#repermission")).contains("2 inactive contacts");
            b.screenshot("campaign-exclusions");
            b.find("#repermission").click();
            b.awaitText("body", "Re-permission campaign created for 2 inactive contacts", WAIT);
            assertThat(b.driver.getCurrentUrl()).doesNotContain(id);
            b.screenshot("repermission-draft");
            assertThat(b.consoleErrors()).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));
        }
        UUID draft = jdbc.sql("select id from campaign where account_id = ? and exclude_inactive = false and name like 'Re-permission: Lettre de janvier%'") // the test account reads English
                .param(a.id()).query(UUID.class).single();
        assertThat(jdbc.sql("select c.email from campaign_list l join contact_list_member m on m.list_id = l.list_id"
                + " join contact c on c.id = m.contact_id where l.campaign_id = ? order by c.email").param(draft).query(String.class).list())
                .containsExactly("f1@" + domain, "f2@" + domain);
    }
}
