package org.fairsend.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * replaces an erased person's addresses, numbers and names by {@link ErasedPerson#MARKER} in free-text columns
 * (an operator's reason, a peer's reply, a note), row by row, for the rows of a scope (one account's) whose text
 * names them. Table and column names are SQL identifiers written in code, never input.
 */
@Component
public class TextScrubber {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final JdbcClient jdbc;

    public TextScrubber(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Scrubs {@code columns} of the rows of {@code table} that match {@code scope} (an SQL condition with {@code ?}
     * parameters, e.g. {@code account_id = ?}) and mention one of the person's {@link ErasedPerson#needles()}.
     *
     * @param matchNames false to look only for the addresses and numbers (a name alone does not make a row the
     *     person's); the names are scrubbed from the rows found either way
     * @return the rows changed
     */
    public int scrub(ErasedPerson person, String table, String key, List<String> columns, boolean matchNames, String scope,
            Object... scopeParams) {
        for (String name : concat(List.of(table, key), columns)) {
            if (!IDENTIFIER.matcher(name).matches()) throw new IllegalArgumentException("not an SQL identifier: " + name);
        }
        List<String> needles = matchNames ? person.needles() : person.matchers();
        if (needles.isEmpty() || columns.isEmpty()) return 0;
        List<String> likes = new ArrayList<>();
        List<Object> params = new ArrayList<>(List.of(scopeParams));
        for (String c : columns) {
            for (String n : needles) {
                likes.add("lower(" + c + ") like ?");
                params.add("%" + n.toLowerCase(java.util.Locale.ROOT) + "%");
            }
        }
        String sql = "select " + key + ", " + String.join(", ", columns) + " from " + table + " where (" + scope + ") and ("
                + String.join(" or ", likes) + ")";
        List<Map<String, Object>> rows = jdbc.sql(sql).params(params).query().listOfRows();
        int changed = 0;
        for (Map<String, Object> row : rows) {
            List<Object> values = new ArrayList<>();
            StringBuilder set = new StringBuilder();
            for (String c : columns) {
                Object v = value(row, c);
                if (set.length() > 0) set.append(", ");
                set.append(c).append(" = ?");
                values.add(v instanceof String s ? person.scrub(s) : v);
            }
            values.add(value(row, key));
            changed += jdbc.sql("update " + table + " set " + set + " where " + key + " = ?").params(values).update();
        }
        return changed;
    }

    private static Object value(Map<String, Object> row, String column) {
        if (row.containsKey(column)) return row.get(column);
        for (var e : row.entrySet()) if (e.getKey().equalsIgnoreCase(column)) return e.getValue();
        return null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
