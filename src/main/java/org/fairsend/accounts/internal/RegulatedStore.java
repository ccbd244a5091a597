package org.fairsend.accounts.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.fairsend.accounts.RegulatedAccounts.Document;
import org.fairsend.accounts.RegulatedAccounts.State;
import org.fairsend.accounts.RegulatedAccounts.Step;
import org.fairsend.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of regulated accounts (V124): {@code regulated_application}, its documents and its steps. States are the
 * codes of {@link State}; "in force" is {@code approved} with a last day not before today (the caller's today, from
 * the application's clock in the policy's time zone).
 */
@Repository
class RegulatedStore {

    /** A stored application row (its stored state; the service derives the state now). */
    record Row(UUID id, UUID accountId, String theme, String authority, String licenceNumber, LocalDate licenceExpiresOn, String note,
            State state, String submittedBy, Instant submittedAt, String decidedBy, Instant decidedAt, String decisionReason,
            LocalDate approvedUntil, String endedBy, Instant endedAt, String endReason, Instant warnedAt) {}

    private static final String COLUMNS = "id, account_id, theme, authority, licence_number, licence_expires_on, note, state, submitted_by,"
            + " submitted_at, decided_by, decided_at, decision_reason, approved_until, ended_by, ended_at, end_reason, warned_at";

    private final JdbcClient jdbc;

    RegulatedStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID accountId, String theme, String authority, String licence, LocalDate expires, String note, String actor, Instant now) {
        jdbc.sql("insert into regulated_application (id, account_id, theme, authority, licence_number, licence_expires_on, note, state,"
                        + " submitted_by, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, accountId, theme, authority, licence, Date.valueOf(expires), note, State.PENDING.code(), actor, Timestamp.from(now))
                .update();
    }

    void insertDocument(UUID applicationId, UUID accountId, String fileName, String contentType, byte[] content, String sha256,
            String actor, Instant now) {
        jdbc.sql("insert into regulated_document (id, application_id, account_id, file_name, content_type, size_bytes, sha256, content,"
                        + " uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Ids.newId(), applicationId, accountId, fileName, contentType, content.length, sha256, content, actor, Timestamp.from(now))
                .update();
    }

    void step(UUID applicationId, UUID accountId, String actor, String action, State state, String detail, Instant now) {
        jdbc.sql("insert into regulated_application_event (id, application_id, account_id, at, actor, action, state, detail)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Ids.newId(), applicationId, accountId, Timestamp.from(now), actor, action, state.code(), detail).update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from regulated_application where id = ?").param(id).query(RegulatedStore::row).optional();
    }

    /** The row, locked for a decision. */
    Optional<Row> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from regulated_application where id = ? for update").param(id).query(RegulatedStore::row).optional();
    }

    List<Row> ofAccount(UUID accountId) {
        return jdbc.sql("select " + COLUMNS + " from regulated_application where account_id = ? order by submitted_at desc")
                .param(accountId).query(RegulatedStore::row).list();
    }

    /** Any state when null, any account when null; oldest first for pending, newest first otherwise. */
    List<Row> search(State state, UUID accountId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from regulated_application where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            sql.append(" and state = ?");
            params.add(state.code());
        }
        if (accountId != null) {
            sql.append(" and account_id = ?");
            params.add(accountId);
        }
        sql.append(state == State.PENDING ? " order by submitted_at" : " order by submitted_at desc").append(" limit ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query(RegulatedStore::row).list();
    }

    boolean pending(UUID accountId, String theme) {
        return jdbc.sql("select count(*) from regulated_application where account_id = ? and theme = ? and state = ?")
                .params(accountId, theme, State.PENDING.code()).query(Long.class).single() > 0;
    }

    long pendingCount() {
        return jdbc.sql("select count(*) from regulated_application where state = ?").param(State.PENDING.code()).query(Long.class).single();
    }

    /** The approvals in force on {@code today}, for one account. */
    List<Row> inForce(UUID accountId, LocalDate today) {
        return jdbc.sql("select " + COLUMNS + " from regulated_application where account_id = ? and state = ? and approved_until >= ?"
                        + " order by theme")
                .params(accountId, State.APPROVED.code(), Date.valueOf(today)).query(RegulatedStore::row).list();
    }

    /** The themes in force on {@code today}, per account (the operator's list of accounts). */
    Map<UUID, Set<String>> themesInForce(LocalDate today) {
        Map<UUID, Set<String>> out = new HashMap<>();
        jdbc.sql("select account_id, theme from regulated_application where state = ? and approved_until >= ?")
                .params(State.APPROVED.code(), Date.valueOf(today))
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new TreeSet<>()).add(rs.getString(2));
                });
        return out;
    }

    /** The approvals of the account for that theme still marked approved (a new approval supersedes them). */
    List<Row> approved(UUID accountId, String theme) {
        return jdbc.sql("select " + COLUMNS + " from regulated_application where account_id = ? and theme = ? and state = ?")
                .params(accountId, theme, State.APPROVED.code()).query(RegulatedStore::row).list();
    }

    /** Approvals whose last day is before {@code today}, still marked approved. */
    List<Row> lapsed(LocalDate today) {
        return jdbc.sql("select " + COLUMNS + " from regulated_application where state = ? and approved_until < ?")
                .params(State.APPROVED.code(), Date.valueOf(today)).query(RegulatedStore::row).list();
    }

    /** Approvals in force whose last day is on or before {@code until}, not warned yet. */
    List<Row> toWarn(LocalDate today, LocalDate until) {
        return jdbc.sql("select " + COLUMNS + " from regulated_application where state = ? and warned_at is null"
                        + " and approved_until >= ? and approved_until <= ?")
                .params(State.APPROVED.code(), Date.valueOf(today), Date.valueOf(until)).query(RegulatedStore::row).list();
    }

    /** Moves a pending application to approved or rejected; false when it was no longer pending. */
    boolean decide(UUID id, State to, String actor, String reason, LocalDate until, Instant now) {
        return jdbc.sql("update regulated_application set state = ?, decided_by = ?, decided_at = ?, decision_reason = ?, approved_until = ?"
                        + " where id = ? and state = ?")
                .params(to.code(), actor, Timestamp.from(now), reason, until == null ? null : Date.valueOf(until), id, State.PENDING.code())
                .update() == 1;
    }

    /** Ends an approval (expired, revoked, superseded); false when it was no longer approved. */
    boolean end(UUID id, State to, String actor, String reason, Instant now) {
        return jdbc.sql("update regulated_application set state = ?, ended_by = ?, ended_at = ?, end_reason = ? where id = ? and state = ?")
                .params(to.code(), actor, Timestamp.from(now), reason, id, State.APPROVED.code()).update() == 1;
    }

    void warned(UUID id, Instant at, String error) {
        if (error == null) {
            jdbc.sql("update regulated_application set warned_at = ?, warning_error = null where id = ?").params(Timestamp.from(at), id).update();
        } else {
            jdbc.sql("update regulated_application set warning_error = ? where id = ?").params(error, id).update();
        }
    }

    List<Document> documents(UUID applicationId) {
        return jdbc.sql("select id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at from regulated_document"
                        + " where application_id = ? order by uploaded_at, id")
                .param(applicationId)
                .query((rs, n) -> new Document(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    int documentCount(UUID applicationId) {
        return jdbc.sql("select count(*) from regulated_document where application_id = ?").param(applicationId).query(Integer.class).single();
    }

    Optional<byte[]> content(UUID applicationId, UUID documentId) {
        return jdbc.sql("select content from regulated_document where application_id = ? and id = ?").params(applicationId, documentId)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    List<Step> steps(UUID applicationId) {
        return jdbc.sql("select at, actor, action, state, detail from regulated_application_event where application_id = ? order by at, id")
                .param(applicationId)
                .query((rs, n) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), State.of(rs.getString(4)),
                        rs.getString(5)))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("theme"), rs.getString("authority"),
                rs.getString("licence_number"), rs.getDate("licence_expires_on").toLocalDate(), rs.getString("note"),
                State.of(rs.getString("state")), rs.getString("submitted_by"), instant(rs.getTimestamp("submitted_at")),
                rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")), rs.getString("decision_reason"),
                date(rs.getDate("approved_until")), rs.getString("ended_by"), instant(rs.getTimestamp("ended_at")), rs.getString("end_reason"),
                instant(rs.getTimestamp("warned_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
