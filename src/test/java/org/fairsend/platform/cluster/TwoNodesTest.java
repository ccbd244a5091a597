package org.fairsend.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.fairsend.FairsendApplication;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.console.ConsoleSession;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18 with two nodes up on one database: this test's Fairsend (node A) and a second one started in the same JVM
 * (node B, its own node id, its reports on a read replica: the same database through read-only connections). A
 * scheduled campaign is started once with both schedulers polling, under the job lock the operator sees; every metric
 * names its node; node B's reporting endpoints answer from the replica, through which no write passes.
 */
@PostgresTest
class TwoNodesTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static ConfigurableApplicationContext nodeB;
    static String nodeBId;

    @Autowired Fixtures fixtures;
    @Autowired ApiKeys keys;
    @Autowired NodeIdentity identity;
    @Autowired JdbcClient jdbc;
    @Value("${spring.datasource.url}") String dbUrl;

    @BeforeEach
    void startNodeB() throws Exception {
        if (nodeB != null) return;
        nodeBId = "node-b-" + UUID.randomUUID().toString().substring(0, 8);
        Path keyFile = Files.createTempDirectory("fairsend-node-b").resolve("operator-key.txt");
        String readOnly = dbUrl + (dbUrl.contains("?") ? "&" : "?") + "options=-c%20default_transaction_read_only=on";
        nodeB = new SpringApplicationBuilder(FairsendApplication.class).profiles("pgtest").run("--server.port=0",
                "--fairsend.feedback.inbound.port=0", "--fairsend.test.clean-db=false", "--spring.main.banner-mode=off",
                "--fairsend.cluster.node-id=" + nodeBId, "--fairsend.operator-key-file=" + keyFile,
                "--spring.datasource.hikari.maximum-pool-size=4", "--fairsend.db.replica.url=" + readOnly, "--fairsend.db.replica.pool=2");
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) nodeB.close();
        nodeB = null;
    }

    private Api onNodeB(String key) {
        return new Api(Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port")), key);
    }

    @Test
    void aScheduledCampaignStartsOnceWithBothSchedulersPollingUnderTheLockTheOperatorSees() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "client", "deux-noeuds.example", 2);
        String id = EmailSetup.campaign(s, "Le pain de la semaine", """
                <html><body><p>Bonjour {{ contact.first_name }}, le levain revient cette semaine.</p>
                <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""", Map.of());
        var api = s.account().api();
        var scheduled = api.post("/api/campaigns/" + id + "/schedule", Map.of("at", Instant.now().plusSeconds(3).toString().replace("Z", "+00:00")));
        assertThat(scheduled.status()).as(scheduled.body()).isIn(200, 201);
        Campaign stale = nodeB.getBean(CampaignService.class).find(UUID.fromString(id)).orElseThrow(); // as a node read it: scheduled
        assertThat(stale.status()).isEqualTo(Campaign.Status.SCHEDULED);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !api.get("/api/campaigns/" + id).json().get("status").asString().equals("scheduled"));
        // both schedulers keep polling a while: still one start
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(api.get("/api/campaigns/" + id).json().get("status").asString()).isIn("sending", "finished");
        assertThat(jdbc.sql("select count(*) from campaign_transition where campaign_id = ? and to_status = 'sending'")
                .param(UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from delivery_run where campaign_id = ?").param(UUID.fromString(id)).query(Long.class).single())
                .isEqualTo(1);

        // a node that read it scheduled and failed to start it never sets the started campaign back to draft
        nodeB.getBean(CampaignService.class).unschedule(stale, "could not start at its scheduled time (test)");
        assertThat(api.get("/api/campaigns/" + id).json().get("status").asString()).isIn("sending", "finished");
        assertThat(jdbc.sql("select count(*) from campaign_transition where campaign_id = ? and from_status = 'scheduled' and to_status = 'draft'")
                .param(UUID.fromString(id)).query(Long.class).single()).isZero();

        // the operator sees both nodes alive and which of them ran the scheduler last
        var cluster = fixtures.operator().get("/api/operator/cluster");
        assertThat(cluster.status()).as(cluster.body()).isEqualTo(200);
        JsonNode view = cluster.json();
        assertThat(view.get("self").asString()).isEqualTo(identity.id());
        assertThat(node(view, identity.id()).get("alive").asBoolean()).isTrue();
        assertThat(node(view, nodeBId).get("alive").asBoolean()).isTrue();
        assertThat(node(view, nodeBId).get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        JsonNode lock = null;
        for (JsonNode l : view.get("locks")) if (l.get("name").asString().equals(JobLocks.CAMPAIGN_SCHEDULER)) lock = l;
        assertThat(lock).as(view.toString()).isNotNull();
        assertThat(lock.get("lockedBy").asString()).isIn(identity.id(), nodeBId);
        assertThat(lock.has("lockedAt") && lock.has("lockUntil") && lock.has("held")).isTrue();
        // node B answers the same
        var fromB = onNodeB(operatorKey()).get("/api/operator/cluster");
        assertThat(fromB.json().get("self").asString()).isEqualTo(nodeBId);

        // an account's key: refused like every operator endpoint
        assertThat(s.account().api().get("/api/operator/cluster").status()).isEqualTo(403);
        assertThat(fixtures.anonymous().get("/api/operator/cluster").status()).isEqualTo(401);
    }

    @Test
    void whileOneNodeHoldsTheSchedulersLockNoNodeStartsADueCampaignAndOnceReleasedOneDoes() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "tenu", "verrou.example", 1);
        String id = EmailSetup.campaign(s, "Le pain du verrou", """
                <html><body><p>Bonjour {{ contact.first_name }}, le levain revient.</p>
                <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""", Map.of());
        var api = s.account().api();
        // node B takes the scheduler's lock (as its scheduler does) and keeps it, as a node busy starting campaigns would
        LockProvider locksOfB = nodeB.getBean(LockProvider.class);
        var held = await().atMost(Duration.ofSeconds(20)).until(() -> locksOfB.lock(
                new LockConfiguration(Instant.now(), JobLocks.CAMPAIGN_SCHEDULER, Duration.ofMinutes(1), Duration.ZERO)), java.util.Optional::isPresent);
        try {
            var scheduled = api.post("/api/campaigns/" + id + "/schedule", Map.of("at", Instant.now().plusSeconds(2).toString().replace("Z", "+00:00")));
            assertThat(scheduled.status()).as(scheduled.body()).isIn(200, 201);
            // due for more than a poll of both schedulers (5 s): neither started it
            await().pollDelay(Duration.ofSeconds(9)).atMost(Duration.ofSeconds(12)).until(() -> true);
            assertThat(api.get("/api/campaigns/" + id).json().get("status").asString()).isEqualTo("scheduled");
            var lock = fixtures.operator().get("/api/operator/cluster").json().get("locks");
            boolean seen = false;
            for (JsonNode l : lock) {
                if (l.get("name").asString().equals(JobLocks.CAMPAIGN_SCHEDULER)) {
                    assertThat(l.get("lockedBy").asString()).isEqualTo(nodeBId);
                    assertThat(l.get("held").asBoolean()).isTrue();
                    seen = true;
                }
            }
            assertThat(seen).isTrue();
        } finally {
            held.get().unlock();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !api.get("/api/campaigns/" + id).json().get("status").asString().equals("scheduled"));
        assertThat(jdbc.sql("select count(*) from campaign_transition where campaign_id = ? and to_status = 'sending'")
                .param(UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theOperatorsConsoleShowsTheNodesAndTheLocksAndAnAccountUserSeesNeither() throws Exception {
        String email = "cluster-" + UUID.randomUUID().toString().substring(0, 8) + "@fairsend.example";
        assertThat(fixtures.operator().post("/api/operator/console-users", Map.of("email", email, "password", "plusieurs noeuds")).status())
                .isEqualTo(201);
        var o = new ConsoleSession(fixtures.port());
        assertThat(o.signIn(email, "plusieurs noeuds").statusCode()).isEqualTo(302);
        assertThat(o.get("/console/operator").body()).contains("href=\"/console/operator/cluster\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> o.get("/console/operator/cluster").body().contains("id=\"lock-" + JobLocks.CAMPAIGN_SCHEDULER));
        String page = o.get("/console/operator/cluster").body();
        assertThat(page).contains("id=\"node-" + identity.id() + "\"").contains("id=\"node-" + nodeBId + "\"").contains("(this node)");

        var account = fixtures.account();
        String user = "admin-" + account.id().toString().substring(24) + "@boulangerie-test.fr";
        var created = fixtures.operator().post("/api/operator/accounts/" + account.id() + "/console-users",
                Map.of("email", user, "displayName", "Claire Martin", "password", "une boulangerie"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var a = new ConsoleSession(fixtures.port());
        assertThat(a.signIn(user, "une boulangerie").statusCode()).isEqualTo(302);
        assertThat(a.get("/console").body()).doesNotContain("/console/operator/cluster");
        assertThat(a.get("/console/operator/cluster").statusCode()).isIn(403, 404);
    }

    @Test
    void everyMetricNamesTheNodeThatMeasuredIt() {
        var a = fixtures.operator().get("/actuator/prometheus");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).contains("node=\"" + identity.id() + "\"").doesNotContain("node=\"" + nodeBId + "\"");
        var b = onNodeB(operatorKey()).get("/actuator/prometheus");
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.body()).contains("node=\"" + nodeBId + "\"").doesNotContain("node=\"" + identity.id() + "\"");
    }

    @Test
    void reportsOnNodeBAnswerFromTheReadOnlyReplicaThroughWhichNoWritePasses() {
        var account = fixtures.account();
        var b = onNodeB(account.key());
        DataSource ds = nodeB.getBean(DataSource.class);
        assertThat(ds).isInstanceOf(ReplicaDataSource.class);
        HikariDataSource replica = (HikariDataSource) ((ReplicaDataSource) ds).replica();

        for (String path : new String[] {"/api/reputation", "/api/reputation/days", "/api/reputation/sanctions", "/api/reputation/ledger.csv",
                "/api/reputation/marketing-pauses", "/api/calltracking/reports", "/api/calltracking/reports.csv", "/api/calltracking/calls"}) {
            var r = b.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        }
        var op = onNodeB(operatorKey());
        for (String path : new String[] {"/api/operator/reputation/accounts", "/api/operator/reputation/closest",
                "/api/operator/reputation/incidents", "/api/operator/reputation/ledger"}) {
            var r = op.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        }
        // they were read through the replica's pool (read-only connections), and a write through it fails
        assertThat(replica.getHikariPoolMXBean().getTotalConnections()).isPositive();
        assertThatThrownBy(() -> new JdbcTemplate(replica).update("update account set trade_name = trade_name where id = ?", account.id()))
                .hasStackTraceContaining("read-only");
        // node B's writes still go to the primary
        var list = b.post("/api/lists", Map.of("name", "Écrite par le nœud B"));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        // and without a replica (node A), the same reports read the primary
        assertThat(account.api().get("/api/reputation").status()).isEqualTo(200);
    }

    private static JsonNode node(JsonNode view, String id) {
        for (JsonNode n : view.get("nodes")) if (n.get("id").asString().equals(id)) return n;
        throw new AssertionError("node " + id + " not in " + view);
    }

    private String operatorKey() {
        return keys.createOperatorKey("test").secret();
    }
}
