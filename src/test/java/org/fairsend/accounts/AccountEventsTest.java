package org.fairsend.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/**
 * The accounts module's events: a change of the details call tracking follows; a freeze and its lifting, which the
 * last-mile gate follows (issue 19).
 */
@EventScenarioTest
class AccountEventsTest {

    @Autowired AccountService accounts;
    @Autowired AccountFreezes freezes;

    @Test
    void freezingAndLiftingAnAccountPublishWhoAndWhy(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        scenario.stimulate(() -> freezes.freeze(a.id(), "operator:scenario", "complaints under review"))
                .andWaitForEventOfType(AccountFrozen.class)
                .matching(e -> e.accountId().equals(a.id()))
                .toArriveAndVerify(e -> {
                    assertThat(e.reason()).isEqualTo("complaints under review");
                    assertThat(e.actor()).isEqualTo("operator:scenario");
                    assertThat(e.at()).isNotNull();
                });
        assertThat(accounts.get(a.id()).status()).isEqualTo(Account.Status.FROZEN);
        scenario.stimulate(() -> freezes.unfreeze(a.id(), "operator:scenario", "evidence received"))
                .andWaitForEventOfType(AccountUnfrozen.class)
                .matching(e -> e.accountId().equals(a.id()))
                .toArriveAndVerify(e -> assertThat(e.reason()).isEqualTo("evidence received"));
        assertThat(accounts.get(a.id()).status()).isEqualTo(Account.Status.ACTIVE);
    }

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
