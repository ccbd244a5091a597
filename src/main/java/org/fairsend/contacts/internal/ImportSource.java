package org.fairsend.contacts.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.fairsend.contacts.ContactImports.Format;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams the lines of an import file as column maps, one at a time (memory stays flat whatever the size).
 * CSV: a header line, comma, semicolon or tab separated (detected from the header), UTF-8 with or without BOM,
 * values in double quotes when they hold the delimiter, a quote (written twice) or a line break.
 * JSON lines: one object per line; a nested {@code attributes} object is flattened into attributes.
 *
 * <p>Whatever the file holds, each bad line is one {@link Line} with its error, never an exception that stops the
 * import (issue 13, fuzzing): a line that is not UTF-8, longer than {@link #MAX_LINE} bytes, holds a NUL, has more
 * than {@link #MAX_COLUMNS} values, a quoted value never closed or text after a closing quote. Line numbers are the
 * file's own (a value spanning lines counts from its first line).
 */
abstract class ImportSource implements Iterator<ImportSource.Line>, AutoCloseable {

    /** Bytes in one line of the file, and characters in one CSV record (a valid row is far shorter: attributes are 16,000 at most). */
    static final int MAX_LINE = 64 * 1024;
    /** Values in one CSV line, the header's included. */
    static final int MAX_COLUMNS = 1000;

    /** One input line: its number in the file (the header is line 1 in CSV), its columns, or why it is unreadable. */
    record Line(long number, Map<String, String> columns, String error) {

        /** The line, or its error when a key or value holds a NUL (which no text column can store). */
        static Line of(long number, Map<String, String> columns) {
            for (var e : columns.entrySet()) {
                if (e.getKey().indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0) {
                    return new Line(number, Map.of(), "the line holds a NUL character (U+0000)");
                }
            }
            return new Line(number, columns, null);
        }
    }

    /** The source of a file in a format given by its code ({@code csv}, {@code jsonl}). */
    static ImportSource open(Path file, String format, JsonMapper json) throws IOException {
        return open(file, Format.fromDb(format), json);
    }

    static ImportSource open(Path file, Format format, JsonMapper json) throws IOException {
        RawLines lines = new RawLines(Files.newInputStream(file));
        return switch (format) {
            case CSV -> new Csv(lines);
            case JSONL -> new JsonLines(lines, json);
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

    /**
     * The file's physical lines (ended by LF, CRLF or CR), each decoded on its own: an invalid UTF-8 sequence or an
     * overlong line is that line's error, and the next line reads as usual. A UTF-8 BOM at the start is skipped.
     */
    static final class RawLines implements AutoCloseable {

        record Raw(long number, String text, String error) {}

        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;
        private boolean eof;
        private boolean started;
        private long number;
        private final byte[] line = new byte[MAX_LINE];
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

        RawLines(InputStream in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (pos == limit) {
                if (eof) return -1;
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    return -1;
                }
            }
            return buf[pos++] & 0xff;
        }

        private int peek() throws IOException {
            int b = read();
            if (b >= 0) pos--;
            return b;
        }

        /** The next line, or null at the end of the file. */
        Raw next() throws IOException {
            if (!started) {
                started = true;
                while (limit < 3 && !eof) { // the first three bytes, to skip a BOM
                    int n = in.read(buf, limit, buf.length - limit);
                    if (n <= 0) eof = true;
                    else limit += n;
                }
                if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) pos = 3;
            }
            int length = 0;
            boolean overlong = false;
            boolean ascii = true;
            boolean any = false;
            int b;
            while ((b = read()) >= 0) {
                any = true;
                if (b == '\n') break;
                if (b == '\r') {
                    if (peek() == '\n') read();
                    break;
                }
                if (length < MAX_LINE) {
                    line[length++] = (byte) b;
                    ascii &= b < 0x80;
                } else {
                    overlong = true;
                }
            }
            if (!any) return null;
            number++;
            if (overlong) return new Raw(number, null, "the line is longer than " + MAX_LINE + " bytes");
            if (ascii) return new Raw(number, new String(line, 0, length, StandardCharsets.ISO_8859_1), null);
            try {
                return new Raw(number, utf8.reset().decode(ByteBuffer.wrap(line, 0, length)).toString(), null);
            } catch (CharacterCodingException e) {
                return new Raw(number, null, "the line is not valid UTF-8");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    static final class Csv extends ImportSource {
        private final RawLines lines;
        /** Lines read ahead (a header to sniff, the lines after an unclosed quote) to parse again, in order. */
        private final Deque<RawLines.Raw> replay = new ArrayDeque<>();
        private final char delimiter;
        private final String[] header;
        private final String headerError;
        private Line pending;

        Csv(RawLines lines) throws IOException {
            this.lines = lines;
            RawLines.Raw first = lines.next();
            char d = ',';
            if (first != null && first.text() != null) {
                String h = first.text();
                if (count(h, ';') > count(h, ',')) d = ';';
                else if (count(h, '\t') > count(h, ',')) d = '\t';
            }
            this.delimiter = d;
            if (first != null) replay.add(first);
            Record h = record();
            if (h == null) {
                header = new String[0];
                headerError = null;
            } else if (h.error() != null) {
                header = new String[0];
                headerError = "the header (line " + h.number() + ") cannot be read: " + h.error();
            } else {
                header = new String[h.values().size()];
                for (int i = 0; i < header.length; i++) header[i] = column(h.values().get(i));
                headerError = null;
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

        /** One CSV record: its first line's number, and its values or why it cannot be read. */
        private record Record(long number, List<String> values, String error) {}

        private RawLines.Raw raw() throws IOException {
            return replay.isEmpty() ? lines.next() : replay.pollFirst();
        }

        /** The next record (null at the end): RFC 4180 values, trimmed; a quote opens a quoted value only as its first character. */
        private Record record() throws IOException {
            RawLines.Raw first = raw();
            if (first == null) return null;
            if (first.error() != null) return new Record(first.number(), List.of(), first.error());
            List<RawLines.Raw> continued = new ArrayList<>();
            List<String> values = new ArrayList<>();
            StringBuilder value = new StringBuilder();
            String text = first.text();
            int chars = text.length();
            int i = 0;
            boolean quoted = false;
            boolean closed = false; // after the closing quote of a quoted value
            boolean start = true;   // at the first character of a value
            while (true) {
                if (i == text.length()) {
                    if (!quoted) {
                        values.add(value.toString().trim());
                        break;
                    }
                    RawLines.Raw more = raw();
                    if (more != null) continued.add(more);
                    if (more == null || more.error() != null || (chars += more.text().length() + 1) > MAX_LINE) {
                        // never closed: this line is refused, the lines after it are read again on their own
                        for (int k = continued.size() - 1; k >= 0; k--) replay.addFirst(continued.get(k));
                        return new Record(first.number(), List.of(), "a quoted value is not closed (a quote inside a value is written twice)");
                    }
                    value.append('\n');
                    text = more.text();
                    i = 0;
                    continue;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c != '"') {
                        value.append(c);
                    } else if (i < text.length() && text.charAt(i) == '"') {
                        value.append('"');
                        i++;
                    } else {
                        quoted = false;
                        closed = true;
                    }
                } else if (c == delimiter) {
                    values.add(value.toString().trim());
                    if (values.size() >= MAX_COLUMNS) {
                        return new Record(first.number(), List.of(), "the line has more than " + MAX_COLUMNS + " values");
                    }
                    value.setLength(0);
                    closed = false;
                    start = true;
                } else if (closed) {
                    if (!Character.isWhitespace(c)) {
                        return new Record(first.number(), List.of(),
                                "text after the closing quote of a value (a quote inside a value is written twice)");
                    }
                } else if (c == '"' && start) {
                    quoted = true;
                    start = false;
                } else {
                    value.append(c);
                    start = false;
                }
            }
            return new Record(first.number(), values, null);
        }

        @Override
        public boolean hasNext() {
            try {
                while (pending == null) {
                    Record r = record();
                    if (r == null) return false;
                    if (r.error() != null) {
                        pending = new Line(r.number(), Map.of(), r.error());
                    } else if (r.values().size() == 1 && r.values().getFirst().isEmpty()) {
                        continue; // an empty line
                    } else if (headerError != null) {
                        pending = new Line(r.number(), Map.of(), headerError);
                    } else {
                        Map<String, String> cols = new LinkedHashMap<>();
                        for (int i = 0; i < Math.min(r.values().size(), header.length); i++) {
                            String v = r.values().get(i);
                            if (!v.isEmpty()) cols.put(header[i], v);
                        }
                        pending = r.values().size() > header.length
                                ? new Line(r.number(), cols, "the line has more values than the header has columns")
                                : Line.of(r.number(), cols);
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Line next() {
            if (!hasNext()) throw new NoSuchElementException();
            Line l = pending;
            pending = null;
            return l;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    static final class JsonLines extends ImportSource {
        private final RawLines lines;
        private final JsonMapper json;
        private RawLines.Raw pending;

        JsonLines(RawLines lines, JsonMapper json) {
            this.lines = lines;
            this.json = json;
        }

        @Override
        public boolean hasNext() {
            try {
                while (pending == null) {
                    RawLines.Raw l = lines.next();
                    if (l == null) return false;
                    if (l.error() != null || !l.text().isBlank()) pending = l;
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Line next() {
            if (!hasNext()) throw new NoSuchElementException();
            RawLines.Raw l = pending;
            pending = null;
            if (l.error() != null) return new Line(l.number(), Map.of(), l.error());
            JsonNode node;
            try {
                node = json.readTree(l.text());
            } catch (JacksonException e) {
                return new Line(l.number(), Map.of(), "the line is not valid JSON");
            }
            if (node == null || !node.isObject()) return new Line(l.number(), Map.of(), "the line is not a JSON object");
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
            return Line.of(l.number(), cols);
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
