package org.fairsend.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an SMS text travels: GSM 03.38 7-bit (the basic alphabet, and the extension table whose characters
 * count double) when every character has a GSM code, else UCS-2; one segment of 160 septets or 70 UCS-2
 * units, else segments of 153 or 67 (the concatenation header takes the rest). Characters that force UCS-2
 * are reported with the GSM-7 replacement where one exists (curly quotes, non-breaking spaces, accented
 * letters the GSM alphabet lacks).
 */
public final class SmsText {

    /** The GSM 03.38 basic alphabet, by code (0x1B is the escape to the extension table). */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: character and its code after the escape. */
    static final Map<Character, Integer> EXTENSION = Map.of('\f', 0x0A, '^', 0x14, '{', 0x28, '}', 0x29, '\\', 0x2F, '[', 0x3C,
            '~', 0x3D, ']', 0x3E, '|', 0x40, '€', 0x65);
    /** GSM-7 replacements offered for characters that would force UCS-2. */
    static final Map<Integer, String> REPLACEMENTS = replacements();

    public static final int GSM_SINGLE = 160, GSM_PART = 153, UCS2_SINGLE = 70, UCS2_PART = 67;

    private SmsText() {}

    /** The alphabet a text travels in; the JSON and the pages show its name ({@code GSM-7}, {@code UCS-2}). */
    public enum Alphabet {
        GSM_7("GSM-7"), UCS_2("UCS-2");

        private final String label;

        Alphabet(String label) {
            this.label = label;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A character that forces UCS-2, how often it occurs, and its GSM-7 replacement (null: none, e.g. an emoji). */
    public record Forcing(String character, String codePoint, int count, String replacement) {}

    /**
     * The analysis of a text.
     *
     * @param encoding GSM-7 or UCS-2
     * @param units septets (GSM-7, extension characters count 2) or UTF-16 units (UCS-2, an emoji counts 2)
     * @param segments how many SMS the text is sent as
     * @param parts the text of each segment
     * @param gsmReplacement the text with every replaceable character replaced (null when nothing forces UCS-2,
     *     or when some character has no replacement)
     */
    public record Encoding(Alphabet encoding, int characters, int units, int segments, List<String> parts, List<Forcing> forcing,
            String gsmReplacement) {
        public boolean ucs2() {
            return encoding == Alphabet.UCS_2;
        }

        Encoding withParts(List<String> p) {
            return new Encoding(encoding, characters, units, p.size(), p, forcing, gsmReplacement);
        }
    }

    public static boolean isGsm(int codePoint) {
        return codePoint < 0x10000 && (BASIC.indexOf(codePoint) >= 0 && codePoint != 0x1b || EXTENSION.containsKey((char) codePoint));
    }

    /** Septets one GSM character takes (1 or 2), or 0 when it has no GSM code. */
    static int septets(int codePoint) {
        if (codePoint >= 0x10000) return 0;
        if (codePoint != 0x1b && BASIC.indexOf(codePoint) >= 0) return 1;
        return EXTENSION.containsKey((char) codePoint) ? 2 : 0;
    }

    public static Encoding analyse(String text) {
        String t = text == null ? "" : text;
        Map<Integer, int[]> forcing = new LinkedHashMap<>();
        t.codePoints().filter(cp -> septets(cp) == 0).forEach(cp -> forcing.computeIfAbsent(cp, k -> new int[1])[0]++);
        int characters = (int) t.codePoints().count();
        if (forcing.isEmpty()) {
            int units = t.codePoints().map(SmsText::septets).sum();
            return new Encoding(Alphabet.GSM_7, characters, units, 0, List.of(), List.of(), null).withParts(split(t, false));
        }
        List<Forcing> list = new ArrayList<>();
        boolean allReplaceable = true;
        for (var e : forcing.entrySet()) {
            String r = REPLACEMENTS.get(e.getKey());
            if (r == null) allReplaceable = false;
            list.add(new Forcing(Character.toString(e.getKey()), String.format("U+%04X", e.getKey()), e.getValue()[0], r));
        }
        return new Encoding(Alphabet.UCS_2, characters, t.length(), 0, List.of(), List.copyOf(list), allReplaceable ? toGsm(t) : null)
                .withParts(split(t, true));
    }

    /** The text with every character that has a GSM-7 replacement replaced (others kept). */
    public static String toGsm(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (septets(cp) > 0) b.appendCodePoint(cp);
            else b.append(REPLACEMENTS.getOrDefault(cp, Character.toString(cp)));
        });
        return b.toString();
    }

    /**
     * The text with the opt-out mention on its own line: {@code STOP au 36xxx}; a text that already
     * carries it is kept as it is.
     */
    public static String withOptOut(String text, String shortCode) {
        return withOptOut(text, shortCode, "STOP au " + shortCode);
    }

    /**
     * The text with {@code mention} (the opt-out mention in the recipient's language, issue 20) on its own line; a text
     * that already carries it, or the French {@code STOP au 36xxx}, is kept as it is.
     */
    public static String withOptOut(String text, String shortCode, String mention) {
        String t = text == null ? "" : text.stripTrailing();
        String folded = t.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        if (folded.contains(mention.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " "))
                || folded.contains(("STOP au " + shortCode).toLowerCase(java.util.Locale.ROOT))) return t;
        return t + (t.isEmpty() ? "" : "\n") + mention;
    }

    /** Splits into segments without cutting an extension character's escape or a surrogate pair. */
    static List<String> split(String t, boolean ucs2) {
        int single = ucs2 ? UCS2_SINGLE : GSM_SINGLE, part = ucs2 ? UCS2_PART : GSM_PART;
        int total = ucs2 ? t.length() : t.codePoints().map(SmsText::septets).sum();
        if (total <= single) return t.isEmpty() ? List.of() : List.of(t);
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int used = 0;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            int n = Character.charCount(cp);
            int cost = ucs2 ? n : septets(cp);
            if (used + cost > part) {
                parts.add(current.toString());
                current.setLength(0);
                used = 0;
            }
            current.appendCodePoint(cp);
            used += cost;
            i += n;
        }
        if (!current.isEmpty()) parts.add(current.toString());
        return List.copyOf(parts);
    }

    /** GSM 03.38 bytes, one septet per byte (unpacked, as SMPP carries data_coding 0). */
    public static byte[] gsmBytes(String t) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(t.length() + 8);
        t.codePoints().forEach(cp -> {
            int i = cp < 0x10000 && cp != 0x1b ? BASIC.indexOf(cp) : -1;
            if (i >= 0) {
                out.write(i);
            } else {
                Integer ext = cp < 0x10000 ? EXTENSION.get((char) cp) : null;
                if (ext == null) throw new IllegalArgumentException("no GSM 03.38 code for U+" + Integer.toHexString(cp));
                out.write(0x1b);
                out.write(ext);
            }
        });
        return out.toByteArray();
    }

    /** Decodes unpacked GSM 03.38 bytes (an MO message with data_coding 0). */
    public static String fromGsmBytes(byte[] b) {
        StringBuilder s = new StringBuilder(b.length);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0x7f;
            if (c == 0x1b && i + 1 < b.length) {
                int e = b[++i] & 0x7f;
                Character found = null;
                for (var x : EXTENSION.entrySet()) if (x.getValue() == e) found = x.getKey();
                s.append(found == null ? ' ' : found);
            } else {
                s.append(BASIC.charAt(c));
            }
        }
        return s.toString();
    }

    private static Map<Integer, String> replacements() {
        Map<Integer, String> m = new java.util.HashMap<>();
        String[][] pairs = {
            {"\u2019", "'"}, {"\u2018", "'"}, {"\u201A", "'"}, {"\u2032", "'"}, {"`", "'"}, {"´", "'"},
            {"\u201C", "\""}, {"\u201D", "\""}, {"\u201E", "\""}, {"«", "\""}, {"»", "\""},
            {"\u00A0", " "}, {"\u202F", " "}, {"\u2009", " "}, {"\u2007", " "}, {"\t", " "},
            {"\u2013", "-"}, {"\u2014", "-"}, {"\u2212", "-"}, {"\u2026", "..."}, {"\u2022", "-"},
            {"â", "a"}, {"á", "a"}, {"ã", "a"}, {"À", "A"}, {"Â", "A"}, {"Á", "A"},
            {"ê", "e"}, {"ë", "e"}, {"È", "E"}, {"Ê", "E"}, {"Ë", "E"},
            {"î", "i"}, {"ï", "i"}, {"í", "i"}, {"Î", "I"}, {"Ï", "I"},
            {"ô", "o"}, {"ó", "o"}, {"õ", "o"}, {"Ô", "O"}, {"œ", "oe"}, {"Œ", "OE"},
            {"û", "u"}, {"ú", "u"}, {"Û", "U"}, {"Ù", "U"}, {"ç", "c"}, {"ÿ", "y"}, {"Ÿ", "Y"},
            {"°", "o"}, {"\u20AC", "EUR"},
        };
        for (String[] p : pairs) m.put(p[0].codePointAt(0), p[1]);
        m.remove((int) '€'); // € is in the extension table: never forces UCS-2
        return Map.copyOf(m);
    }
}
