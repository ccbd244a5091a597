package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** COPY (PostgreSQL) and batched inserts (H2, or forced) store exactly the same values. */
@PostgresTest
class BulkInsertTest {

    @Autowired JdbcTemplate template;
    @Autowired TransactionTemplate tx;
    @Autowired Database database;

    @Test
    void copyAndBatchedInsertsStoreTheSameValues() {
        template.execute("create table if not exists bulk_insert_test (k varchar(8), n bigint, t varchar(200), b boolean, "
                + "u uuid, at timestamp with time zone, d date)");
        template.update("delete from bulk_insert_test");
        UUID u = UUID.randomUUID();
        Instant at = Instant.parse("2025-03-31T14:05:06.123456Z");
        List<Object[]> rows = new ArrayList<>();
        String[] texts = {"plain", "", null, "a \"quoted\", comma", "line\nbreak\r\n", "back\\slash \\N \\.", "\\.",
                "accents éàü 漢字 😀", ",", "\"", "NULL", " padded "};
        for (int i = 0; i < texts.length; i++) {
            rows.add(new Object[] {null, (long) i, texts[i], i % 3 == 0 ? null : i % 2 == 0, i % 2 == 0 ? u : null,
                    i % 2 == 0 ? at : null, i % 2 == 0 ? LocalDate.of(2024, 2, 29) : null});
        }
        BulkInsert copy = new BulkInsert(template, database);
        assertThat(copy.postgres()).isTrue();
        List<String> cols = List.of("k", "n", "t", "b", "u", "at", "d");
        tx.executeWithoutResult(s -> {
            copy.insert("bulk_insert_test", cols, rows.stream().map(r -> with(r, "copy")).toList());
            new BulkInsert(template, false).insert("bulk_insert_test", cols, rows.stream().map(r -> with(r, "batch")).toList());
        });
        List<Map<String, Object>> viaCopy = template.queryForList("select n, t, b, u, at, d from bulk_insert_test where k = 'copy' order by n");
        List<Map<String, Object>> viaBatch = template.queryForList("select n, t, b, u, at, d from bulk_insert_test where k = 'batch' order by n");
        assertThat(viaCopy).hasSize(texts.length).isEqualTo(viaBatch);
        for (int i = 0; i < texts.length; i++) assertThat(viaCopy.get(i).get("t")).isEqualTo(texts[i]);
        template.execute("drop table bulk_insert_test");
    }

    /**
     * Issue 17: COPY writes PostgreSQL's binary format when every value has a binary form for its column, CSV
     * otherwise (here for a numeric column); both store what batched inserts
     * store, including JDBC's Timestamp and Date, integers of every width, and sub-microsecond times rounded alike.
     */
    @Test
    void theBinaryAndTheCsvCopyStoreWhatBatchedInsertsStore() {
        template.execute("create table if not exists bulk_binary_test (k varchar(8), n bigint, i integer, s smallint, x text, "
                + "at timestamp with time zone, d date, m numeric(10,2))");
        template.update("delete from bulk_binary_test");
        Instant at = Instant.parse("1999-12-31T23:59:59.999999500Z");
        List<Object[]> binary = new ArrayList<>();
        List<Object[]> csv = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Object time = i % 3 == 0 ? java.sql.Timestamp.from(at.plusSeconds(i)) : i % 3 == 1 ? at.plusNanos(i * 250) : null;
            Object day = i % 2 == 0 ? java.sql.Date.valueOf(LocalDate.of(1970 + i, 1, 1)) : LocalDate.of(2031, 12, 31 - i);
            binary.add(new Object[] {null, (long) i, i - 3, (short) (i * 1000), "x" + i, time, day});
            // (the CSV text of a time half-way between two microseconds is rounded by the server, half to even)
            csv.add(new Object[] {null, (long) i, i - 3, (short) (i * 1000), String.valueOf(i),
                    time == null ? null : at.plusNanos(500 + i * 1000L), day, new java.math.BigDecimal("12.34")});
        }
        BulkInsert copy = new BulkInsert(template, database);
        BulkInsert batch = new BulkInsert(template, false);
        List<String> cols = List.of("k", "n", "i", "s", "x", "at", "d", "m");
        List<String> binaryCols = cols.subList(0, 7);
        tx.executeWithoutResult(st -> {
            copy.insert("bulk_binary_test", binaryCols, binary.stream().map(r -> with(r, "bin")).toList());
            batch.insert("bulk_binary_test", binaryCols, binary.stream().map(r -> with(r, "bin-b")).toList());
            copy.insert("bulk_binary_test", cols, csv.stream().map(r -> with(r, "csv")).toList());
            batch.insert("bulk_binary_test", cols, csv.stream().map(r -> with(r, "csv-b")).toList());
        });
        String select = "select n, i, s, x, at::text as at, d::text as d, m::text as m from bulk_binary_test where k = ? order by n";
        assertThat(template.queryForList(select, "bin")).hasSize(6).isEqualTo(template.queryForList(select, "bin-b"));
        assertThat(template.queryForList(select, "csv")).hasSize(6).isEqualTo(template.queryForList(select, "csv-b"));
        assertThat(template.queryForObject("select count(*) from bulk_binary_test where x = '3' and m = 12.34", Long.class)).isEqualTo(2);
        template.execute("drop table bulk_binary_test");
    }

    private static Object[] with(Object[] r, String key) {
        Object[] o = r.clone();
        o[0] = key;
        return o;
    }
}
