package org.fairsend.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.platform.Channel;
import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/**
 * The delivery module's events, published in the transaction of the batch that records them: a transactional message
 * of an account whose email channel is suspended is blocked at the batch check, never sent.
 */
@EventScenarioTest
class DeliveryEventsTest {

    @Autowired org.fairsend.platform.Pseudonyms pseudonyms;
    @Autowired AccountService accounts;
    @Autowired Deliveries deliveries;

    @Test
    void aMessageOfASuspendedChannelIsBlockedWithItsReason(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        accounts.suspendChannel(a.id(), Channel.EMAIL, Instant.now().plus(1, ChronoUnit.DAYS), "scenario");
        String to = "client-" + UUID.randomUUID().toString().substring(0, 8) + "@scenario.example";
        var template = new EmailTemplate("Votre commande", null, "<p>Merci</p>", null, "Boulangerie", "commandes@boulangerie.example",
                null, false, false, false, false);
        scenario.stimulate(() -> deliveries.sendTransactional(a.id(), template, to, Map.of(), "order"))
                .andWaitForEventOfType(MessageBlocked.class)
                .matching(e -> e.accountId().equals(a.id()))
                .toArriveAndVerify((e, id) -> {
                    assertThat(e.messageId()).isEqualTo(id);
                    assertThat(e.campaignId()).isNull();
                    assertThat(e.channel()).isEqualTo(Channel.EMAIL);
                    assertThat(e.recipientHash()).isEqualTo(pseudonyms.address(to));
                    assertThat(e.reason()).isEqualTo("channel-suspended");
                    assertThat(e.at()).isNotNull();
                });
    }
}
