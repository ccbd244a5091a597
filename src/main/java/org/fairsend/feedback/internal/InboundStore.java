package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fairsend.feedback.InboundReports;
import org.fairsend.feedback.InboundStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The raw inbound messages (SMTP and webhooks), stored before anything else is done with them, with what became of
 * each ({@link InboundStatus}) and, for a feedback-loop report, the configured reporter it was verified as. The raw
 * copy is kept {@code fairsend.feedback.inbound.retention} (default 30 days), then purged: the outcome row stays,
 * without the message or its sender's address. The operator reads them through {@link InboundReports}.
 */
@Repository
class InboundStore implements InboundReports {

    private static final int PURGE_BATCH = 500;

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
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), source, FeedbackRecorder.cut(mailFrom, 320), FeedbackRecorder.cut(rcpt, 320),
                        FeedbackRecorder.cut(remote, 100), raw.length, raw, InboundStatus.RECEIVED.code())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void finish(long id, InboundStatus status, String outcome, String error) {
        finish(id, status, outcome, error, null);
    }

    /** @param reporter the configured reporter the message was verified as coming from, or null */
    void finish(long id, InboundStatus status, String outcome, String error, String reporter) {
        jdbc.sql("update inbound_message set status = ?, outcome = ?, error = ?, processed_at = ?, reporter = ? where id = ?")
                .params(status.code(), FeedbackRecorder.cut(outcome, 200), FeedbackRecorder.cut(error, 2000),
                        Timestamp.from(clock.instant()), FeedbackRecorder.cut(reporter, 100), id)
                .update();
    }

    /** For the webhook controllers, which name the status by its code ({@link InboundStatus#code()}). */
    void finish(long id, String status, String outcome, String error) {
        finish(id, InboundStatus.of(status), outcome, error, null);
    }

    private static final String COLUMNS = """
            select id, received_at, source, mail_from, rcpt, remote, size_bytes, status, outcome, error, processed_at, reporter,
              purged_at
            from inbound_message""";

    @Override
    public List<Inbound> list(InboundStatus status, Long beforeId, int limit) {
        return jdbc.sql(COLUMNS + " where status like ? and id < ? order by id desc limit ?")
                .params(status == null ? "%" : status.code(), beforeId == null ? Long.MAX_VALUE : beforeId,
                        Math.min(Math.max(limit, 1), 500))
                .query(InboundStore::inbound).list();
    }

    @Override
    public Optional<Inbound> find(long id) {
        return jdbc.sql(COLUMNS + " where id = ?").param(id).query(InboundStore::inbound).optional();
    }

    private static Inbound inbound(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Inbound(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), rs.getString("source"), rs.getString("mail_from"),
                rs.getString("rcpt"), rs.getString("remote"), rs.getInt("size_bytes"), InboundStatus.of(rs.getString("status")),
                rs.getString("outcome"), rs.getString("error"), instant(rs.getTimestamp("processed_at")), rs.getString("reporter"),
                instant(rs.getTimestamp("purged_at")));
    }

    /** The raw message; empty when there is no such message or its copy was purged. */
    @Override
    public Optional<byte[]> raw(long id) {
        return jdbc.sql("select raw from inbound_message where id = ?").param(id).query((rs, n) -> Optional.ofNullable(rs.getBytes(1)))
                .optional().flatMap(r -> r);
    }

    /**
     * Purges the raw copy and the envelope sender of every message received more than {@code retention} ago, in
     * batches (short transactions on a large table). Idempotent: several nodes may run it at once.
     *
     * @return the number of messages purged
     */
    int purgeOlderThan(Duration retention) {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        Timestamp now = Timestamp.from(clock.instant());
        int total = 0;
        while (true) {
            // inbound_message_received (received_at)
            int n = jdbc.sql("""
                    update inbound_message set raw = null, mail_from = null, purged_at = ?
                    where id in (select id from inbound_message where received_at < ? and purged_at is null
                                 order by received_at limit ?)""")
                    .params(now, cutoff, PURGE_BATCH).update();
            total += n;
            if (n < PURGE_BATCH) return total;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
