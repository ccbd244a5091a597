package org.fairsend.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.platform.RuleViolation.Violation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Issue 15: the hosted forms' bot-check thresholds are policy values with defaults and bounds. */
class FormPolicyTest {

    @Test
    void defaultsAndBounds() {
        FormPolicy d = Policy.defaults().forms();
        assertThat(d.minFillSeconds()).isEqualTo(3);
        assertThat(d.confirmationMailsPerAddressPerDay()).isEqualTo(3);
        assertThat(d.alreadySubscribedNoticesPerDay()).isEqualTo(1);
        Policy p = JsonMapper.builder().build().readValue("""
                {"forms": {"minFillSeconds": 0, "confirmationMailsPerAddressPerDay": 50, "submissionsPerIpPerHour": 0,
                           "alreadySubscribedNoticesPerDay": 0}}""", Policy.class);
        assertThat(p.forms().fillTokenHours()).isEqualTo(24);
        assertThat(p.problems()).extracting(Violation::field).containsExactlyInAnyOrder("forms.minFillSeconds",
                "forms.confirmationMailsPerAddressPerDay", "forms.submissionsPerIpPerHour");
    }
}
