package org.fairsend.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.cluster.ClusterNodes;
import org.fairsend.platform.cluster.ClusterProperties;
import org.fairsend.platform.cluster.NodeIdentity;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18: an import is failed only when the node running it is gone. Before, any node that started marked every
 * running import failed, including those other live nodes were running.
 */
@PostgresTest
class AbandonedImportsTest {

    @Autowired ImportJobs jobs;
    @Autowired ClusterNodes nodes;
    @Autowired JdbcClient jdbc;
    @Autowired Fixtures fixtures;

    @Test
    void theImportOfADeadNodeIsFailedAndThoseOfLiveNodesRunOn() {
        var account = fixtures.account();
        var live = new ClusterNodes(jdbc, new NodeIdentity(null), new ClusterProperties(null, Duration.ofSeconds(1), Duration.ofSeconds(30)), true);
        live.start();
        var killed = new ClusterNodes(jdbc, new NodeIdentity(null), new ClusterProperties(null, Duration.ofSeconds(1), Duration.ofSeconds(30)), true);
        killed.start();
        var stopped = new ClusterNodes(jdbc, new NodeIdentity(null), new ClusterProperties(null, Duration.ofSeconds(1), Duration.ofSeconds(30)), true);
        stopped.start();
        try {
            killed.stop(); // then its row is made to look like a node killed a minute ago: silent, never stopped
            jdbc.sql("update cluster_node set stopped_at = null, heartbeat_at = heartbeat_at - interval '1' minute where id = ?")
                    .param(killed.self()).update();
            stopped.stop();

            UUID ofLive = running(account.id(), live.self());
            UUID ofThisNode = running(account.id(), nodes.self());
            UUID ofKilled = running(account.id(), killed.self());
            UUID ofStopped = running(account.id(), stopped.self());
            UUID ofCommand = running(account.id(), null); // a one-off command's: no node watches it

            assertThat(jobs.failAbandoned()).isGreaterThanOrEqualTo(2);

            assertThat(status(ofKilled)).isEqualTo("failed");
            assertThat(error(ofKilled)).contains("interrupted").contains(killed.self());
            assertThat(status(ofStopped)).isEqualTo("failed");
            assertThat(status(ofLive)).isEqualTo("running");
            assertThat(status(ofThisNode)).isEqualTo("running");
            assertThat(status(ofCommand)).isEqualTo("running");
            // the account reads it failed through the API
            var r = account.api().get("/api/imports/" + ofKilled);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asString()).isEqualTo("failed");
        } finally {
            live.stop();
            jdbc.sql("update contact_import set status = 'failed', finished_at = current_timestamp where account_id = ? and status = 'running'")
                    .param(account.id()).update();
        }
    }

    @Test
    void anImportStartedOnThisNodeNamesIt() {
        var account = fixtures.account();
        var list = account.api().post("/api/lists", java.util.Map.of("name", "Clients"));
        String csv = org.fairsend.campaigns.EmailSetup.HEADER + "a@noeud.example,Camille,opt_in,single,2026-06-01T10:00:00Z,"
                + "https://noeud.example/lettre,203.0.113.7,J'accepte de recevoir la lettre,Nouveautés,true,Lyon\n";
        var r = account.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + list.json().get("id").asString(), csv, "text/csv");
        assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
        assertThat(jdbc.sql("select node_id from contact_import where id = ?").param(UUID.fromString(r.json().get("id").asString()))
                .query(String.class).single()).isEqualTo(nodes.self());
    }

    private UUID running(UUID account, String node) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into contact_import (id, account_id, format, provenance, status, rows_read, rows_accepted, rows_rejected, started_at, node_id)
                values (?, ?, 'csv', 'own_form', 'running', 0, 0, 0, ?, ?)""")
                .params(id, account, Timestamp.from(Instant.now()), node).update();
        return id;
    }

    private String status(UUID id) {
        return jdbc.sql("select status from contact_import where id = ?").param(id).query(String.class).single();
    }

    private String error(UUID id) {
        return jdbc.sql("select error from contact_import where id = ?").param(id).query(String.class).single();
    }
}
