package org.fairsend.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.feedback.SpamtrapHit;
import org.fairsend.platform.Channel;
import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.test.Scenario;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The reputation module's event: a campaign crossing a threshold is incriminated. Two spamtrap hits of one
 * campaign (what feedback publishes) are above the policy's default of one.
 */
@EventScenarioTest
class ReputationEventsTest {

    @Autowired AccountService accounts;
    @Autowired CampaignService campaigns;

    @Test
    void aCampaignAboveTheSpamtrapThresholdIsIncriminated(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        Campaign c = campaigns.create(a.id(), new CampaignService.Draft("Scenario", "email", "marketing", "Le pain", null,
                "<p>Bonjour</p>", null, null, null, null, null, null, null, null, null, null, null, null));
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        BiConsumer<TransactionOperations, ApplicationEventPublisher> twoHits = (tx, events) -> tx.executeWithoutResult(s -> {
            events.publishEvent(new SpamtrapHit(base, base, a.id(), c.id(), "a".repeat(64), Instant.now()));
            events.publishEvent(new SpamtrapHit(base + 1, base + 1, a.id(), c.id(), "b".repeat(64), Instant.now()));
        });
        scenario.stimulate(twoHits)
                .andWaitForEventOfType(CampaignIncriminated.class)
                .matching(e -> e.campaignId().equals(c.id()))
                .toArriveAndVerify(e -> {
                    assertThat(e.accountId()).isEqualTo(a.id());
                    assertThat(e.channel()).isEqualTo(Channel.EMAIL);
                    assertThat(e.indicator()).isEqualTo("spamtraps_and_unjustified");
                    assertThat(e.value()).isEqualTo(2.0);
                    assertThat(e.threshold()).isEqualTo(1.0);
                    assertThat(e.rung()).isEqualTo(1);
                });
    }
}
