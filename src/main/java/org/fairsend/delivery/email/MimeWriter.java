package org.fairsend.delivery.email;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a multipart/alternative message (text and HTML, quoted-printable, UTF-8) straight to bytes: the
 * hot path of a campaign renders thousands of messages a second, and building a {@code MimeMessage} per
 * recipient costs a service-loader look-up per part. Header text that is not plain ASCII is written as B-encoded
 * words (RFC 2047) of our own, for the same reason; lines end in CRLF; no line exceeds 76 characters in the bodies.
 */
final class MimeWriter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out;

    MimeWriter(int sizeHint) {
        out = new ByteArrayOutputStream(sizeHint);
    }

    /** A header whose value is already ASCII (addresses, ids, URLs); folded at ", " when long. */
    MimeWriter header(String name, String asciiValue) {
        String line = name + ": " + asciiValue;
        if (line.length() > 78 && asciiValue.contains(", ")) line = name + ": " + asciiValue.replace(", ", ",\r\n ");
        ascii(line);
        ascii("\r\n");
        return this;
    }

    /** A header holding text: RFC 2047 encoded-words when it is not plain ASCII, folded. */
    MimeWriter textHeader(String name, String text) {
        return header(name, plain(text) ? MimeUtility.fold(name.length() + 2, text) : encodedWords(text));
    }

    MimeWriter address(String name, String address, String personal) {
        try {
            if (personal != null && !personal.isBlank() && !plain(personal)) {
                // the display name in encoded-words of our own (issue 17: Jakarta Mail's encoder looks its stream
                // provider up through the ServiceLoader on every call); the address as Jakarta Mail checks it
                String checked = new InternetAddress(address).getAddress();
                return header(name, encodedWords(personal) + "\r\n <" + checked + ">");
            }
            InternetAddress a = personal == null || personal.isBlank() ? new InternetAddress(address)
                    : new InternetAddress(address, personal, "UTF-8");
            return header(name, MimeUtility.fold(name.length() + 2, a.toString()));
        } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("invalid address " + address, e);
        }
    }

    /** Printable ASCII that no decoder would take for an encoded-word: written as it is. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return !text.contains("=?");
    }

    /** Bytes of UTF-8 per encoded-word: 56 base64 characters, 68 with the delimiters, so a header line stays within 78. */
    private static final int WORD_BYTES = 42;

    /**
     * RFC 2047 B-encoded words of UTF-8 text, each holding whole characters (a character is never split across two
     * words), separated by folding whitespace (which decoders drop between encoded-words).
     */
    static String encodedWords(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        StringBuilder out = new StringBuilder(utf8.length * 2);
        int start = 0;
        while (start < utf8.length) {
            int end = Math.min(start + WORD_BYTES, utf8.length);
            // back to the start of a character: continuation bytes are 10xxxxxx
            while (end < utf8.length && end > start && (utf8[end] & 0xc0) == 0x80) end--;
            if (out.length() > 0) out.append("\r\n ");
            out.append("=?UTF-8?B?").append(b64.encodeToString(java.util.Arrays.copyOfRange(utf8, start, end))).append("?=");
            start = end;
        }
        return out.toString();
    }

    MimeWriter date(Instant at) {
        return header("Date", DATE.format(at.atOffset(ZoneOffset.UTC)));
    }

    /** The body: text, and HTML when there is some, as multipart/alternative. Ends the message. */
    byte[] body(String text, String html) {
        header("MIME-Version", "1.0");
        if (html == null || html.isBlank()) {
            header("Content-Type", "text/plain; charset=UTF-8");
            header("Content-Transfer-Encoding", "quoted-printable");
            ascii("\r\n");
            quotedPrintable(text);
            return out.toByteArray();
        }
        String boundary = "=_fs_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        ascii("\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        quotedPrintable(text);
        ascii("\r\n--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        quotedPrintable(html);
        ascii("\r\n--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /**
     * RFC 2045 quoted-printable of UTF-8 text: line breaks become CRLF, soft breaks keep lines within 76. Encoded into
     * one array written at once (a byte at a time into the stream would take its lock per byte: issue 17's profile).
     */
    void quotedPrintable(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        // at most 3 bytes per input byte, plus a 3-byte soft break per 25 input bytes
        byte[] e = new byte[b.length * 4 + 16];
        int n = 0;
        int col = 0;
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '\r') continue;
            if (c == '\n') {
                e[n++] = '\r';
                e[n++] = '\n';
                col = 0;
                continue;
            }
            boolean lineEnd = i + 1 >= b.length || b[i + 1] == '\n' || b[i + 1] == '\r';
            boolean literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !lineEnd);
            int width = literal ? 1 : 3;
            if (col + width > 75) {
                e[n++] = '=';
                e[n++] = '\r';
                e[n++] = '\n';
                col = 0;
            }
            if (literal) {
                e[n++] = (byte) c;
            } else {
                e[n++] = '=';
                e[n++] = HEX[c >> 4];
                e[n++] = HEX[c & 0xf];
            }
            col += width;
        }
        out.write(e, 0, n);
    }

    private void ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
