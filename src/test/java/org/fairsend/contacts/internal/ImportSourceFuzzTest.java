package org.fairsend.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.fuzz.Fuzz;
import org.fairsend.fuzz.Gens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13: the import parser (CSV and JSON lines) on arbitrary files reports every bad line as one line with its
 * error and its own line number, reads every good line exactly, and never throws: an exception there failed the
 * whole import ("the import stopped after ... batch(es)"), and a NUL reached PostgreSQL.
 */
@Tag("fuzz")
class ImportSourceFuzzTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<ImportSource.Line> read(byte[] file, String format) {
        return Fuzz.bounded("import-" + format, file, () -> {
            Path tmp = Files.createTempFile("fuzz-import-", "." + format);
            try {
                Files.write(tmp, file);
                List<ImportSource.Line> out = new ArrayList<>();
                try (ImportSource s = ImportSource.open(tmp, format, JSON)) {
                    while (s.hasNext()) out.add(s.next());
                }
                return out;
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
    }

    static void wellFormed(List<ImportSource.Line> lines) {
        long last = 0;
        for (ImportSource.Line l : lines) {
            assertThat(l.number()).isGreaterThan(last);
            last = l.number();
            assertThat(l.columns()).isNotNull();
            if (l.error() == null) {
                l.columns().forEach((k, v) -> assertThat(k.indexOf('\0') < 0 && v.indexOf('\0') < 0).isTrue());
            }
        }
    }

    @Test
    void arbitraryBytesAsCsv() {
        Fuzz.forAll("import-csv-bytes", Gens.bytes(4096), file -> wellFormed(read(file, "csv")));
    }

    @Test
    void arbitraryBytesAsJsonLines() {
        Fuzz.forAll("import-jsonl-bytes", Gens.bytes(4096), file -> wellFormed(read(file, "jsonl")));
    }

    /** A row of the CSV file: good values, or one of the ways a line goes bad. */
    record Row(List<String> values, Bad bad, int blankLinesBefore) {}

    enum Bad { INVALID_UTF8, NUL, OVERLONG, TOO_MANY_VALUES, TEXT_AFTER_QUOTE, HUGE_COLUMN_COUNT }

    static Gen<List<Row>> rows() {
        Gen<String> value = Gens.oneOf(
                Gens.strings(20),
                Gens.strings("ab,;\"\n\r\t é€😀", 12),
                Gens.of("", "a@b.example", "\"", "\"\"", "x\ny", ",", "\uFEFF", "\u2028"))
                // a CR in a quoted value reads as a line break; a lone surrogate has no UTF-8 (getBytes writes "?")
                .map(s -> new String(s.replace("\0", "").replace("\r", "").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        Gen<Row> good = Gens.lists(value, 3, 3).zip(Gens.ints(0, 2), (v, blanks) -> new Row(v, null, blanks));
        Gen<Row> bad = Generate.enumValues(Bad.class).zip(Gens.ints(0, 2), (b, blanks) -> new Row(List.of(), b, blanks));
        return Gens.lists(Generate.frequency(Pair.of(4, good), Pair.of(1, bad)), 0, 30);
    }

    /** For a readable report: controls and line breaks escaped. */
    static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(2000).forEach(c -> b.append(c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x85 ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return b.toString();
    }

    static String quoted(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    /** A CSV file to write: its rows, with or without a byte order mark, LF or CRLF line ends. */
    record CsvFile(List<Row> rows, boolean bom, boolean crlf) {}

    @Test
    void everyGoodLineIsReadAndEveryBadLineReportedOnItsOwn() {
        Fuzz.forAll("import-csv-rows", rows().zip(Generate.booleans(), Generate.booleans(), CsvFile::new),
                f -> goodAndBadLines(f.rows(), f.bom(), f.crlf()));
    }

    static void goodAndBadLines(List<Row> rows, boolean bom, boolean crlf) {
        String nl = crlf ? "\r\n" : "\n";
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        if (bom) file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        file.writeBytes(("email,first_name,note" + nl).getBytes(StandardCharsets.UTF_8));
        long line = 2;
        Map<Long, Map<String, String>> goodAt = new LinkedHashMap<>();
        List<Long> badAt = new ArrayList<>();
        for (Row r : rows) {
            for (int i = 0; i < r.blankLinesBefore(); i++) {
                file.writeBytes(nl.getBytes(StandardCharsets.UTF_8));
                line++;
            }
            if (r.bad() == null) {
                Map<String, String> expected = new LinkedHashMap<>();
                List<String> cells = new ArrayList<>();
                String[] names = {"email", "first_name", "note"};
                for (int i = 0; i < 3; i++) {
                    String v = r.values().get(i);
                    if (!v.trim().isEmpty()) expected.put(names[i], v.trim()); // values are trimmed, quoted ones too
                    cells.add(quoted(v));
                }
                if (expected.isEmpty()) { // a line of empty values only: "","","" is not blank, it is a line without data
                    cells.set(0, quoted("x"));
                    expected.put("email", "x");
                }
                String text = String.join(",", cells);
                goodAt.put(line, expected);
                file.writeBytes((text + nl).getBytes(StandardCharsets.UTF_8));
                line += text.chars().filter(c -> c == '\n').count() + 1;
            } else {
                badAt.add(line);
                byte[] b = switch (r.bad()) {
                    case INVALID_UTF8 -> new byte[] {'a', (byte) 0xC3, '(', ',', 'b', ',', (byte) 0xFF};
                    case NUL -> "a@b.example,x\0y,z".getBytes(StandardCharsets.UTF_8);
                    case OVERLONG -> ("a@b.example,\"" + "x".repeat(ImportSource.MAX_LINE) + "\",z").getBytes(StandardCharsets.UTF_8);
                    case TOO_MANY_VALUES -> "a,b,c,d".getBytes(StandardCharsets.UTF_8);
                    case TEXT_AFTER_QUOTE -> "\"a\"b,c,d".getBytes(StandardCharsets.UTF_8);
                    case HUGE_COLUMN_COUNT -> ",".repeat(ImportSource.MAX_COLUMNS * 2).getBytes(StandardCharsets.UTF_8);
                };
                file.writeBytes(b);
                file.writeBytes(nl.getBytes(StandardCharsets.UTF_8));
                line++;
            }
        }
        List<ImportSource.Line> lines = read(file.toByteArray(), "csv");
        wellFormed(lines);
        Map<Long, Map<String, String>> read = new LinkedHashMap<>();
        List<Long> refused = new ArrayList<>();
        for (ImportSource.Line l : lines) {
            if (l.error() == null) read.put(l.number(), l.columns());
            else refused.add(l.number());
        }
        assertThat(read).as(() -> "file " + escaped(file.toString(StandardCharsets.UTF_8)) + " read " + escaped(read.toString()))
                .isEqualTo(goodAt);
        assertThat(refused).isEqualTo(badAt);
    }

    @Test
    void anUnclosedQuoteRefusesItsLineOnly() {
        Fuzz.forAll("import-csv-unclosed", rows(), ImportSourceFuzzTest::unclosedQuote);
    }

    static void unclosedQuote(List<Row> rows) {
        StringBuilder file = new StringBuilder("email,first_name,note\n\"never closed,x,y\n");
        int good = 0;
        for (Row r : rows) {
            if (r.bad() != null) continue;
            // the lines after it, without quotes: each read again on its own
            file.append(String.join(",", r.values().stream().map(v -> v.replaceAll("[\"\n,]", "")).toList())).append('\n');
            good++;
        }
        List<ImportSource.Line> lines = read(file.toString().getBytes(StandardCharsets.UTF_8), "csv");
        wellFormed(lines);
        assertThat(lines).isNotEmpty();
        assertThat(lines.getFirst().number()).isEqualTo(2);
        assertThat(lines.getFirst().error()).contains("not closed");
        assertThat(lines.stream().skip(1).filter(l -> l.error() != null)).isEmpty();
        assertThat(lines.size() - 1).isLessThanOrEqualTo(good);
    }

    @Test
    void jsonLinesEachLineOnItsOwn() {
        Fuzz.forAll("import-jsonl-lines", jsonLines(), ImportSourceFuzzTest::eachLineOnItsOwn);
    }

    static void eachLineOnItsOwn(List<String> objects) {
        StringBuilder file = new StringBuilder();
        for (String o : objects) file.append(o).append('\n');
        List<ImportSource.Line> lines = read(file.toString().getBytes(StandardCharsets.UTF_8), "jsonl");
        wellFormed(lines);
        long nonBlank = objects.stream().filter(o -> !o.isBlank()).count();
        assertThat(lines).hasSize((int) nonBlank);
    }

    static Gen<List<String>> jsonLines() {
        Gen<String> value = Gens.oneOf(Gens.strings(20).map(Fuzz::jsonString),
                Gens.of("1", "-1e999", "true", "null", "[]", "{}", "{\"a\":[1,{\"b\":null}]}", "\"\\u0000\"", "\"\\ud800\"",
                        "[".repeat(2000) + "]".repeat(2000), "1".repeat(5000)));
        Gen<String> object = Gens.strings(10).zip(value, value,
                (k, v, a) -> "{" + Fuzz.jsonString(k) + ":" + v + ",\"email\":" + v + ",\"attributes\":{\"x\":" + a + "}}");
        Gen<String> garbage = Gens.strings(60).map(s -> s.replaceAll("[\r\n\u2028\u2029\u0085]", ""));
        return Gens.lists(Gens.oneOf(object, garbage, object.map(o -> o.substring(0, o.length() / 2))), 0, 20);
    }
}
