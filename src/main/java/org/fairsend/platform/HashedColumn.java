package org.fairsend.platform;

import java.util.regex.Pattern;

/**
 * A column holding {@link Pseudonyms#address keyed address hashes}, declared as a bean by the module that owns the
 * table (like {@link SealedColumn}), so that an install made before the hashes were keyed has every one of them
 * re-keyed once, without knowing the module. The names are SQL identifiers written in code, never input.
 */
public record HashedColumn(String table, String column) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public HashedColumn {
        for (String name : new String[] {table, column}) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) throw new IllegalArgumentException("not an SQL identifier: " + name);
        }
    }
}
