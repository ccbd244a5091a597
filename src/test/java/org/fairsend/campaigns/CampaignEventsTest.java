package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/** The campaigns module's event: each change of a campaign's status, by whom and why (the audit, R-14). */
@EventScenarioTest
class CampaignEventsTest {

    @Autowired AccountService accounts;
    @Autowired CampaignService campaigns;

    @Test
    void creatingThenCancellingADraftPublishesBothTransitions(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        scenario.stimulate(() -> campaigns.create(a.id(), draft()))
                .andWaitForEventOfType(CampaignStatusChanged.class)
                .matching(e -> e.accountId().equals(a.id()))
                .toArriveAndVerify((e, c) -> {
                    assertThat(e.campaignId()).isEqualTo(c.id());
                    assertThat(e.from()).isNull();
                    assertThat(e.to()).isEqualTo(Campaign.Status.DRAFT);
                    assertThat(e.actor()).isEqualTo("account");
                });
    }

    @Test
    void cancellingADraftPublishesTheTransitionWithItsActor(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        Campaign c = campaigns.create(a.id(), draft());
        scenario.stimulate(() -> campaigns.cancel(a.id(), c.id(), "scenario"))
                .andWaitForEventOfType(CampaignStatusChanged.class)
                .matching(e -> e.campaignId().equals(c.id()) && e.to() == Campaign.Status.CANCELLED)
                .toArriveAndVerify(e -> {
                    assertThat(e.accountId()).isEqualTo(a.id());
                    assertThat(e.from()).isEqualTo(Campaign.Status.DRAFT);
                    assertThat(e.actor()).isEqualTo("scenario");
                    assertThat(e.reason()).isEqualTo("cancelled");
                });
    }

    private static CampaignService.Draft draft() {
        return new CampaignService.Draft("Scenario", "email", "marketing", "Le pain", null, "<p>Bonjour</p>", null, null, null, null,
                null, null, null, null, null, null, null, null);
    }
}
