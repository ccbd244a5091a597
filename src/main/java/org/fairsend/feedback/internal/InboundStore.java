package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The raw inbound messages (SMTP and webhooks), stored before anything else is done with them. */
@Repository
class InboundStore {

    record Inbound(long id, Instant receivedAt, String source, String mailFrom, String rcpt, String remote, int size,
            String status, String outcome, String error, Instant processedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    InboundStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a message as received (its own short transaction: committed before processing starts). */
    long store(String source, String mailFrom, String rcpt, String remote, byte[] raw) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into inbound_message (received_at, source, mail_from, rcpt, remote, size_bytes, raw, status)
                values (?, ?, ?, ?, ?, ?, ?, 'received')""")
                .params(Timestamp.from(clock.instant()), source, FeedbackRecorder.cut(mailFrom, 320), FeedbackRecorder.cut(rcpt, 320),
                        FeedbackRecorder.cut(remote, 100), raw.length, raw)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void finish(long id, String status, String outcome, String error) {
        jdbc.sql("update inbound_message set status = ?, outcome = ?, error = ?, processed_at = ? where id = ?")
                .params(status, FeedbackRecorder.cut(outcome, 200), FeedbackRecorder.cut(error, 2000), Timestamp.from(clock.instant()), id)
                .update();
    }

    List<Inbound> list(String status, Long beforeId, int limit) {
        return jdbc.sql("""
                select id, received_at, source, mail_from, rcpt, remote, size_bytes, status, outcome, error, processed_at
                from inbound_message where status like ? and id < ? order by id desc limit ?""")
                .params(status == null || status.isBlank() ? "%" : status.strip(), beforeId == null ? Long.MAX_VALUE : beforeId,
                        Math.min(Math.max(limit, 1), 500))
                .query((rs, n) -> new Inbound(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), rs.getString("source"),
                        rs.getString("mail_from"), rs.getString("rcpt"), rs.getString("remote"), rs.getInt("size_bytes"),
                        rs.getString("status"), rs.getString("outcome"), rs.getString("error"),
                        rs.getTimestamp("processed_at") == null ? null : rs.getTimestamp("processed_at").toInstant()))
                .list();
    }

    java.util.Optional<byte[]> raw(long id) {
        return jdbc.sql("select raw from inbound_message where id = ?").param(id).query(byte[].class).optional();
    }
}
