package org.fairsend.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.CallerNumbers.CallerNumber;
import org.fairsend.accounts.CallerNumbers.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of caller-number declarations: table {@code caller_number} (V40); a withdrawal keeps the row. */
@Repository
class CallerNumberStore {

    private final JdbcClient jdbc;

    CallerNumberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean activeExists(UUID accountId, String e164) {
        return jdbc.sql("select count(*) from caller_number where account_id = ? and e164 = ? and status = ?")
                .params(accountId, e164, Status.ACTIVE.code()).query(Long.class).single() > 0;
    }

    void insert(UUID id, UUID accountId, String e164, String national, String range, String declarantName, String actor,
            Instant declaredAt, String declaration) {
        jdbc.sql("""
                insert into caller_number (id, account_id, e164, national, number_range, declarant_name, declared_by, declared_at,
                    declaration, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, e164, national, range, declarantName, actor, Timestamp.from(declaredAt), declaration,
                        Status.ACTIVE.code())
                .update();
    }

    void withdraw(UUID id, Instant at) {
        jdbc.sql("update caller_number set status = ?, withdrawn_at = ? where id = ?")
                .params(Status.WITHDRAWN.code(), Timestamp.from(at), id).update();
    }

    Optional<CallerNumber> find(UUID accountId, UUID id) {
        return jdbc.sql("select * from caller_number where id = ? and account_id = ?").params(id, accountId)
                .query(CallerNumberStore::map).optional();
    }

    List<CallerNumber> list(UUID accountId) {
        return jdbc.sql("select * from caller_number where account_id = ? order by declared_at desc").param(accountId)
                .query(CallerNumberStore::map).list();
    }

    private static CallerNumber map(ResultSet rs, int n) throws SQLException {
        Timestamp w = rs.getTimestamp("withdrawn_at");
        return new CallerNumber(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class), rs.getString("e164"),
                rs.getString("national"), rs.getString("number_range"), rs.getString("declarant_name"), rs.getString("declared_by"),
                rs.getTimestamp("declared_at").toInstant(), rs.getString("declaration"), Status.of(rs.getString("status")),
                w == null ? null : w.toInstant());
    }
}
