package org.fairsend.inquiries.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.inquiries.EvidenceRequests.Action;
import org.fairsend.inquiries.EvidenceRequests.Attachment;
import org.fairsend.inquiries.EvidenceRequests.Request;
import org.fairsend.inquiries.EvidenceRequests.State;
import org.fairsend.inquiries.EvidenceRequests.Step;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of the evidence requests (tables of V122). Every state change is conditional on the state it was read in. */
@Repository
class EvidenceStore {

    private final JdbcClient jdbc;

    EvidenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NamedAddress(Channel channel, String address) {}

    long insert(UUID accountId, long complaintId, UUID campaignId, Channel channel, String note, int policyVersion, String actor, Instant at,
            Instant remindAt, Instant deadline, List<NamedAddress> addresses) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into evidence_request (account_id, complaint_id, campaign_id, channel, state, note, policy_version, opened_by, opened_at,
                    remind_at, deadline) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(accountId, complaintId, campaignId, channel.code(), State.OPEN.code(), note, policyVersion, actor, ts(at), ts(remindAt),
                        ts(deadline))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (int i = 0; i < addresses.size(); i++) {
            jdbc.sql("insert into evidence_request_address (request_id, position, channel, address) values (?, ?, ?, ?)")
                    .params(id, i, addresses.get(i).channel().code(), addresses.get(i).address()).update();
        }
        return id;
    }

    /** The request, scoped to an account unless {@code accountId} is null (the operator). */
    Optional<Request> find(UUID accountId, long id) {
        return jdbc.sql("select * from evidence_request where id = ?" + (accountId == null ? "" : " and account_id = ?"))
                .params(accountId == null ? List.of(id) : List.of(id, accountId))
                .query(this::request).optional();
    }

    List<Request> list(UUID accountId, State state, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from evidence_request where 1 = 1");
        if (accountId != null) {
            sql.append(" and account_id = ?");
            params.add(accountId);
        }
        if (state != null) {
            sql.append(" and state = ?");
            params.add(state.code());
        }
        sql.append(" order by opened_at desc, id desc limit ?");
        params.add(Math.max(1, Math.min(limit, 1000)));
        return jdbc.sql(sql.toString()).params(params).query(this::request).list();
    }

    long count(UUID accountId, Collection<State> states) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select count(*) from evidence_request where state in (");
        sql.append(String.join(", ", states.stream().map(s -> "?").toList())).append(")");
        for (State s : states) params.add(s.code());
        if (accountId != null) {
            sql.append(" and account_id = ?");
            params.add(accountId);
        }
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    List<NamedAddress> addresses(long id) {
        return jdbc.sql("select channel, address from evidence_request_address where request_id = ? order by position").param(id)
                .query((rs, n) -> new NamedAddress(Channel.of(rs.getString(1)), rs.getString(2))).list();
    }

    /**
     * Requests whose reminder is due: open, not reminded, {@code remind_at} passed and the deadline still ahead (past it,
     * the notice of the suspension is the reminder). Index evidence_request_state.
     */
    List<Long> remindersDue(Instant now) {
        return jdbc.sql("select id from evidence_request where state = ? and reminded_at is null and remind_at <= ? and deadline > ? order by id")
                .params(State.OPEN.code(), ts(now), ts(now)).query(Long.class).list();
    }

    /** Open requests past their deadline (index evidence_request_state). */
    List<Long> overdue(Instant now) {
        return jdbc.sql("select id from evidence_request where state = ? and deadline <= ? order by id").params(State.OPEN.code(), ts(now))
                .query(Long.class).list();
    }

    /** Overdue requests whose channel could not be suspended yet (it was suspended for another reason then). */
    List<Long> overdueNotSuspended() {
        return jdbc.sql("select id from evidence_request where state = ? and suspended_at is null order by id").param(State.OVERDUE.code())
                .query(Long.class).list();
    }

    /** Other overdue requests of the account on the channel whose suspension stands (the channel stays suspended for them). */
    long otherSuspending(UUID accountId, Channel channel, long exceptId) {
        return jdbc.sql("select count(*) from evidence_request where account_id = ? and channel = ? and id <> ? and state = ?"
                + " and suspended_at is not null and lifted_at is null")
                .params(accountId, channel.code(), exceptId, State.OVERDUE.code()).query(Long.class).single();
    }

    boolean markReminded(long id, Instant at) {
        return jdbc.sql("update evidence_request set reminded_at = ? where id = ? and reminded_at is null").params(ts(at), id).update() == 1;
    }

    boolean markOverdue(long id) {
        return jdbc.sql("update evidence_request set state = ? where id = ? and state = ?").params(State.OVERDUE.code(), id, State.OPEN.code())
                .update() == 1;
    }

    void markSuspended(long id, Instant at) {
        jdbc.sql("update evidence_request set suspended_at = ? where id = ?").params(ts(at), id).update();
    }

    void markLifted(long id, Instant at) {
        jdbc.sql("update evidence_request set lifted_at = ? where id = ?").params(ts(at), id).update();
    }

    boolean answer(long id, State from, String statement, String actor, Instant at) {
        return jdbc.sql("update evidence_request set state = ?, statement = ?, answered_by = ?, answered_at = ? where id = ? and state = ?")
                .params(State.ANSWERED.code(), statement, actor, ts(at), id, from.code()).update() == 1;
    }

    boolean decide(long id, State to, String reason, String actor, Instant at) {
        return jdbc.sql("update evidence_request set state = ?, decision_reason = ?, decided_by = ?, decided_at = ? where id = ? and state = ?")
                .params(to.code(), reason, actor, ts(at), id, State.ANSWERED.code()).update() == 1;
    }

    void step(long requestId, UUID accountId, Action action, String actor, String reason, Instant at) {
        jdbc.sql("insert into evidence_request_step (request_id, account_id, action, actor, reason, occurred_at) values (?, ?, ?, ?, ?, ?)")
                .params(requestId, accountId, action.code(), actor, reason.length() > 2000 ? reason.substring(0, 2000) : reason, ts(at)).update();
    }

    List<Step> steps(long requestId) {
        return jdbc.sql("select id, action, actor, reason, occurred_at from evidence_request_step where request_id = ? order by id").param(requestId)
                .query((rs, n) -> new Step(rs.getLong(1), Action.of(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    long attach(long requestId, UUID accountId, String filename, String type, byte[] content, String sha256, String actor, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into evidence_attachment (request_id, account_id, filename, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(requestId, accountId, filename, type, content.length, sha256, content, actor, ts(at)).update(keys, "id");
        return keys.getKey().longValue();
    }

    int attachmentCount(long requestId) {
        return jdbc.sql("select count(*) from evidence_attachment where request_id = ?").param(requestId).query(Integer.class).single();
    }

    List<Attachment> attachments(long requestId) {
        return jdbc.sql("select id, filename, content_type, size_bytes, sha256, uploaded_by, uploaded_at from evidence_attachment where request_id = ?"
                + " order by id").param(requestId).query(EvidenceStore::attachment).list();
    }

    Optional<Attachment> attachment(long requestId, long attachmentId) {
        return jdbc.sql("select id, filename, content_type, size_bytes, sha256, uploaded_by, uploaded_at from evidence_attachment"
                + " where request_id = ? and id = ?").params(requestId, attachmentId).query(EvidenceStore::attachment).optional();
    }

    byte[] content(long attachmentId) {
        return jdbc.sql("select content from evidence_attachment where id = ?").param(attachmentId).query((rs, n) -> rs.getBytes(1)).single();
    }

    /** the named address becomes the marker in the account's requests; the steps and statements are scrubbed by the caller. */
    int eraseAddresses(UUID accountId, Collection<String> addresses, String marker) {
        if (addresses.isEmpty()) return 0;
        String in = String.join(", ", addresses.stream().map(a -> "?").toList());
        List<Object> params = new ArrayList<>();
        params.add(marker);
        params.add(accountId);
        params.addAll(addresses);
        return jdbc.sql("update evidence_request_address set address = ? where request_id in (select id from evidence_request where account_id = ?)"
                + " and address in (" + in + ")").params(params).update();
    }

    record Text(long id, String text) {}

    List<Text> statements(UUID accountId) {
        return jdbc.sql("select id, statement from evidence_request where account_id = ? and statement is not null").param(accountId)
                .query((rs, n) -> new Text(rs.getLong(1), rs.getString(2))).list();
    }

    void setStatement(long id, String text) {
        jdbc.sql("update evidence_request set statement = ? where id = ?").params(text, id).update();
    }

    List<Text> notes(UUID accountId) {
        return jdbc.sql("select id, note from evidence_request where account_id = ? and note is not null").param(accountId)
                .query((rs, n) -> new Text(rs.getLong(1), rs.getString(2))).list();
    }

    void setNote(long id, String text) {
        jdbc.sql("update evidence_request set note = ? where id = ?").params(text, id).update();
    }

    List<Text> stepReasons(UUID accountId) {
        return jdbc.sql("select id, reason from evidence_request_step where account_id = ?").param(accountId)
                .query((rs, n) -> new Text(rs.getLong(1), rs.getString(2))).list();
    }

    void setStepReason(long id, String text) {
        jdbc.sql("update evidence_request_step set reason = ? where id = ?").params(text, id).update();
    }

    private static Attachment attachment(ResultSet rs, int n) throws SQLException {
        return new Attachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant());
    }

    private Request request(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        List<String> addresses = addresses(id).stream().map(NamedAddress::address).toList();
        return new Request(id, rs.getObject("account_id", UUID.class), rs.getLong("complaint_id"), rs.getObject("campaign_id", UUID.class),
                Channel.of(rs.getString("channel")), State.of(rs.getString("state")), addresses, rs.getString("note"), rs.getInt("policy_version"),
                rs.getString("opened_by"), instant(rs, "opened_at"), instant(rs, "remind_at"), instant(rs, "deadline"), instant(rs, "reminded_at"),
                rs.getString("statement"), rs.getString("answered_by"), instant(rs, "answered_at"), rs.getString("decided_by"),
                instant(rs, "decided_at"), rs.getString("decision_reason"), instant(rs, "suspended_at"), instant(rs, "lifted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
