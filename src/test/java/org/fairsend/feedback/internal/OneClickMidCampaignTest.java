package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import org.fairsend.support.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's "done when": a campaign running against GreenMail stops mailing an address within the same second
 * that its one-click unsubscribe (RFC 8058, the List-Unsubscribe URL of a message it received) is posted.
 */
@PostgresTest
class OneClickMidCampaignTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }}, notre pain de campagne au levain revient cette semaine.</p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    private static List<StoredMessage> received(String subject, String address) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream().filter(m -> {
            try {
                return m.getMimeMessage().getSubject().equals(subject)
                        && m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static long count(String subject) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream().filter(m -> {
            try {
                return m.getMimeMessage().getSubject().equals(subject);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    private JsonNode awaitFinished(Fixtures.TestAccount a, String id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> a.api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        return a.api().get("/api/campaigns/" + id + "/progress").json();
    }

    @Test
    void aOneClickUnsubscribeStopsARunningCampaignForThatAddressAtOnce() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        // 40 unsubscribes out of some 600 messages of the day cross R-14's account level, which pauses the account's
        // marketing: whether that happens before the second campaign ends depends on the machine's speed. This test is
        // about the one-click alone, so the account level is off for its duration (its own tests are in reputation)
        var policy = fixtures.operator().put("/api/operator/policy", Map.of("reason", "test: the one-click alone, not R-14's account level",
                "policy", Map.of("reputation", Map.of("account", Map.of("enabled", false)))));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        try {
            oneClickMidCampaign(s);
        } finally {
            EmailSetup.defaultPolicy(fixtures.operator());
        }
    }

    private void oneClickMidCampaign(EmailSetup.Sending s) throws Exception {
        int n = 300;
        String domain = "clients-fb4.example";
        EmailSetup.importContacts(s, "abonne", domain, n);

        // a first campaign: every recipient gets a message with its List-Unsubscribe header
        String first = "La lettre de la semaine";
        String a = EmailSetup.campaign(s, first, HTML, Map.of());
        assertThat(s.account().api().post("/api/campaigns/" + a + "/start", null).status()).isEqualTo(200);
        assertThat(awaitFinished(s.account(), a).get("sent").asLong()).isEqualTo(n);

        // a second, throttled campaign to the same people is running...
        String second = "Nos viennoiseries du dimanche";
        String b = EmailSetup.campaign(s, second, HTML, Map.of("throttlePerMinute", 6000));
        assertThat(s.account().api().post("/api/campaigns/" + b + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> count(second) >= 20);

        // ...when 40 recipients press "unsubscribe" in their mail client (RFC 8058 one-click POST, no login)
        Api web = fixtures.anonymous();
        Pattern url = Pattern.compile("<https?://[^/>]+(/u/[^>]+)>");
        Map<String, Instant> postedAt = new ConcurrentHashMap<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        String address = "abonne" + (n - thread * 10 - i) + "@" + domain;
                        String header;
                        try {
                            header = received(first, address).getFirst().getMimeMessage().getHeader("List-Unsubscribe")[0];
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        Matcher m = url.matcher(header);
                        assertThat(m.find()).as(header).isTrue();
                        var r = web.postRaw(m.group(1), "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
                        assertThat(r.status()).isEqualTo(200);
                        postedAt.put(address, Instant.now());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }

        var progress = awaitFinished(s.account(), b);
        assertThat(progress.get("sent").asLong() + progress.get("blocked").asLong()).isEqualTo(n);
        assertThat(progress.get("blocked").asLong()).as(progress.toString()).isPositive();
        for (var e : postedAt.entrySet()) {
            // the send log stamps each message with the moment it passed the last-mile gate: none of the running
            // campaign after the POST returned; and GreenMail got nothing later than an SMTP transfer allows
            assertThat(jdbc.sql("select logged_at from send_log where campaign_id = ? and recipient = ? and outcome = 'sent'")
                    .params(java.util.UUID.fromString(b), e.getKey()).query(java.sql.Timestamp.class).list())
                    .allSatisfy(t -> assertThat(t.toInstant()).as(e.getKey()).isBefore(e.getValue()));
            for (StoredMessage m : received(second, e.getKey())) {
                assertThat(m.getReceivedDate().toInstant()).as(e.getKey()).isBefore(e.getValue().plusSeconds(1));
            }
            assertThat(jdbc.sql("select count(*) from unsubscribe where recipient = ? and source = 'one-click'").param(e.getKey())
                    .query(Long.class).single()).isEqualTo(1);
        }
    }
}
