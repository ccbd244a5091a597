package org.fairsend.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
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
        record Row(List<Object> key, List<Object> purposeValues, String sealed) {}
        int keys = c.keyColumns().size();
        int purposes = c.purposeColumns().size();
        String select = "select " + String.join(", ", c.keyColumns()) + (purposes == 0 ? "" : ", " + String.join(", ", c.purposeColumns()))
                + ", " + c.column() + " from " + c.table() + " where " + c.column() + " is not null";
        List<Row> rows = jdbc.sql(select).query((rs, n) -> {
            List<Object> key = new ArrayList<>();
            for (int i = 1; i <= keys; i++) key.add(rs.getObject(i));
            List<Object> purposeValues = new ArrayList<>();
            for (int i = keys + 1; i <= keys + purposes; i++) purposeValues.add(rs.getObject(i));
            return new Row(key, purposeValues, rs.getString(keys + purposes + 1));
        }).list();
        String update = "update " + c.table() + " set " + c.column() + " = ? where "
                + c.keyColumns().stream().map(k -> k + " = ?").collect(Collectors.joining(" and ")) + " and " + c.column() + " = ?";
        int resealed = 0;
        int current = 0;
        int unreadable = 0;
        for (Row row : rows) {
            Optional<String> fresh;
            try {
                fresh = secrets.resealed(c.purposeOf(row.purposeValues()), row.sealed());
            } catch (IllegalStateException e) {
                unreadable++;
                continue;
            }
            if (fresh.isEmpty()) {
                current++;
                continue;
            }
            List<Object> params = new ArrayList<>();
            params.add(fresh.get());
            params.addAll(row.key());
            params.add(row.sealed());
            resealed += jdbc.sql(update).params(params).update();
        }
        return new Outcome(c, resealed, current, unreadable);
    }
}
