package org.fairsend.accounts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountFreezes.Freeze;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of freezes (issue 19): table {@code account_freeze} (V126) and the account's {@code frozen} status. */
@Repository
class FreezeStore {

    private final JdbcClient jdbc;

    FreezeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves the account from {@code from} to {@code to}; false when it was not {@code from} (another request won). */
    boolean moveStatus(UUID accountId, Account.Status from, Account.Status to) {
        return jdbc.sql("update account set status = ? where id = ? and status = ?")
                .params(org.fairsend.platform.Codes.code(to), accountId, org.fairsend.platform.Codes.code(from)).update() > 0;
    }

    long insert(UUID accountId, String actor, String reason, Instant at) {
        jdbc.sql("insert into account_freeze (account_id, frozen_at, frozen_by, reason) values (?, ?, ?, ?)")
                .params(accountId, Timestamp.from(at), actor, reason).update();
        return jdbc.sql("select max(id) from account_freeze where account_id = ? and lifted_at is null").param(accountId)
                .query(Long.class).single();
    }

    /** Closes the open freeze; false when there is none. */
    boolean lift(UUID accountId, String actor, String reason, Instant at) {
        return jdbc.sql("update account_freeze set lifted_at = ?, lifted_by = ?, lift_reason = ? where account_id = ? and lifted_at is null")
                .params(Timestamp.from(at), actor, reason, accountId).update() > 0;
    }

    Optional<Freeze> open(UUID accountId) {
        return jdbc.sql("select * from account_freeze where account_id = ? and lifted_at is null order by id desc limit 1")
                .param(accountId).query(FreezeStore::map).optional();
    }

    Optional<Freeze> get(long id) {
        return jdbc.sql("select * from account_freeze where id = ?").param(id).query(FreezeStore::map).optional();
    }

    List<Freeze> history(UUID accountId) {
        return jdbc.sql("select * from account_freeze where account_id = ? order by frozen_at desc, id desc").param(accountId)
                .query(FreezeStore::map).list();
    }

    /** The open freezes of the accounts whose status is frozen (a terminated account's open freeze is not "frozen now"). */
    List<Freeze> frozenNow() {
        return jdbc.sql("select f.* from account_freeze f join account a on a.id = f.account_id"
                + " where f.lifted_at is null and a.status = ?").param(org.fairsend.platform.Codes.code(Account.Status.FROZEN))
                .query(FreezeStore::map).list();
    }

    private static Freeze map(ResultSet rs, int n) throws SQLException {
        Timestamp lifted = rs.getTimestamp("lifted_at");
        return new Freeze(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getTimestamp("frozen_at").toInstant(),
                rs.getString("frozen_by"), rs.getString("reason"), lifted == null ? null : lifted.toInstant(), rs.getString("lifted_by"),
                rs.getString("lift_reason"));
    }
}
