package org.fairsend.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.delivery.MessageFailed;
import org.fairsend.platform.Channel;
import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/**
 * The feedback module's events: a permanent failure at send time (what delivery publishes in its batch's transaction)
 * becomes a hard bounce, recorded by the registry listener once that transaction commits.
 */
@EventScenarioTest
class FeedbackEventsTest {

    @Autowired org.fairsend.platform.Pseudonyms pseudonyms;
    @Autowired AccountService accounts;

    @Test
    void aSendTime5xxIsRecordedAsAHardBounce(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        String to = "gone-" + UUID.randomUUID().toString().substring(0, 8) + "@scenario.example";
        long messageId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        String reply = "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown";
        scenario.publish(new MessageFailed(messageId, a.id(), null, Channel.EMAIL, to, pseudonyms.address(to), true, "550", reply, Instant.now()))
                .andWaitForEventOfType(BounceRecorded.class)
                .matching(e -> Long.valueOf(messageId).equals(e.messageId()))
                .toArriveAndVerify(e -> {
                    assertThat(e.accountId()).isEqualTo(a.id());
                    assertThat(e.channel()).isEqualTo(Channel.EMAIL);
                    assertThat(e.recipientHash()).isEqualTo(pseudonyms.address(to));
                    assertThat(e.kind()).isEqualTo(BounceKind.HARD);
                    assertThat(e.reason()).isEqualTo("user_unknown");
                    assertThat(e.source()).isEqualTo("send-time");
                });
    }
}
