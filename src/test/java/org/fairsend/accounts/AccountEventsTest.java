package org.fairsend.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/** The accounts module's event: a change of the details call tracking follows. */
@EventScenarioTest
class AccountEventsTest {

    @Autowired AccountService accounts;

    @Test
    void changingAnAccountsDetailsPublishesWhatTheyWere(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        scenario.stimulate(() -> accounts.updateDetails(a.id(), new AccountService.DetailsUpdate("+33 1 23 45 67 89", "69001")))
                .andWaitForEventOfType(AccountDetailsChanged.class)
                .matching(e -> e.accountId().equals(a.id()))
                .toArriveAndVerify(e -> {
                    assertThat(e.previousMainPhone()).isEqualTo("+33145678900");
                    assertThat(e.previousPostcode()).isEqualTo("75011");
                    assertThat(e.at()).isNotNull();
                });
    }
}
