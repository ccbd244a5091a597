package org.fairsend.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.platform.Channel;
import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/** The suppression module's event: an address put on the list, which the last-mile gate learns at once. */
@EventScenarioTest
class SuppressionEventsTest {

    @Autowired org.fairsend.platform.Pseudonyms pseudonyms;
    @Autowired AccountService accounts;
    @Autowired Suppressions suppressions;

    @Test
    void suppressingAnAddressPublishesItsHashAndReason(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        String address = "gone-" + UUID.randomUUID().toString().substring(0, 8) + "@scenario.example";
        scenario.stimulate(() -> suppressions.suppress(a.id(), Channel.EMAIL, address, SuppressionReason.HARD_BOUNCE, "test", "5.1.1"))
                .andWaitForEventOfType(AddressSuppressed.class)
                .matching(e -> pseudonyms.address(address).equals(e.addressHash()))
                .toArriveAndVerify(e -> {
                    assertThat(e.accountId()).isEqualTo(a.id());
                    assertThat(e.channel()).isEqualTo(Channel.EMAIL);
                    assertThat(e.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
                });
    }
}
