package org.fairsend.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.support.Api;
import tools.jackson.databind.JsonNode;

/** What the billing tests check on a statement: its lines of a type, and that its CSV and HTML carry its JSON's lines and totals. */
final class StatementChecks {

    private StatementChecks() {}

    static List<JsonNode> lines(JsonNode statement, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode l : statement.get("lines")) if (l.get("type").asString().equals(type)) out.add(l);
        return out;
    }

    private static final Pattern HTML_TOTAL = Pattern.compile("id=\"total-([A-Z]{3})\">(-?\\d+\\.\\d{2}) [A-Z]{3}<");

    /** The CSV and the HTML of the statement carry the JSON's lines and totals; answers the CSV. */
    static String assertSameTotals(Api api, String path, JsonNode json) {
        var csv = api.get(path + ".csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("account_id,account_name,month,type,date,description,quantity,unit,unit_amount,amount,currency");
        int totals = 0;
        for (int i = 1; i < rows.length; i++) {
            String[] cells = parse(rows[i]);
            assertThat(cells).hasSize(15);
            assertThat(cells[1]).as("the account's name, formula-safe").isEqualTo(safe(json.get("legalName").asString()));
            if (cells[3].equals("total")) {
                long cents = cents(cells[9]);
                assertThat(cents).isEqualTo(totalOf(json, cells[10]));
                totals++;
            } else {
                JsonNode l = json.get("lines").get(i - 1);
                assertThat(cells[3]).isEqualTo(l.get("type").asString());
                assertThat(cells[5]).isEqualTo(safe(l.get("description").asString()));
                assertThat(cents(cells[9])).isEqualTo(l.get("amountCents").asLong());
            }
        }
        assertThat(totals).isEqualTo(json.get("totals").size());
        assertThat(rows.length - 1 - totals).isEqualTo(json.get("lines").size());

        var html = api.get(path + ".html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(html.body()).contains("<link rel=\"stylesheet\" href=\"/console/console.css\">").doesNotContain("<script");
        Matcher m = HTML_TOTAL.matcher(html.body());
        int found = 0;
        while (m.find()) {
            assertThat(cents(m.group(2))).isEqualTo(totalOf(json, m.group(1)));
            found++;
        }
        assertThat(found).isEqualTo(json.get("totals").size());
        assertThat(html.body().split("<tr class=\"line ", -1)).hasSize(json.get("lines").size() + 1);
        return csv.body();
    }

    /** What a text cell holds once made formula-safe. */
    private static String safe(String text) {
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static long totalOf(JsonNode json, String currency) {
        for (JsonNode t : json.get("totals")) if (t.get("currency").asString().equals(currency)) return t.get("totalCents").asLong();
        throw new AssertionError("no total in " + currency + ": " + json);
    }

    private static long cents(String amount) {
        boolean negative = amount.startsWith("-");
        String[] p = amount.replace("-", "").split("\\.");
        long c = Long.parseLong(p[0]) * 100 + Long.parseLong(p[1]);
        return negative ? -c : c;
    }

    /** One CSV row (RFC 4180 quoting). */
    private static String[] parse(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(String[]::new);
    }
}
