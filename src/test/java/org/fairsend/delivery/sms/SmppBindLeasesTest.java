package org.fairsend.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairsend.delivery.internal.SmsReceipts;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.cluster.ClusterNodes;
import org.fairsend.platform.cluster.ClusterProperties;
import org.fairsend.platform.cluster.NodeIdentity;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 18: one SMPP bind per SMSC per cluster ({@code cluster-sessions}, by default the SMSC's {@code sessions}: 1
 * here). Two nodes on one database (this context's, and a second {@link SmppTransport} under a node identity of its
 * own): the SMSC sees one bind; the node without a bind claims no SMS (they wait for the node that can send them);
 * when the holder stops, the other binds within a heartbeat; a slot held by a node whose heartbeat died is free.
 */
@PostgresTest
class SmppBindLeasesTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final TestSmsc SMSC = TestSmsc.started();

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry r) {
        SMSC.register(r, "cluster-smsc");
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

    @Autowired org.fairsend.platform.Throttles throttles;
    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired SmppTransport transport;
    @Autowired SmsProperties smsProperties;
    @Autowired SmsReceipts receipts;
    @Autowired ApplicationEventPublisher events;
    @Autowired FairsendProperties platform;
    @Autowired NodeIdentity self;

    /** The most sessions the SMSC saw bound at once, sampled every 10 ms. */
    final AtomicInteger maxBound = new AtomicInteger();
    final AtomicBoolean sampling = new AtomicBoolean(true);

    @BeforeEach
    void aWeekdayMorning() {
        clock.setNow(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, PARIS).toInstant());
        sampling.set(true);
        Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                maxBound.accumulateAndGet(SMSC.boundSessions(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void realTime() {
        sampling.set(false);
        clock.reset();
        transport.start(); // this context's node binds again for the next test
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        SMSC.close();
    }

    @Test
    void twoNodesShareOneBindAndTheSmsGoToTheNodeThatHoldsIt() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.boundSessions() == 1 && transport.bound());
        // the cluster's node timeout (every node must judge the others by the same one), a quicker heartbeat
        var otherNodes = new ClusterNodes(jdbc, new NodeIdentity(null), new ClusterProperties(null, Duration.ofMillis(200), Duration.ofSeconds(30)), true);
        otherNodes.start();
        var other = new SmppTransport(smsProperties, receipts, events, platform, throttles, otherNodes, jdbc);
        other.start();
        try {
            Thread.sleep(1_500); // several of the other node's attempts at a free slot
            assertThat(other.bound()).as("the second node holds no bind").isFalse();
            assertThat(other.canSendNow()).isFalse();
            assertThat(SMSC.boundSessions()).isEqualTo(1);

            // this node stops (a rolling restart): the other binds within its heartbeat
            transport.stop();
            await().atMost(Duration.ofSeconds(5)).until(other::bound);
            assertThat(SMSC.boundSessions()).isEqualTo(1);
            assertThat(transport.canSendNow()).isFalse();

            // this node (its delivery engine runs) holds no bind now: it claims none of a campaign's SMS
            transport.start();
            List<String> numbers = List.of("+33640000001", "+33640000002", "+33640000003");
            String campaign = smsCampaign(numbers);
            Thread.sleep(2_000);
            assertThat(transport.bound()).as("the slot is the other node's").isFalse();
            assertThat(jdbc.sql("select status, count(*) from outbound_message where campaign_id = ?::uuid group by status").param(campaign)
                    .query((rs, i) -> rs.getString(1) + "=" + rs.getLong(2)).list()).containsExactly("queued=3");
            assertThat(numbers).allSatisfy(n -> assertThat(SMSC.submittedTo(n)).isEmpty());

            // the other node stops: this one binds within its heartbeat (5 s) and sends each SMS once
            other.stop();
            await().atMost(Duration.ofSeconds(15)).until(transport::bound);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from outbound_message where campaign_id = ?::uuid"
                    + " and status = 'sent'").param(campaign).query(Long.class).single() == 3);
            assertThat(numbers).allSatisfy(n -> assertThat(SMSC.submittedTo(n)).hasSize(1));
            assertThat(jdbc.sql("select distinct node_id from send_log where campaign_id = ?::uuid and outcome = 'sent'").param(campaign)
                    .query(String.class).list()).containsExactly(self.id());
        } finally {
            other.stop();
            otherNodes.stop();
        }
        assertThat(maxBound.get()).as("the SMSC never saw two binds at once").isEqualTo(1);
    }

    @Test
    void aSlotHeldByANodeWhoseHeartbeatDiedIsFree() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> SMSC.boundSessions() == 1 && transport.bound());
        transport.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> SMSC.boundSessions() == 0);
        // a node killed while bound: its bind is gone with its process, its slot stays on its heartbeat
        String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into cluster_node (id, host, pid, started_at, heartbeat_at) values (?, 'ghost-host', 4242, current_timestamp,"
                + " current_timestamp)").param(ghost).update();
        jdbc.sql("insert into smpp_bind_lease (smsc, slot, node_id, leased_at) values ('cluster-smsc', 1, ?, current_timestamp)").param(ghost).update();
        transport.start();
        Thread.sleep(2_000);
        assertThat(transport.bound()).as("the ghost is alive: its slot is its own").isFalse();
        assertThat(SMSC.boundSessions()).isZero();

        // its heartbeat ages past the node timeout (30 s, set back rather than waited)
        jdbc.sql("update cluster_node set heartbeat_at = current_timestamp - interval '31' second where id = ?").param(ghost).update();
        await().atMost(Duration.ofSeconds(10)).until(transport::bound);
        assertThat(jdbc.sql("select node_id from smpp_bind_lease where smsc = 'cluster-smsc' and slot = 1").query(String.class).single())
                .isEqualTo(self.id());
        assertThat(maxBound.get()).isEqualTo(1);
    }

    /** An SMS campaign to these numbers (consenting contacts), started. */
    private String smsCampaign(List<String> numbers) {
        var a = fixtures.account();
        var list = a.api().post("/api/lists", Map.of("name", "Clients SMS"));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        String listId = list.json().get("id").asString();
        StringBuilder csv = new StringBuilder("phone,first_name,channels,consent_basis,opt_in_type,collected_at,source_url,ip,"
                + "declaration_text,subject,explicit\n");
        for (String number : numbers) {
            csv.append(number).append(",Camille,sms,opt_in,single,2026-06-01T10:00:00Z,")
                    .append("https://boulangerie.example/sms,203.0.113.7,J'accepte de recevoir les offres SMS de la boulangerie,")
                    .append("Offres de la boulangerie par SMS,true\n");
        }
        var imp = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + listId, csv.toString(), "text/csv");
        assertThat(imp.status()).as(imp.body()).isIn(200, 201, 202);
        String importId = imp.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !a.api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        var c = a.api().post("/api/campaigns", Map.of("name", "Offre SMS", "channel", "sms", "listIds", List.of(listId),
                "text", "Bonjour {{ contact.first_name }}, la galette des rois est arrivée : 12 € jusqu'à dimanche."));
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        String id = c.json().get("id").asString();
        var started = a.api().post("/api/campaigns/" + id + "/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return id;
    }
}
