package org.fairsend.platform;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The second half of a platform secret rotation: every value of every {@link SealedColumn} that was sealed under
 * {@code FAIRSEND_PREVIOUS_SECRET} is sealed again under {@code FAIRSEND_SECRET}. Each row is rewritten on its own,
 * only if it still holds the value read (a value changed meanwhile is left to the next run), so the command can run
 * beside the server and be run again until it reports nothing left.
 */
@Service
public class SecretRotation {

    private final List<SealedColumn> columns;
    private final Secrets secrets;
    private final PlatformSecret secret;
    private final JdbcClient jdbc;

    SecretRotation(List<SealedColumn> columns, Secrets secrets, PlatformSecret secret, JdbcClient jdbc) {
        this.columns = columns;
        this.secrets = secrets;
        this.secret = secret;
        this.jdbc = jdbc;
    }

    /** Whether FAIRSEND_PREVIOUS_SECRET is set (without it, nothing sealed under an old secret can be opened). */
    public boolean rotating() {
        return !secret.previous().isEmpty();
    }

    /** The secret an older version kept in the database, if it is still there (to move into FAIRSEND_SECRET). */
    public Optional<String> legacySecret() {
        return secret.legacy();
    }

    /** A new random secret, as FAIRSEND_SECRET expects it (32 random bytes, URL-safe base64). */
    public static String generate() {
        return Hashing.randomToken(32);
    }

    /** What a re-seal did to one column. */
    public record Outcome(SealedColumn column, int resealed, int current, int unreadable) {}

    public List<SealedColumn> columns() {
        return columns;
    }

    public List<Outcome> reseal() {
        return columns.stream().map(this::reseal).toList();
    }

    private Outcome reseal(SealedColumn c) {
        record Row(Object id, String sealed) {}
        List<Row> rows = jdbc.sql("select " + c.idColumn() + ", " + c.column() + " from " + c.table() + " where " + c.column() + " is not null")
                .query((rs, n) -> new Row(rs.getObject(1), rs.getString(2))).list();
        int resealed = 0;
        int current = 0;
        int unreadable = 0;
        for (Row row : rows) {
            Optional<String> fresh;
            try {
                fresh = secrets.resealed(c.purpose(), row.sealed());
            } catch (IllegalStateException e) {
                unreadable++;
                continue;
            }
            if (fresh.isEmpty()) {
                current++;
                continue;
            }
            resealed += jdbc.sql("update " + c.table() + " set " + c.column() + " = ? where " + c.idColumn() + " = ? and " + c.column() + " = ?")
                    .params(fresh.get(), row.id(), row.sealed()).update();
        }
        return new Outcome(c, resealed, current, unreadable);
    }
}
