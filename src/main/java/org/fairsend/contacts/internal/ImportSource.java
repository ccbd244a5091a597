package org.fairsend.contacts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the lines of an import file as column maps, one at a time (memory stays flat whatever the size).
 * CSV: a header line, comma or semicolon separated (detected from the header), UTF-8 with or without BOM.
 * JSON lines: one object per line; a nested {@code attributes} object is flattened into attributes.
 */
abstract class ImportSource implements Iterator<ImportSource.Line>, AutoCloseable {

    /** One input line: its number in the file (the header is line 1 in CSV), its columns, or why it is unreadable. */
    record Line(long number, Map<String, String> columns, String error) {}

    static ImportSource open(Path file, String format, JsonMapper json) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF') reader.reset();
        return switch (format) {
            case "csv" -> new Csv(reader);
            case "jsonl" -> new JsonLines(reader, json);
            default -> throw new IllegalArgumentException(format);
        };
    }

    /** {@code First Name}, {@code first-name}, {@code firstName} all become {@code first_name}. */
    static String column(String raw) {
        if (plain(raw)) return raw; // already lower snake case: the common case, per line for some values
        String s = CAMEL.matcher(raw.strip()).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
        return SEPARATORS.matcher(s).replaceAll("_");
    }

    private static boolean plain(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) return false;
        }
        return true;
    }

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.]+");

    static final class Csv extends ImportSource {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final String[] header;

        Csv(BufferedReader reader) throws IOException {
            reader.mark(64 * 1024);
            String headerLine = reader.readLine();
            reader.reset();
            char delimiter = ',';
            if (headerLine != null && count(headerLine, ';') > count(headerLine, ',')) delimiter = ';';
            else if (headerLine != null && count(headerLine, '\t') > count(headerLine, ',')) delimiter = '\t';
            this.parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).setTrim(true)
                    .get().parse(reader);
            this.records = parser.iterator();
            if (!records.hasNext()) {
                header = new String[0];
            } else {
                CSVRecord h = records.next();
                header = new String[h.size()];
                for (int i = 0; i < h.size(); i++) header[i] = column(h.get(i));
            }
        }

        private static int count(String s, char c) {
            int n = 0;
            for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
            return n;
        }

        String[] header() {
            return header;
        }

        private CSVRecord pending;

        @Override
        public boolean hasNext() {
            while (pending == null) {
                if (!records.hasNext()) return false;
                CSVRecord r = records.next();
                if (r.size() == 1 && r.get(0).isBlank()) continue; // an empty line
                pending = r;
            }
            return true;
        }

        @Override
        public Line next() {
            if (!hasNext()) throw new NoSuchElementException();
            CSVRecord r = pending;
            pending = null;
            // the header is record 1; without line breaks inside quoted values, record n is line n of the file
            long line = r.getRecordNumber();
            Map<String, String> cols = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(r.size(), header.length); i++) {
                String v = r.get(i);
                if (!v.isEmpty()) cols.put(header[i], v);
            }
            String error = r.size() > header.length ? "the line has more values than the header has columns" : null;
            return new Line(line, cols, error);
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    static final class JsonLines extends ImportSource {
        private final BufferedReader reader;
        private final JsonMapper json;
        private long number;
        private String pending;

        JsonLines(BufferedReader reader, JsonMapper json) {
            this.reader = reader;
            this.json = json;
        }

        @Override
        public boolean hasNext() {
            try {
                while (pending == null) {
                    String l = reader.readLine();
                    if (l == null) return false;
                    number++;
                    if (!l.isBlank()) pending = l;
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Line next() {
            if (!hasNext()) throw new NoSuchElementException();
            String l = pending;
            pending = null;
            JsonNode node;
            try {
                node = json.readTree(l);
            } catch (JacksonException e) {
                return new Line(number, Map.of(), "the line is not valid JSON");
            }
            if (node == null || !node.isObject()) return new Line(number, Map.of(), "the line is not a JSON object");
            Map<String, String> cols = new LinkedHashMap<>();
            for (var e : node.properties()) {
                JsonNode v = e.getValue();
                if (v == null || v.isNull()) continue;
                if (e.getKey().equals("attributes") && v.isObject()) {
                    for (var a : v.properties()) {
                        if (a.getValue() != null && !a.getValue().isNull()) {
                            cols.put("attr." + a.getKey(), a.getValue().isString() ? a.getValue().asString() : a.getValue().toString());
                        }
                    }
                    continue;
                }
                cols.put(column(e.getKey()), v.isString() ? v.asString() : v.isValueNode() ? v.asString() : v.toString());
            }
            return new Line(number, cols, null);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
