package org.fairsend.platform;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts many rows at once, in the caller's transaction: {@code COPY ... FROM STDIN} on PostgreSQL (one round
 * trip, no per-row statement; the binary format when every value has a binary form for its column, see
 * {@link BinaryCopy}, CSV otherwise), batched {@code INSERT}s elsewhere (H2). The database is
 * detected once per instance. Rows hold the column values in order: String, Number, Boolean, UUID,
 * Instant, Timestamp, LocalDate or null.
 */
public final class BulkInsert {

    private final JdbcTemplate template;
    private final boolean postgres;

    /** COPY on PostgreSQL ({@link Database#isPostgres()}), batched inserts elsewhere. */
    public BulkInsert(JdbcTemplate template, Database database) {
        this(template, database.isPostgres());
    }

    /** {@code copy = false}: batched inserts on every database (to compare the two paths). */
    public BulkInsert(JdbcTemplate template, boolean copy) {
        this.template = template;
        this.postgres = copy;
    }

    /** Whether COPY is used (PostgreSQL). */
    public boolean postgres() {
        return postgres;
    }

    /** Inserts {@code rows} into {@code table} (columns named in {@code columns}, in the rows' order). */
    public void insert(String table, List<String> columns, List<Object[]> rows) {
        if (rows.isEmpty()) return;
        if (postgres()) copy(table, columns, rows);
        else template.batchUpdate("insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")", jdbcValues(rows));
    }

    private static List<Object[]> jdbcValues(List<Object[]> rows) {
        return rows.stream().map(r -> {
            Object[] o = r.clone();
            for (int i = 0; i < o.length; i++) {
                if (o[i] instanceof Instant t) o[i] = Timestamp.from(t);
                else if (o[i] instanceof java.time.LocalDate d) o[i] = java.sql.Date.valueOf(d);
            }
            return o;
        }).toList();
    }

    private void copy(String table, List<String> columns, List<Object[]> rows) {
        template.execute((ConnectionCallback<Void>) con -> {
            // the binary format when every value has a binary form for its column (PostgreSQL parses no text:
            // issue 17), CSV otherwise; the columns' types are read in the same transaction, for each call
            BinaryCopy.Type[] types = BinaryCopy.types(con, table, columns);
            if (types != null && BinaryCopy.fits(types, rows)) {
                BinaryCopy.copy(con, "copy " + table + " (" + String.join(", ", columns) + ") from stdin (format binary)", types, rows);
            } else {
                copy(con, "copy " + table + " (" + String.join(", ", columns) + ") from stdin (format csv)", rows);
            }
            return null;
        });
    }

    private static void copy(Connection con, String sql, List<Object[]> rows) throws SQLException {
        PGConnection pg = con.unwrap(PGConnection.class);
        PGCopyOutputStream out = new PGCopyOutputStream(pg, sql, 1 << 16);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder(512);
            for (Object[] row : rows) {
                line.setLength(0);
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) line.append(',');
                    csv(line, row[i]);
                }
                line.append('\n');
                w.append(line);
            }
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException s) throw s;
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV value: null is an empty unquoted field, any text is quoted (so an empty string stays one). */
    static void csv(StringBuilder sb, Object v) {
        switch (v) {
            case null -> {}
            case Boolean b -> sb.append(b ? 't' : 'f');
            case Number n -> sb.append(n);
            case java.util.UUID u -> sb.append(u);
            case Instant t -> sb.append(t);
            case Timestamp t -> sb.append(t.toInstant());
            case java.time.LocalDate d -> sb.append(d);
            default -> {
                String s = v.toString();
                sb.append('"');
                if (s.indexOf('"') < 0) {
                    sb.append(s);
                } else {
                    for (int i = 0; i < s.length(); i++) {
                        char c = s.charAt(i);
                        if (c == '"') sb.append('"');
                        sb.append(c);
                    }
                }
                sb.append('"');
            }
        }
    }
}
