package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.fairsend.delivery.MessageFailed;
import org.fairsend.platform.Channel;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send-time bounce is a record: its listener runs on the event publication registry. When it fails, the
 * publication stays incomplete in {@code event_publication}; when it is submitted again (what one node of the cluster
 * does after {@code fairsend.events.resubmit-after}, issue 18, through the same {@link IncompleteEventPublications}) the bounce and its suppression are recorded and the publication completes.
 */
@PostgresTest
class ListenerRetryTest {

    @Autowired org.fairsend.platform.Pseudonyms pseudonyms;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher publisher;
    @Autowired TransactionTemplate tx;
    @Autowired IncompleteEventPublications incomplete;

    @Test
    void aFailingListenerLeavesAnIncompletePublicationThatCompletesWhenSubmittedAgain() {
        UUID account = fixtures.account().id();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String address = "retry-" + tag + "@gone-retry.example";
        long messageId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        String reply = "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown";

        // the bounce's store fails for this address: the listener throws, as it would on a lost connection
        jdbc.sql("""
                create or replace function retry_test_refuse() returns trigger language plpgsql as $$
                begin
                  if new.recipient like 'retry-%@gone-retry.example' then raise exception 'bounce store unavailable'; end if;
                  return new;
                end $$""").update();
        jdbc.sql("create trigger retry_test_refuse before insert on bounce for each row execute function retry_test_refuse()").update();
        try {
            tx.executeWithoutResult(s -> publisher.publishEvent(new MessageFailed(messageId, account, null, Channel.EMAIL, address,
                    pseudonyms.address(address), true, "550", reply, Instant.now())));
            await().atMost(Duration.ofSeconds(20)).until(() -> publication(address, "FAILED") == 1);
            assertThat(bounces(address)).isZero();
            assertThat(suppressed(account, address)).as("rolled back with the bounce").isZero();
        } finally {
            jdbc.sql("drop trigger if exists retry_test_refuse on bounce").update();
            jdbc.sql("drop function if exists retry_test_refuse()").update();
        }
        assertThat(publication(address, null)).as("incomplete").isEqualTo(1);

        incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof MessageFailed f && f.messageId() == messageId);

        await().atMost(Duration.ofSeconds(20)).until(() -> bounces(address) == 1);
        assertThat(suppressed(account, address)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> publication(address, "COMPLETED") == 1);
        assertThat(publication(address, null)).as("nothing left incomplete").isZero();
    }

    /** Publications of the send-time bounce listener for this address: with that status, or incomplete when null. */
    private long publication(String address, String status) {
        String where = status == null ? "completion_date is null" : "status = '" + status + "'";
        return jdbc.sql("select count(*) from event_publication where listener_id like '%DeliveryListeners.failed%'"
                + " and serialized_event like ? and " + where).param("%" + address + "%").query(Long.class).single();
    }

    private long bounces(String address) {
        return jdbc.sql("select count(*) from bounce where recipient = ? and source = 'send-time' and kind = 'hard'").param(address)
                .query(Long.class).single();
    }

    private long suppressed(UUID account, String address) {
        return jdbc.sql("select count(*) from suppression where account_id = ? and address = ? and reason = 'hard_bounce'")
                .params(account, address).query(Long.class).single();
    }
}
