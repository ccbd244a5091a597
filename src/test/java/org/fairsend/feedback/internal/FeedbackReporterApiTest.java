package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The operator's feedback-loop reporters over real HTTP (operator key only): created, read, replaced and removed;
 * bad input (an invalid CIDR range, a range that is every address, a malformed domain, nothing that proves a report,
 * a name taken) is refused whole with problem+json naming each field and rule, and nothing is stored.
 */
@PostgresTest
class FeedbackReporterApiTest {

    static final String PATH = "/api/operator/feedback/reporters";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void theOperatorManagesReportersAndBadInputIsRefusedWhole() {
        Api op = fixtures.operator();
        String name = "Mailbox Three " + UUID.randomUUID();
        var created = op.post(PATH, Map.of("name", name, "dkimDomains", List.of("FBL.Mailbox-Three.example."),
                "sourceRanges", List.of("198.51.100.7/24", "2001:db8::1/32", "203.0.113.9"),
                "reason", "Mailbox Three's feedback loop, ticket 42"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode r = created.json();
        long id = r.get("id").asLong();
        assertThat(r.get("dkimDomains").toString()).isEqualTo("[\"fbl.mailbox-three.example\"]");
        assertThat(r.get("sourceRanges").toString()).contains("198.51.100.0/24").contains("203.0.113.9/32").contains("2001:db8:0:0:0:0:0:0/32");
        assertThat(r.get("createdBy").asString()).startsWith("operator-key:");
        assertThat(op.get(PATH).json().toString()).contains(name);
        assertThat(op.get(PATH + "/" + id).json().get("name").asString()).isEqualTo(name);

        long before = reporters();
        var bad = op.post(PATH, Map.of("name", "Broken", "dkimDomains", List.of("not a domain"),
                "sourceRanges", List.of("10.0.0.0/33", "300.1.2.3/8", "0.0.0.0/0", "fbl.example/24")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").toString()).contains("\"field\":\"dkimDomains[0]\"").contains("\"field\":\"sourceRanges[0]\"")
                .contains("\"field\":\"sourceRanges[1]\"").contains("\"field\":\"sourceRanges[3]\"").contains("\"rule\":\"cidr\"")
                .contains("it would trust anyone")
                // an operator change without a reason is refused like any other invalid field
                .contains("\"field\":\"reason\"");
        var empty = op.post(PATH, Map.of("name", "Proves nothing"));
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("errors").toString()).contains("\"rule\":\"required\"").contains("at least one DKIM domain or one source range");
        var taken = op.post(PATH, Map.of("name", name, "sourceRanges", List.of("192.0.2.0/24"), "reason", "again"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("errors").toString()).contains("\"rule\":\"unique\"");
        assertThat(reporters()).isEqualTo(before);

        // only the operator
        Api account = fixtures.account().api();
        assertThat(account.get(PATH).status()).isEqualTo(403);
        assertThat(account.post(PATH, Map.of("name", "Mine", "sourceRanges", List.of("192.0.2.0/24"))).status()).isEqualTo(403);
        assertThat(fixtures.anonymous().get(PATH).status()).isEqualTo(401);

        // replaced whole: the old domain and ranges no longer count
        assertThat(op.put(PATH + "/" + id, Map.of("name", name, "sourceRanges", List.of("192.0.2.0/25"))).status())
                .as("no reason").isEqualTo(422);
        var replaced = op.put(PATH + "/" + id, Map.of("name", name, "sourceRanges", List.of("192.0.2.0/25"),
                "reason", "the provider moved its reports"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("dkimDomains").size()).isZero();
        assertThat(replaced.json().get("sourceRanges").toString()).isEqualTo("[\"192.0.2.0/25\"]");
        assertThat(op.put(PATH + "/" + id, Map.of("name", name, "sourceRanges", List.of("nonsense"), "reason", "typo")).status())
                .isEqualTo(422);
        assertThat(op.get(PATH + "/" + id).json().get("sourceRanges").toString()).isEqualTo("[\"192.0.2.0/25\"]");

        assertThat(op.delete(PATH + "/" + id).status()).as("no reason").isEqualTo(422);
        assertThat(op.get(PATH + "/" + id).status()).isEqualTo(200);
        assertThat(op.delete(PATH + "/" + id + "?reason=contract+ended").status()).isEqualTo(204);
        assertThat(op.get(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(op.delete(PATH + "/" + id + "?reason=again").status()).isEqualTo(404);

        // every change is kept with who made it and why, newest first, also after the removal
        var changes = op.get(PATH + "/" + id + "/changes").json();
        assertThat(changes.size()).isEqualTo(3);
        assertThat(changes.get(0).get("action").asString()).isEqualTo("REMOVED");
        assertThat(changes.get(0).get("reason").asString()).isEqualTo("contract ended");
        assertThat(changes.get(1).get("action").asString()).isEqualTo("REPLACED");
        assertThat(changes.get(1).get("sourceRanges").toString()).isEqualTo("[\"192.0.2.0/25\"]");
        assertThat(changes.get(2).get("action").asString()).isEqualTo("ADDED");
        assertThat(changes.get(2).get("reason").asString()).isEqualTo("Mailbox Three's feedback loop, ticket 42");
        assertThat(changes.get(2).get("actor").asString()).startsWith("operator-key:");
        assertThat(op.get(PATH + "/999999999/changes").status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from feedback_reporter_source where reporter_id = ?").param(id).query(Long.class).single()).isZero();
    }

    private long reporters() {
        return jdbc.sql("select count(*) from feedback_reporter").query(Long.class).single();
    }
}
