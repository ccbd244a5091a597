package org.fairsend.platform;

import java.util.regex.Pattern;

/**
 * A column whose values are {@link Secrets#seal sealed}, declared as a bean by the module that owns the table, so
 * that {@code fairsend secrets reseal} can re-seal it under a new platform secret without knowing the module. The
 * names are SQL identifiers written in code, never input.
 *
 * @param table the table
 * @param idColumn its primary key (one column)
 * @param column the sealed column (nullable values are skipped)
 * @param purpose the purpose the values were sealed for
 */
public record SealedColumn(String table, String idColumn, String column, String purpose) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedColumn {
        for (String name : new String[] {table, idColumn, column}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) throw new IllegalArgumentException("not an SQL identifier: " + name);
        }
        if (purpose == null || purpose.isBlank()) throw new IllegalArgumentException("purpose is required");
    }
}
