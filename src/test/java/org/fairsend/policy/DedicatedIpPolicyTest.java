package org.fairsend.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.fairsend.platform.RuleViolation.Violation;
import org.junit.jupiter.api.Test;

/** Issue 19: the warm-up plan is policy data: providers by recipient domain, daily caps by day of the plan. */
class DedicatedIpPolicyTest {

    @Test
    void theDefaultPlanGrowsOverSixWeeksPerProviderAndEndsUncapped() {
        DedicatedIpPolicy p = Policy.defaults().dedicatedIp();
        assertThat(Policy.defaults().problems()).isEmpty();
        assertThat(p.providerOf("GMAIL.com")).isEqualTo("gmail");
        assertThat(p.providerOf("hotmail.fr")).isEqualTo("microsoft");
        assertThat(p.providerOf("wanadoo.fr")).isEqualTo("orange");
        assertThat(p.providerOf("free.fr")).isEqualTo("free");
        assertThat(p.providerOf("boulangerie.example")).isEqualTo(DedicatedIpPolicy.OTHER);
        assertThat(p.providerNames()).endsWith(DedicatedIpPolicy.OTHER).contains("gmail", "microsoft", "yahoo", "orange", "free");
        assertThat(p.capOn(1, "gmail")).isEqualTo(50);
        assertThat(p.capOn(2, "gmail")).isEqualTo(100);
        assertThat(p.capOn(7, "gmail")).isEqualTo(1000); // day 6's step holds until day 8
        assertThat(p.capOn(1, "orange")).isLessThan(p.capOn(1, "gmail"));
        assertThat(p.capOn(42, "gmail")).isEqualTo(40000);
        assertThat(p.capOn(43, "gmail")).as("after the plan: no cap").isNull();
    }

    @Test
    void aPlanOutOfOrderOrNamingAnUnknownProviderIsRefusedNamingTheField() {
        var plan = new DedicatedIpPolicy(Map.of("gmail", List.of("gmail.com"), "google", List.of("gmail.com")),
                List.of(new DedicatedIpPolicy.WarmupStep(2, Map.of("gmail", 10)), new DedicatedIpPolicy.WarmupStep(2, Map.of("aol", 5)),
                        new DedicatedIpPolicy.WarmupStep(9, Map.of("gmail", -1))), 5);
        List<String> fields = new Policy(null, null, null, null, null, null, null, null, null, null, null, null, plan, null, null).problems().stream()
                .map(Violation::field).toList();
        assertThat(fields).contains("dedicatedIp.warmup[0].fromDay", "dedicatedIp.warmup[1].fromDay", "dedicatedIp.warmup[2].caps.gmail",
                "dedicatedIp.days");
        assertThat(fields.stream().filter(f -> f.startsWith("dedicatedIp.providers"))).hasSize(1);
    }
}
