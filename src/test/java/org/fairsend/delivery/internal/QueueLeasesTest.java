package org.fairsend.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.platform.cluster.NodeIdentity;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: queue claims are leased on the claiming node's heartbeat. Another node (here: a registry row, as a node
 * killed mid-batch leaves it) holds messages of a campaign; while its heartbeat lives they stay its own, however long
 * ago they were claimed; once its heartbeat is older than the node timeout, this node takes them back and sends each
 * exactly once, and the send log names this node. An outcome written by a node whose claims were taken back does not
 * overwrite the newer state.
 */
@PostgresTest
class QueueLeasesTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired NodeIdentity self;
    @Autowired Queue queue;

    static final String HTML = "<p>Bonjour {{ contact.first_name }}, le pain du jour est sorti du four.</p>";

    private String ghost() {
        String id = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into cluster_node (id, host, pid, started_at, heartbeat_at) values (?, 'ghost-host', 4242, current_timestamp,"
                + " current_timestamp)").param(id).update();
        return id;
    }

    private int received(String domain) {
        return (int) java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().endsWith("@" + domain);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void aDeadNodesClaimsAreTakenBackOnlyAfterItsHeartbeatTimesOutAndEachIsSentOnce() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        int n = 12;
        String domain = "leases-" + s.account().id().toString().substring(24) + ".example";
        EmailSetup.importContacts(s, "pain", domain, n);
        // throttled (2 a second, one claim in flight): this node claims a couple before the other node's claims are set
        String id = EmailSetup.campaign(s, "Le pain du jour", HTML, Map.of("throttlePerMinute", 120));
        UUID campaign = UUID.fromString(id);
        String ghost = ghost();
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        // paused at once (this node's gate stops at once, what it had claimed and not sent goes back to the queue), so
        // that the other node's claims can be set without racing this node's feeders
        assertThat(s.account().api().post("/api/campaigns/" + id + "/pause", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from outbound_message where campaign_id = ? and status = 'sending'")
                .param(campaign).query(Long.class).single() == 0);
        // the other node claimed the rest an hour ago (its messages waited on a throttle, a domain's cap: the former
        // fixed five-minute lease would have handed them to this node while their node was alive and sending)
        int theirs = jdbc.sql("update outbound_message set status = 'sending', claimed_by = ?, claimed_at = current_timestamp - interval '1' hour,"
                + " attempts = attempts + 1 where campaign_id = ? and status = 'queued'").params(ghost, campaign).update();
        assertThat(theirs).as("the campaign was paused before this node sent it all").isGreaterThanOrEqualTo(2);
        int mine = n - theirs;
        assertThat(s.account().api().post("/api/campaigns/" + id + "/resume", null).status()).isEqualTo(200);
        // one of them left from the other node just before it died: its outcome reached the send log (fenced off the
        // queue row, which stays 'sending' under its name), the mail the recipient's server (not this test's sink)
        var left = jdbc.sql("select id, recipient from outbound_message where campaign_id = ? and claimed_by = ? order by id limit 1")
                .params(campaign, ghost).query((rs, i) -> Map.entry(rs.getLong(1), rs.getString(2))).single();
        jdbc.sql("insert into send_log (message_id, account_id, campaign_id, channel, recipient, recipient_hash, outcome, detail, attempt,"
                + " logged_at, node_id) values (?, ?, ?, 'email', ?, 'h', 'sent', '250 OK', 1, current_timestamp, ?)")
                .params(left.getKey(), s.account().id(), campaign, left.getValue(), ghost).update();

        // (b) alive: not taken back over several of this node's reclaim rounds (every heartbeat, 5 s)
        await().atMost(Duration.ofSeconds(20)).until(() -> received(domain) == mine);
        Thread.sleep(6_000);
        assertThat(received(domain)).as("nothing of the live node's claims was sent by this node").isEqualTo(mine);
        assertThat(jdbc.sql("select count(*) from outbound_message where campaign_id = ? and status = 'sending' and claimed_by = ?")
                .params(campaign, ghost).query(Long.class).single()).isEqualTo(theirs);

        // (a) killed mid-batch: its heartbeat stops and ages past the node timeout (30 s, set back rather than waited)
        jdbc.sql("update cluster_node set heartbeat_at = current_timestamp - interval '31' second where id = ?").param(ghost).update();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> "finished".equals(
                jdbc.sql("select status from campaign where id = ?").param(campaign).query(String.class).single()));
        Map<String, Integer> perRecipient = new HashMap<>();
        for (var m : mail.getReceivedMessages()) {
            String to = m.getAllRecipients()[0].toString().toLowerCase();
            if (to.endsWith("@" + domain)) perRecipient.merge(to, 1, Integer::sum);
        }
        assertThat(perRecipient).as("nobody lost (the one that left from the dead node is not sent again)").hasSize(n - 1)
                .doesNotContainKey(left.getValue());
        assertThat(perRecipient.values()).as("each sent once").containsOnly(1);
        assertThat(jdbc.sql("select count(*) from outbound_message where campaign_id = ? and status = 'sent'").param(campaign)
                .query(Long.class).single()).isEqualTo(n);
        // the send log says which node sent each message: this one, the taken-back ones too, but the one that left
        // from the other node before it died
        List<String> senders = jdbc.sql("select node_id from send_log where campaign_id = ? and outcome = 'sent' and message_id <> ?")
                .params(campaign, left.getKey()).query(String.class).list();
        assertThat(senders).hasSize(n - 1).containsOnly(self.id());
        assertThat(jdbc.sql("select node_id from send_log where message_id = ? and outcome = 'sent'").param(left.getKey())
                .query(String.class).list()).containsExactly(ghost);
        assertThat(jdbc.sql("select last_result from outbound_message where id = ?").param(left.getKey()).query(String.class).single())
                .contains("already sent by node " + ghost);
    }

    @Test
    void anOutcomeFromANodeWhoseClaimWasTakenBackDoesNotOverwriteTheNewerState() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        // a transactional-looking row of the account, queued and claimed by this node
        UUID account = s.account().id();
        long msg = jdbc.sql("insert into outbound_message (account_id, channel, recipient, status, attempts, next_attempt_at, payload, created_at)"
                + " values (?, 'email', 'fenced@fence.example', 'sending', 1, current_timestamp, '{}', current_timestamp) returning id")
                .param(account).query(Long.class).single();
        jdbc.sql("update outbound_message set claimed_by = ?, claimed_at = current_timestamp where id = ?").params(self.id(), msg).update();

        // this node was held dead meanwhile: another node took the message back and is sending it
        String other = ghost();
        jdbc.sql("update outbound_message set claimed_by = ?, attempts = 2 where id = ?").params(other, msg).update();

        List<Long> notMine = queue.record(List.of(new Queue.Outcome(msg, QueueStatus.SENT, null, "250 OK (late)", "late-ref")));
        assertThat(notMine).containsExactly(msg);
        var row = jdbc.sql("select status, claimed_by, last_result, attempts from outbound_message where id = ?").param(msg).query().singleRow();
        assertThat(row).containsEntry("status", "sending").containsEntry("claimed_by", other).containsEntry("attempts", 2);
        assertThat(row.get("last_result")).isNull();

        // and a message still this node's is written as before
        jdbc.sql("update outbound_message set claimed_by = ? where id = ?").params(self.id(), msg).update();
        assertThat(queue.record(List.of(new Queue.Outcome(msg, QueueStatus.SENT, null, "250 OK", "ref")))).isEmpty();
        assertThat(jdbc.sql("select status from outbound_message where id = ?").param(msg).query(String.class).single()).isEqualTo("sent");
    }

    @Test
    void aLiveNodesClaimsAreNeverTakenBackAndADeadOnesAreQueuedAgain() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String alive = ghost();
        String dead = ghost();
        jdbc.sql("update cluster_node set heartbeat_at = current_timestamp - interval '1' hour where id = ?").param(dead).update();
        long a = claimed(s.account().id(), alive, "alive@fence.example");
        long d = claimed(s.account().id(), dead, "dead@fence.example");
        // (this node's own reclaim round may get there first: the same statement)
        queue.reclaimFromDeadNodes(java.sql.Timestamp.from(Instant.now().minus(Duration.ofSeconds(30))));
        assertThat(jdbc.sql("select status from outbound_message where id = ?").param(a).query(String.class).single()).isEqualTo("sending");
        assertThat(jdbc.sql("select status from outbound_message where id = ?").param(d).query(String.class).single()).isEqualTo("queued");
        assertThat(jdbc.sql("select claimed_by from outbound_message where id = ?").param(d).query(String.class).optional()).isEmpty();
    }

    private long claimed(UUID account, String node, String recipient) {
        // a transactional row the engine cannot render (no template in its payload): this test looks only at its claim
        return jdbc.sql("insert into outbound_message (account_id, channel, recipient, status, attempts, next_attempt_at, payload, claimed_by,"
                + " claimed_at, created_at) values (?, 'email', ?, 'sending', 1, current_timestamp + interval '1' day, '{}', ?,"
                + " current_timestamp - interval '1' hour, current_timestamp)"
                + " returning id").params(account, recipient, node).query(Long.class).single();
    }
}
