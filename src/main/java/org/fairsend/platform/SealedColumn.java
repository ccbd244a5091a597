package org.fairsend.platform;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A column whose values are {@link Secrets#seal sealed}, declared as a bean by the module that owns the table, so
 * that {@code fairsend secrets reseal} can re-seal it under a new platform secret without knowing the module. The
 * names are SQL identifiers written in code, never input.
 *
 * @param table the table
 * @param keyColumns its primary key (one column or several)
 * @param column the sealed column (null values are skipped)
 * @param purpose the purpose the values were sealed for, or its first part when {@code purposeColumns} are given
 * @param purposeColumns columns whose values complete a per-row purpose: {@code purpose:value1:value2...}
 */
public record SealedColumn(String table, List<String> keyColumns, String column, String purpose, List<String> purposeColumns) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedColumn {
        keyColumns = List.copyOf(keyColumns);
        purposeColumns = purposeColumns == null ? List.of() : List.copyOf(purposeColumns);
        if (keyColumns.isEmpty()) throw new IllegalArgumentException("a sealed column needs its table's key");
        Stream.of(Stream.of(table, column), keyColumns.stream(), purposeColumns.stream()).flatMap(s -> s).forEach(name -> {
            if (name == null || !IDENTIFIER.matcher(name).matches()) throw new IllegalArgumentException("not an SQL identifier: " + name);
        });
        if (purpose == null || purpose.isBlank()) throw new IllegalArgumentException("purpose is required");
    }

    /** A column of a table with a one-column key, sealed for one purpose. */
    public SealedColumn(String table, String idColumn, String column, String purpose) {
        this(table, List.of(idColumn), column, purpose, List.of());
    }

    /** The purpose of a row, given the values of {@link #purposeColumns} in their order. */
    String purposeOf(List<?> values) {
        if (purposeColumns.isEmpty()) return purpose;
        StringBuilder p = new StringBuilder(purpose);
        values.forEach(v -> p.append(':').append(v));
        return p.toString();
    }
}
