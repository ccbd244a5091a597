package org.fairsend.inquiries;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.platform.Channel;
import org.fairsend.support.EventScenarioTest;
import org.fairsend.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.Scenario;

/**
 * The inquiries module's event: the operator's rejection of an account's evidence (seed 002 §1.2) is published as
 * {@link EvidenceRejected} with the request, the complaint, the account, the channel and the reason.
 */
@EventScenarioTest
class InquiryEventsTest {

    @Autowired EvidenceRequests requests;
    @Autowired AccountService accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void aRejectedAnswerIsPublishedWithItsReason(Scenario scenario) {
        Account a = Scenarios.account(accounts);
        String to = "plainte-" + UUID.randomUUID().toString().substring(0, 8) + "@scenario.example";
        // a complaint as the feedback module records it (fixture: the recording itself is feedback's, tested there)
        long complaint = jdbc.sql("""
                insert into complaint (account_id, channel, recipient, recipient_hash, complaint_kind, source, note, received_at)
                values (?, 'email', ?, 'h', 'unjustified-use', 'operator:test', 'never signed up', ?) returning id""")
                .params(a.id(), to, Timestamp.from(Instant.now())).query(Long.class).single();
        long id = requests.open(complaint, List.of(), null, "operator-key:test").id();
        requests.answer(a.id(), id, "our form", "account-key:test");
        scenario.stimulate(() -> requests.reject(id, "no checkbox on the form", "operator-key:test"))
                .andWaitForEventOfType(EvidenceRejected.class)
                .matching(e -> e.requestId() == id)
                .toArriveAndVerify(e -> {
                    assertThat(e.complaintId()).isEqualTo(complaint);
                    assertThat(e.accountId()).isEqualTo(a.id());
                    assertThat(e.campaignId()).isNull();
                    assertThat(e.channel()).isEqualTo(Channel.EMAIL);
                    assertThat(e.reason()).isEqualTo("no checkbox on the form");
                    assertThat(e.decidedBy()).isEqualTo("operator-key:test");
                });
    }
}
