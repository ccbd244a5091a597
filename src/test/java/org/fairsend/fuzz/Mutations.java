package org.fairsend.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Mutations of real messages, as data (so that QuickTheories reports and shrinks them): byte flips, truncation, header
 * duplication, huge header lines, deeply nested multiparts, bogus charsets and transfer encodings, base64
 * garbage, missing boundaries, enormous numbers of recipients, NULs and line-ending mixes, and the repetitions
 * that make a backtracking regex slow or deep.
 */
public final class Mutations {

    /** The listener refuses bigger messages (fairsend.feedback.inbound.max-message-size, 10 MiB by default). */
    public static final int MAX_SIZE = 10 * 1024 * 1024;

    public enum Op {
        FLIP, TRUNCATE, DELETE, DUPLICATE_LINE, HUGE_LINE, NEST, BOGUS_CHARSET, BOGUS_ENCODING, BASE64_GARBAGE,
        DROP_BOUNDARY, MANY_RECIPIENTS, CONTROL_CHARS, LINE_ENDINGS, REPETITION, SPLICE
    }

    /** One mutation: what, where (any int, taken modulo the length) and how much. */
    public record Mutation(Op op, int at, int n) {}

    /** A mutated message; it reports as what was done, not as its bytes (a report would print megabytes). */
    public record Mutated(String origin, List<Mutation> mutations, byte[] bytes) {
        @Override
        public String toString() {
            return origin + " with " + mutations + " (" + bytes.length + " bytes)";
        }
    }

    private Mutations() {}

    /** One of {@code samples}, mutated. */
    public static Gen<Mutated> of(List<byte[]> samples) {
        return Generate.range(0, samples.size() - 1).zip(mutations(),
                (i, m) -> new Mutated("sample #" + i, m, apply(samples.get(i), m, samples)));
    }

    public static Gen<Mutation> mutation() {
        return Generate.enumValues(Op.class).zip(Gens.ints(0, Integer.MAX_VALUE, 0, 1, Integer.MAX_VALUE),
                Gens.ints(0, 100_000, 0, 1, 1000, 100_000), Mutation::new);
    }

    public static Gen<List<Mutation>> mutations() {
        return Gens.lists(mutation(), 1, 4);
    }

    private static final String[] CHARSETS = {"x-bogus", "utf-7", "", "\"", "unicode-1-1-utf-7", "utf-32", "x-user-defined",
            "iso-2022-jp", "GB18030", "us-ascii\u0000", "=?utf-8?q?x?=", "utf-16", "windows-1252; charset=koi8-r", "a".repeat(300)};
    private static final String[] ENCODINGS = {"base64", "quoted-printable", "x-uuencode", "uuencode", "binary", "8bit", "x-garbage",
            "base64; foo=bar", "", "quoted-printable\r\nContent-Transfer-Encoding: base64"};
    private static final String[] REPEATED = {"a.", "!", "quota ", "a@", "a-", "<", "@a.", "5.1.1 ", "550 ", "x-a: b\n", "re: ",
            "=?utf-8?b?", "\t ", "--", "=\r\n", "final-recipient: ", "\"", "a.b.c@", "..", "user unknown ", ">>> rcpt to:<a@b.c> <<< 550 "};

    public static byte[] apply(byte[] sample, List<Mutation> mutations, List<byte[]> others) {
        byte[] b = sample;
        for (Mutation m : mutations) {
            b = apply(b, m, others);
            if (b.length > MAX_SIZE) {
                b = java.util.Arrays.copyOf(b, MAX_SIZE);
            }
        }
        return b;
    }

    static byte[] apply(byte[] b, Mutation m, List<byte[]> others) {
        int len = b.length;
        int at = len == 0 ? 0 : m.at() % len;
        int n = m.n();
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return switch (m.op()) {
            case FLIP -> {
                if (len == 0) yield b;
                byte[] c = b.clone();
                c[at] ^= (byte) ((n & 0xff) | 1);
                yield c;
            }
            case TRUNCATE -> java.util.Arrays.copyOf(b, at);
            case DELETE -> {
                int end = Math.min(len, at + 1 + n % 4096);
                yield concat(slice(b, 0, at), slice(b, end, len));
            }
            case DUPLICATE_LINE -> {
                int start = s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                int end = s.indexOf('\n', at);
                end = end < 0 ? len : end + 1;
                String line = s.substring(start, end);
                if (line.isEmpty() || !line.endsWith("\n")) line += "\n";
                int times = Math.min(1 + n % 5000, Math.max(1, MAX_SIZE / 2 / line.length()));
                yield latin1(s.substring(0, end) + line.repeat(times) + s.substring(end));
            }
            case HUGE_LINE -> {
                int start = s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                String fill = REPEATED[n % REPEATED.length].replace("\n", "");
                if (fill.isEmpty()) fill = "x";
                String line = "X-Huge: " + fill.repeat(Math.max(1, (n * 10) / fill.length())) + "\r\n";
                yield latin1(s.substring(0, start) + line + s.substring(start));
            }
            case NEST -> latin1(nest(s, 1 + n % 1000));
            case BOGUS_CHARSET -> latin1(s.replaceAll("(?i)charset=(\"[^\"]*\"|[^;\\s]*)",
                    java.util.regex.Matcher.quoteReplacement("charset=\"" + CHARSETS[n % CHARSETS.length] + "\"")));
            case BOGUS_ENCODING -> {
                String e = ENCODINGS[n % ENCODINGS.length];
                String r = s.replaceAll("(?i)(content-transfer-encoding:)[^\r\n]*", "$1 " + java.util.regex.Matcher.quoteReplacement(e));
                if (r.equals(s)) { // none to replace: declare one on the top level
                    r = "Content-Transfer-Encoding: " + e + "\r\n" + s;
                }
                yield latin1(r);
            }
            case BASE64_GARBAGE -> {
                StringBuilder g = new StringBuilder();
                java.util.Random r = new java.util.Random(n);
                String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.!\r\n ";
                for (int i = 0; i < 1 + n % 20_000; i++) g.append(alphabet.charAt(r.nextInt(alphabet.length())));
                yield latin1(s.substring(0, at) + g + s.substring(at));
            }
            case DROP_BOUNDARY -> {
                java.util.regex.Matcher mb = java.util.regex.Pattern.compile("(?i)boundary=\"?([^\";\\s]+)\"?").matcher(s);
                if (!mb.find()) yield b;
                String boundary = mb.group(1);
                yield latin1(switch (n % 4) {
                    case 0 -> s.replace(mb.group(), "");                     // no boundary parameter
                    case 1 -> s.replace("--" + boundary + "--", "");         // no closing boundary
                    case 2 -> s.replace("--" + boundary, "--" + boundary + "x"); // no matching boundary
                    default -> s.replace(mb.group(), "boundary=\"\"");       // an empty one
                });
            }
            case MANY_RECIPIENTS -> {
                int count = 1 + n % 20_000;
                StringBuilder r = new StringBuilder();
                switch (n % 4) {
                    case 0 -> { for (int i = 0; i < count; i++) r.append("Final-Recipient: rfc822; user").append(i)
                            .append("@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user")
                            .append(i).append("@example.com: user unknown\r\n\r\n"); }
                    case 1 -> { for (int i = 0; i < count; i++) r.append("Original-Rcpt-To: user").append(i).append("@example.com\r\n"); }
                    case 2 -> { r.append("To: "); for (int i = 0; i < count; i++) r.append("user").append(i).append("@example.com, ");
                            r.append("\r\n"); }
                    default -> { for (int i = 0; i < count; i++) r.append("<user").append(i).append("@d").append(i % 97)
                            .append(".example>: 550 5.1.1 unknown user\r\n"); }
                }
                if (r.length() > MAX_SIZE / 2) r.setLength(MAX_SIZE / 2);
                yield latin1(s.substring(0, at) + r + s.substring(at));
            }
            case CONTROL_CHARS -> {
                byte[] c = b.clone();
                for (int i = 0; i < c.length && i < 1 + n % 64; i++) c[(at + i * 7919) % c.length] = (byte) (n % 2 == 0 ? 0 : (i % 32));
                yield c;
            }
            case LINE_ENDINGS -> latin1(switch (n % 3) {
                case 0 -> s.replace("\r\n", "\n").replace("\n", "\r\n");
                case 1 -> s.replace("\r\n", "\n").replace('\n', '\r');
                default -> s.replace("\r\n", "\n");
            });
            case REPETITION -> {
                String unit = REPEATED[n % REPEATED.length];
                String rep = unit.repeat(Math.min(1 + n, MAX_SIZE / 2 / unit.length()));
                yield latin1(s.substring(0, at) + rep + s.substring(at));
            }
            case SPLICE -> {
                if (others.isEmpty()) yield b;
                byte[] o = others.get(n % others.size());
                int from = o.length == 0 ? 0 : (n * 31) % o.length;
                yield concat(slice(b, 0, at), slice(o, from, o.length), slice(b, at, len));
            }
        };
    }

    /** The message wrapped in {@code depth} levels of multipart/mixed. */
    public static String nest(String message, int depth) {
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            head.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
            tail.insert(0, "\r\n--b" + i + "--\r\n");
        }
        return "From: MAILER-DAEMON@example.net\r\nMIME-Version: 1.0\r\n" + head + message + tail;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, Math.min(from, b.length), Math.min(Math.max(from, to), b.length));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
