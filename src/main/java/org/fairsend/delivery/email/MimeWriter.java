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
 * recipient costs a service-loader look-up per part. Header words are encoded with Jakarta Mail's
 * {@link MimeUtility} (RFC 2047); lines end in CRLF; no line exceeds 76 characters in the bodies.
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
        try {
            String encoded = MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(text, "UTF-8", "Q"));
            return header(name, encoded);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    MimeWriter address(String name, String address, String personal) {
        try {
            InternetAddress a = personal == null || personal.isBlank() ? new InternetAddress(address)
                    : new InternetAddress(address, personal, "UTF-8");
            return header(name, MimeUtility.fold(name.length() + 2, a.toString()));
        } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("invalid address " + address, e);
        }
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
