package org.fairsend.content.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header values that would let a writer add headers or recipients: CR, LF, NUL and other control
 * characters (TAB excepted), Unicode line separators, also once RFC 2047 encoded-words
 * ({@code =?utf-8?B?...?=}, {@code =?utf-8?Q?...?=}) are decoded.
 */
final class Headers {

    private Headers() {}

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    /** What is wrong with the value, or empty when it is a safe single-line header value. */
    static Optional<String> injection(String value) {
        if (value == null || value.isEmpty()) return Optional.empty();
        Optional<String> raw = control(value);
        if (raw.isPresent()) return raw;
        String decoded = decode(value);
        return control(decoded).map(c -> c + " once its RFC 2047 encoded-words are decoded");
    }

    private static Optional<String> control(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') continue;
            if (c == '\r' || c == '\n') return Optional.of("a line break (" + code(c) + ")");
            if (c == 0) return Optional.of("a NUL character (U+0000)");
            if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                return Optional.of("a control character (" + code(c) + ")");
            }
        }
        return Optional.empty();
    }

    private static String code(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    /** The value with each well-formed encoded-word replaced by its text (charset errors leave it as is). */
    static String decode(String value) {
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String text;
            try {
                String cs = m.group(1);
                int star = cs.indexOf('*'); // RFC 2231 language suffix
                Charset charset = Charset.forName(star >= 0 ? cs.substring(0, star) : cs);
                byte[] bytes = m.group(2).equalsIgnoreCase("b") ? Base64.getMimeDecoder().decode(m.group(3)) : qDecode(m.group(3));
                text = new String(bytes, charset);
            } catch (IllegalArgumentException e) {
                text = m.group();
            }
            m.appendReplacement(b, Matcher.quoteReplacement(text));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static byte[] qDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') out.write(' ');
            else if (c == '=' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else out.write(c & 0xff);
        }
        return out.toByteArray();
    }
}
