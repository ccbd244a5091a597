package org.fairsend.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys: 256 random bits, shown once at creation and stored only as their SHA-256 (a key of that
 * entropy needs no slow hash). Operator keys belong to no account.
 */
@Service
public class ApiKeys {

    static final String PREFIX = "fsk_";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountService accounts;

    ApiKeys(JdbcClient jdbc, Clock clock, AccountService accounts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.accounts = accounts;
    }

    /** A key as listed: never the secret. */
    public record KeyInfo(UUID id, UUID accountId, boolean operator, String name, String displayPrefix,
            Instant createdAt, Instant revokedAt) {}

    /** A freshly created key: the only time the secret is visible. */
    public record CreatedKey(KeyInfo info, String secret) {}

    @Transactional
    public CreatedKey createOperatorKey(String name) {
        return insert(null, true, name == null ? "operator" : name);
    }

    @Transactional
    public CreatedKey createAccountKey(UUID accountId, String name) {
        Account a = accounts.get(accountId);
        if (a.status() == Account.Status.TERMINATED) {
            throw new RuleViolation(409, "accountId", "R-15", "the account is terminated; no new key can be issued");
        }
        return insert(accountId, false, name == null ? "default" : name);
    }

    private CreatedKey insert(UUID accountId, boolean operator, String name) {
        if (name.length() > 100) throw new RuleViolation("name", "length", "at most 100 characters");
        String secret = PREFIX + Hashing.randomToken(32);
        UUID id = Ids.newId();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into api_key (id, account_id, operator, name, display_prefix, key_hash, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, operator, name, secret.substring(0, 10), Hashing.sha256Hex(secret), Timestamp.from(now))
                .update();
        return new CreatedKey(new KeyInfo(id, accountId, operator, name, secret.substring(0, 10), now, null), secret);
    }

    /** The caller a presented secret authenticates, if the key exists, is not revoked and its account is open. */
    public Optional<Caller> authenticate(String secret, UUID actingAccount) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        return jdbc.sql("""
                select k.id, k.account_id, k.operator from api_key k
                left join account a on a.id = k.account_id
                where k.key_hash = ? and k.revoked_at is null and (k.operator or a.status = 'active')""")
                .param(Hashing.sha256Hex(secret))
                .query((rs, n) -> new Caller(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getBoolean("operator"), rs.getBoolean("operator") ? actingAccount : null))
                .optional();
    }

    public boolean anyOperatorKey() {
        return jdbc.sql("select count(*) from api_key where operator and revoked_at is null").query(Long.class).single() > 0;
    }

    public List<KeyInfo> list(UUID accountId) {
        return jdbc.sql("select * from api_key where account_id = ? order by created_at").param(accountId)
                .query((rs, n) -> new KeyInfo(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getBoolean("operator"), rs.getString("name"), rs.getString("display_prefix"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    @Transactional
    public void revoke(UUID keyId) {
        int n = jdbc.sql("update api_key set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), keyId).update();
        if (n == 0) throw new NotFound("API key");
    }
}
