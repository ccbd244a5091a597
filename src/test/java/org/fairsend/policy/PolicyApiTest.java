package org.fairsend.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PostgresTest
class PolicyApiTest {

    @Autowired Fixtures fixtures;

    @Test
    void theOperatorVersionsThePolicyWithAReasonAndAccountsReadIt() {
        var op = fixtures.operator();
        var before = op.get("/api/policy").json();
        assertThat(before.at("/policy/retention/prospectYears").asInt()).isEqualTo(3);
        assertThat(before.at("/policy/frequency/marketingPerRecipientPer30Days").asInt()).isEqualTo(2);
        int v = before.get("version").asInt();

        var changed = op.put("/api/operator/policy", Map.of("reason", "stricter hygiene after audit",
                "policy", Map.of("hygiene", Map.of("inactiveMonths", 4))));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("version").asInt()).isEqualTo(v + 1);
        assertThat(changed.json().at("/policy/hygiene/inactiveMonths").asInt()).isEqualTo(4);
        assertThat(changed.json().at("/policy/retention/prospectYears").asInt()).isEqualTo(3);

        var account = fixtures.account();
        assertThat(account.api().get("/api/policy").json().at("/policy/hygiene/inactiveMonths").asInt()).isEqualTo(4);
        assertThat(account.api().put("/api/operator/policy", Map.of("reason", "x")).status()).isEqualTo(403);

        var refused = op.put("/api/operator/policy", Map.of("reason", "keep prospects longer",
                "policy", Map.of("retention", Map.of("prospectYears", 5))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("X-8");
        assertThat(op.put("/api/operator/policy", Map.of("policy", Map.of())).json().at("/errors/0/field").asString()).isEqualTo("reason");
        assertThat(op.get("/api/operator/policy/versions").json().get(0).get("reason").asString()).isEqualTo("stricter hygiene after audit");
    }
}
