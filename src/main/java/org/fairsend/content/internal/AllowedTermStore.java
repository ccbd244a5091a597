package org.fairsend.content.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.content.AllowedTerms.AllowedTerm;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The content module's SQL for the allowed terms per account, table {@code content_allowed_term} (V93). */
@Component
class AllowedTermStore {

    private final JdbcClient jdbc;

    AllowedTermStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AllowedTerm> list(UUID accountId) {
        return jdbc.sql("select * from content_allowed_term where account_id = ? and removed_at is null order by term_key, id")
                .param(accountId).query(AllowedTermStore::map).list();
    }

    /**
     * What changes whenever the account's terms change (a term added: a new id; removed: a new removal time), read
     * cheaply through the account index: how each node knows its compiled copy is stale (issue 18).
     */
    String fingerprint(UUID accountId) {
        return jdbc.sql("select count(*), max(id), max(removed_at) from content_allowed_term where account_id = ?").param(accountId)
                .query((rs, n) -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getTimestamp(3)).single();
    }

    List<org.fairsend.content.AllowedTerms.Change> history(UUID accountId) {
        return jdbc.sql("select * from content_allowed_term where account_id = ? order by coalesce(removed_at, added_at) desc, id desc")
                .param(accountId).query((rs, n) -> new org.fairsend.content.AllowedTerms.Change(rs.getLong("id"), rs.getString("term"),
                        rs.getString("reason"), rs.getString("added_by"), rs.getTimestamp("added_at").toInstant(), rs.getString("removed_by"),
                        rs.getTimestamp("removed_at") == null ? null : rs.getTimestamp("removed_at").toInstant())).list();
    }

    boolean active(UUID accountId, String key) {
        return jdbc.sql("select count(*) from content_allowed_term where account_id = ? and term_key = ? and removed_at is null")
                .params(accountId, key).query(Long.class).single() > 0;
    }

    AllowedTerm insert(UUID accountId, String term, String key, String reason, String actor, Instant at) {
        long id = jdbc.sql("""
                insert into content_allowed_term (account_id, term, term_key, active_key, reason, added_by, added_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, term, key, key, reason, actor, Timestamp.from(at)).query(Long.class).single();
        return new AllowedTerm(id, accountId, term, reason, actor, at);
    }

    boolean remove(UUID accountId, long id, String actor, Instant at) {
        return jdbc.sql("update content_allowed_term set removed_by = ?, removed_at = ?, active_key = null where account_id = ? and id = ? and removed_at is null")
                .params(actor, Timestamp.from(at), accountId, id).update() > 0;
    }

    private static AllowedTerm map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new AllowedTerm(rs.getLong("id"), rs.getObject("account_id", UUID.class), rs.getString("term"), rs.getString("reason"),
                rs.getString("added_by"), rs.getTimestamp("added_at").toInstant());
    }
}
