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

    private static Object[] with(Object[] r, String key) {
        Object[] o = r.clone();
        o[0] = key;
        return o;
    }
}
