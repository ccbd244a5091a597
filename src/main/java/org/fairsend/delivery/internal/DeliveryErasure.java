package org.fairsend.delivery.internal;

import java.util.List;
import java.util.Map;
import org.fairsend.platform.ErasedPerson;
import org.fairsend.platform.PersonalData;
import org.fairsend.platform.TextScrubber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * what delivery keeps about an erased person, inside the erasure transaction. The send log keeps every row
 * (outcome, reason, date, channel, campaign) under the keyed hash, without the plain recipient and with the peer's
 * reply scrubbed; the queue keeps its rows with the recipient replaced by the marker (so a report naming one of
 * those messages ties nothing any more: {@code JdbcSentMessages} does not find them), a transactional message's
 * payload loses its data (the merge fields) and keeps only its template, scrubbed; a message still waiting
 * (queued, held) is cancelled.
 */
@Component
class DeliveryErasure implements PersonalData {

    private final JdbcClient jdbc;
    private final TextScrubber scrubber;

    DeliveryErasure(JdbcClient jdbc, TextScrubber scrubber) {
        this.jdbc = jdbc;
        this.scrubber = scrubber;
    }

    @Override
    public void erase(ErasedPerson person) {
        var account = person.accountId();
        for (String hash : person.hashes()) {
            // send_log_recipient (account_id, recipient_hash, logged_at)
            jdbc.sql("update send_log set recipient = null where account_id = ? and recipient_hash = ? and recipient is not null")
                    .params(account, hash).update();
            scrubber.scrub(person, "send_log", "id", List.of("detail"), true, "account_id = ? and recipient_hash = ?", account, hash);
        }
        for (String address : person.addresses()) {
            // outbound_message_recipient (account_id, recipient)
            List<Map<String, Object>> rows = jdbc.sql("select id, campaign_id, channel, payload, last_result from outbound_message where account_id = ? and recipient = ?")
                    .params(account, address).query().listOfRows();
            for (Map<String, Object> row : rows) {
                String payload = (String) row.get("payload");
                String kept = payload == null ? null : person.scrub(templateOnly(String.valueOf(row.get("channel")), payload));
                jdbc.sql("""
                        update outbound_message set recipient = ?, payload = ?, last_result = ?,
                          status = case when status in ('queued', 'held') then 'cancelled' else status end
                        where id = ?""")
                        .params(ErasedPerson.MARKER, kept, person.scrub((String) row.get("last_result")), row.get("id")).update();
            }
        }
    }

    /** A transactional payload without its data: the template and the category (what was sent, not to whom). */
    private static String templateOnly(String channel, String payload) {
        try {
            TransactionalPayload p = TransactionalPayload.read(org.fairsend.platform.Channel.of(channel), payload);
            return new TransactionalPayload(p.template(), Map.of(), p.category()).write();
        } catch (RuntimeException e) {
            return "{}"; // unreadable: nothing of it is kept
        }
    }
}
