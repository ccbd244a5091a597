package org.fairsend.suppression.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.BulkInsert;
import org.fairsend.platform.Database;
import org.fairsend.platform.Ids;
import org.fairsend.platform.RuleViolation;
import org.fairsend.suppression.OppositionList;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The national opposition list (X-7) over tables {@code opposition_import}, {@code opposition_number} and
 * {@code opposition_set} (V41): {@link OppositionList} in SQL. Streamed: the file is read line by line and written
 * in batches of {@value #BATCH} ({@code COPY} on PostgreSQL), all in one transaction, so a failed import leaves the
 * previous list in force.
 */
@Service
class JdbcOppositionList implements OppositionList {

    private static final Pattern HEX64 = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final Pattern NATIONAL = Pattern.compile("^0[1-9][0-9]{8}$");
    private static final int BATCH = 10_000;

    private final JdbcClient jdbc;
    private final BulkInsert bulk;
    private final TransactionTemplate tx;
    private final Clock clock;

    JdbcOppositionList(JdbcClient jdbc, JdbcTemplate template, Database database, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.bulk = new BulkInsert(template, database);
        this.tx = tx;
        this.clock = clock;
    }


    /**
     * Imports a list. {@code replace}: the new list replaces the one in force; {@code add}: its numbers are
     * added. Lines that are neither a French-region number nor a SHA-256 are counted and the first 20 kept;
     * blank lines and lines starting with {@code #} are skipped.
     */
    @Override
    public Import importList(Reader in, String source, String mode, String actor) {
        Mode m = switch (mode == null || mode.isBlank() ? "replace" : mode.strip().toLowerCase(Locale.ROOT)) {
            case "replace" -> Mode.REPLACE;
            case "add" -> Mode.ADD;
            default -> throw new RuleViolation("mode", "opposition-list", "replace or add");
        };
        String src = source == null || source.isBlank() ? "bloctel" : source.strip();
        if (src.length() > 200) throw new RuleViolation("source", "length", "at most 200 characters");
        UUID id = Ids.newId();
        Instant started = clock.instant();
        try {
            return importInOneTransaction(id, started, in, src, m, actor);
        } catch (RuntimeException e) {
            // nothing of it was stored and the previous list stays in force; the attempt is kept with why
            jdbc.sql("""
                    insert into opposition_import (id, source, mode, status, first_rejections, imported_by, started_at, finished_at)
                    values (?, ?, ?, 'failed', ?, ?, ?, ?)""")
                    .params(id, src, m.code(), cut("import failed: " + e.getMessage()), actor, Timestamp.from(started), Timestamp.from(clock.instant()))
                    .update();
            throw e;
        }
    }

    private static String cut(String s) {
        return org.fairsend.platform.Texts.storable(s, 4000);
    }

    private Import importInOneTransaction(UUID id, Instant started, Reader in, String src, Mode m, String actor) {
        return tx.execute(s -> {
            long read = 0, stored = 0, rejected = 0;
            List<String> firstRejections = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>(BATCH);
            jdbc.sql("""
                    insert into opposition_import (id, source, mode, status, imported_by, started_at)
                    values (?, ?, ?, 'running', ?, ?)""").params(id, src, m.code(), actor, Timestamp.from(started)).update();
            try (BufferedReader r = new BufferedReader(in, 1 << 16)) {
                String line;
                while ((line = r.readLine()) != null) {
                    read++;
                    String t = line.strip();
                    if (read == 1 && !t.isEmpty() && t.charAt(0) == '\uFEFF') t = t.substring(1);
                    if (t.isEmpty() || t.startsWith("#")) continue;
                    String h = hashOf(t);
                    if (h == null) {
                        if (read == 1 && t.chars().anyMatch(Character::isLetter) && !HEX64.matcher(t).matches()) continue; // a header
                        rejected++;
                        if (firstRejections.size() < 20) firstRejections.add("line " + read + ": not a number nor a SHA-256");
                        continue;
                    }
                    rows.add(new Object[] {h, id});
                    stored++;
                    if (rows.size() == BATCH) {
                        bulk.insert("opposition_number", List.of("number_hash", "import_id"), rows);
                        rows.clear();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bulk.insert("opposition_number", List.of("number_hash", "import_id"), rows);
            if (m == Mode.REPLACE) jdbc.sql("delete from opposition_number where import_id <> ?").param(id).update();
            // the list in force, one row per number, for the audiences' hash join
            jdbc.sql("delete from opposition_set").update();
            jdbc.sql("insert into opposition_set (number_hash) select distinct number_hash from opposition_number").update();
            jdbc.sql("""
                    update opposition_import set status = 'finished', lines_read = ?, numbers_stored = ?, lines_rejected = ?,
                        first_rejections = ?, finished_at = ? where id = ?""")
                    .params(read, stored, rejected, firstRejections.isEmpty() ? null : String.join("\n", firstRejections),
                            Timestamp.from(clock.instant()), id)
                    .update();
            return find(id).orElseThrow();
        });
    }

    /** The hash of one line, or null when it is neither a number nor a SHA-256. */
    static String hashOf(String line) {
        if (line.length() == 64 && HEX64.matcher(line).matches()) return line.toLowerCase(Locale.ROOT);
        String compact = line.replace(" ", "").replace(".", "").replace("-", "");
        if (NATIONAL.matcher(compact).matches()) return OppositionList.hash("+33" + compact.substring(1)); // the common case, no parse
        if (compact.length() == 11 && compact.startsWith("33") && compact.chars().allMatch(Character::isDigit)) compact = "+" + compact;
        return Addresses.phoneOrEmpty(compact, "FR").map(p -> OppositionList.hash(p.e164())).orElse(null);
    }

    /** Whether a number in E.164 is on the list in force. */
    @Override
    public boolean isOpposed(String e164) {
        return jdbc.sql("select count(*) from opposition_set where number_hash = ?").param(OppositionList.hash(e164)).query(Long.class).single() > 0;
    }

    /** The numbers (E.164) of the collection that are on the list in force. */
    @Override
    public Set<String> opposedAmong(Collection<String> e164s) {
        if (e164s.isEmpty()) return Set.of();
        java.util.Map<String, String> byHash = new java.util.HashMap<>();
        for (String n : e164s) byHash.put(OppositionList.hash(n), n);
        Set<String> out = new HashSet<>();
        jdbc.sql("select number_hash from opposition_set where number_hash in (:h)").param("h", byHash.keySet())
                .query(String.class).list().forEach(h -> out.add(byHash.get(h)));
        return out;
    }

    @Override
    public long size() {
        return jdbc.sql("select count(*) from opposition_set").query(Long.class).single();
    }

    @Override
    public Optional<Import> find(UUID id) {
        return jdbc.sql("select * from opposition_import where id = ?").param(id).query(this::map).optional();
    }

    @Override
    public List<Import> imports(int limit) {
        return jdbc.sql("select * from opposition_import order by started_at desc limit ?").param(limit).query(this::map).list();
    }

    private Import map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp f = rs.getTimestamp("finished_at");
        return new Import(rs.getObject("id", UUID.class), rs.getString("source"), Mode.fromDb(rs.getString("mode")), Status.fromDb(rs.getString("status")),
                rs.getLong("lines_read"), rs.getLong("numbers_stored"), rs.getLong("lines_rejected"), rs.getString("first_rejections"),
                rs.getString("imported_by"), rs.getTimestamp("started_at").toInstant(), f == null ? null : f.toInstant());
    }
}
