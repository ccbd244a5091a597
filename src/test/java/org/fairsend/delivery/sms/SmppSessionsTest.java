package org.fairsend.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestSmsc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 17: several SMPP sessions (binds) to one SMSC, against an SMSC built on jSMPP's server classes. A
 * campaign's messages are spread over every bind, each receipt (sent back on the session that carried its
 * submit_sm) is recorded and applied to its message, and a lost bind is bound again on its own while the others
 * keep their sessions.
 */
@PostgresTest
class SmppSessionsTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final TestSmsc SMSC = TestSmsc.started();

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry r) {
        SMSC.register(r, "multi-bind-smsc");
        r.add("fairsend.sms.smscs[0].sessions", () -> "3");
        r.add("fairsend.sms.smscs[0].window-size", () -> "4");
        r.add("fairsend.sms.reconnect-initial", () -> "100ms");
        r.add("fairsend.sms.receipt-poll", () -> "100ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void aWeekdayMorning() {
        clock.setNow(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, PARIS).toInstant());
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        SMSC.close();
    }

    @Test
    void aCampaignIsSpreadOverEveryBindAndEveryReceiptIsRecorded() {
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.boundSessions() == 3);
        int n = 90;
        var a = fixtures.account();
        var list = a.api().post("/api/lists", Map.of("name", "Clients SMS"));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        String listId = list.json().get("id").asString();
        StringBuilder csv = new StringBuilder("phone,first_name,channels,consent_basis,opt_in_type,collected_at,source_url,ip,"
                + "declaration_text,subject,explicit\n");
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String number = String.format("+33620%06d", i);
            numbers.add(number);
            csv.append(number).append(",Camille").append(i).append(",sms,opt_in,single,2026-06-01T10:00:00Z,")
                    .append("https://boulangerie.example/sms,203.0.113.7,J'accepte de recevoir les offres SMS de la boulangerie,")
                    .append("Offres de la boulangerie par SMS,true\n");
        }
        var imp = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + listId, csv.toString(), "text/csv");
        assertThat(imp.status()).as(imp.body()).isIn(200, 201, 202);
        String importId = imp.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !a.api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        assertThat(a.api().get("/api/imports/" + importId).json().get("rowsAccepted").asLong()).isEqualTo(n);

        var c = a.api().post("/api/campaigns", Map.of("name", "Offre SMS", "channel", "sms", "listIds", List.of(listId),
                "text", "Bonjour {{ contact.first_name }}, la galette des rois est arrivée : 12 € jusqu'à dimanche."));
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        String id = c.json().get("id").asString();
        var started = a.api().post("/api/campaigns/" + id + "/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> a.api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        assertThat(a.api().get("/api/campaigns/" + id + "/progress").json().get("sent").asLong()).isEqualTo(n);

        // each number got its SMS once, and the three binds each carried part of them
        List<TestSmsc.Submitted> got = numbers.stream().flatMap(x -> SMSC.submittedTo(x).stream()).toList();
        assertThat(got).hasSize(n);
        assertThat(numbers).allSatisfy(x -> assertThat(SMSC.submittedTo(x)).hasSize(1));
        Map<String, Long> perSession = got.stream().collect(Collectors.groupingBy(TestSmsc.Submitted::session, Collectors.counting()));
        assertThat(perSession).as("submit_sm per bind").hasSize(3);
        assertThat(SMSC.binds()).isEqualTo(3);

        // every receipt, whichever bind it came back on, is recorded and applied to its message
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(a.api().get("/api/campaigns/" + id + "/progress").json()
                .get("receipts").path("delivered").asLong()).isEqualTo(n));
        assertThat(jdbc.sql("select count(*) from sms_receipt r join sms_message_ref m on m.smsc = r.smsc and m.smsc_message_id = r.smsc_message_id"
                + " join outbound_message o on o.id = m.message_id where o.campaign_id = ?::uuid and r.state = 'DELIVRD'")
                .param(id).query(Long.class).single()).isEqualTo(n);
    }

    @Test
    void aLostBindIsBoundAgainOnItsOwnWhileTheOthersKeepSending() {
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.boundSessions() == 3);
        Set<String> before = SMSC.boundSessionIds();
        int binds = SMSC.binds();
        String lost = SMSC.dropOneSession();
        // only the lost one is bound again: one new bind, three sessions in all, the two others untouched
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.binds() == binds + 1 && SMSC.boundSessions() == 3);
        Set<String> after = SMSC.boundSessionIds();
        assertThat(after).doesNotContain(lost).containsAll(before.stream().filter(x -> !x.equals(lost)).toList());
        var a = fixtures.account();
        for (int i = 1; i <= 12; i++) {
            var tx = a.api().post("/api/messages/sms", Map.of("to", String.format("+33621%06d", i), "category", "delivery",
                    "text", "Votre commande est prête."));
            assertThat(tx.status()).as(tx.body()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> java.util.stream.IntStream.rangeClosed(1, 12)
                .allMatch(i -> SMSC.submittedTo(String.format("+33621%06d", i)).size() == 1));
        assertThat(java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> SMSC.submittedTo(String.format("+33621%06d", i)).getFirst().session()))
                .doesNotContain(lost);
    }
}
