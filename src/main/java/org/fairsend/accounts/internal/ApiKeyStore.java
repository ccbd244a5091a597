package org.fairsend.accounts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.ApiKeys.KeyInfo;
import org.fairsend.accounts.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of API keys: table {@code api_key} (V1), keys stored only as their SHA-256. */
@Repository
class ApiKeyStore {

    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(KeyInfo k, String keyHash) {
        jdbc.sql("""
                insert into api_key (id, account_id, operator, name, display_prefix, key_hash, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(k.id(), k.accountId(), k.operator(), k.name(), k.displayPrefix(), keyHash, Timestamp.from(k.createdAt()))
                .update();
    }

    /** The caller of a live key with that hash whose account (if any) is active or frozen (issue 19: reads and exports go on). */
    Optional<Caller> caller(String keyHash, UUID actingAccount) {
        return jdbc.sql("""
                select k.id, k.account_id, k.operator from api_key k
                left join account a on a.id = k.account_id
                where k.key_hash = ? and k.revoked_at is null and (k.operator or a.status in (?, ?))""")
                .params(keyHash, Account.Status.ACTIVE.name().toLowerCase(java.util.Locale.ROOT),
                        Account.Status.FROZEN.name().toLowerCase(java.util.Locale.ROOT))
                .query((rs, n) -> new Caller(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getBoolean("operator"), rs.getBoolean("operator") ? actingAccount : null))
                .optional();
    }

    boolean anyOperatorKey() {
        return jdbc.sql("select count(*) from api_key where operator and revoked_at is null").query(Long.class).single() > 0;
    }

    List<KeyInfo> list(UUID accountId) {
        return jdbc.sql("select * from api_key where account_id = ? order by created_at").param(accountId)
                .query((rs, n) -> new KeyInfo(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getBoolean("operator"), rs.getString("name"), rs.getString("display_prefix"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** Whether a live key was revoked. */
    boolean revoke(UUID keyId, Instant at) {
        return jdbc.sql("update api_key set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(at), keyId).update() > 0;
    }
}
