package org.fairsend.content.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.content.SmsSenders.Approved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The content module's SQL: the operator's approvals of personalised SMS senders per account, table
 * {@code sms_sender} (V31). A sender is matched on its upper-case key; a withdrawn approval keeps its row.
 */
@Component
class SmsSenderStore {

    private final JdbcClient jdbc;

    SmsSenderStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String key(String sender) {
        return sender.strip().toUpperCase(Locale.ROOT);
    }

    Optional<Approved> approved(UUID accountId, String sender) {
        return jdbc.sql("select * from sms_sender where account_id = ? and sender_key = ? and revoked_at is null")
                .params(accountId, key(sender)).query(SmsSenderStore::map).optional();
    }

    List<Approved> list(UUID accountId) {
        return jdbc.sql("select * from sms_sender where account_id = ? and revoked_at is null order by sender").param(accountId)
                .query(SmsSenderStore::map).list();
    }

    /** Withdraws the sender's approval in force, if any; true when there was one. */
    boolean revoke(UUID accountId, String sender, Instant at) {
        return jdbc.sql("update sms_sender set revoked_at = ? where account_id = ? and sender_key = ? and revoked_at is null")
                .params(Timestamp.from(at), accountId, key(sender)).update() > 0;
    }

    void insert(UUID accountId, String sender, String brandAuthorisation, String actor, Instant at) {
        jdbc.sql("""
                insert into sms_sender (account_id, sender, sender_key, brand_authorisation, approved_by, approved_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(accountId, sender, key(sender), brandAuthorisation, actor, Timestamp.from(at)).update();
    }

    private static Approved map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Approved(rs.getObject("account_id", UUID.class), rs.getString("sender"), rs.getString("brand_authorisation"),
                rs.getString("approved_by"), rs.getTimestamp("approved_at").toInstant());
    }
}
