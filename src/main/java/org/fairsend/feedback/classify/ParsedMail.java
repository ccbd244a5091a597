package org.fairsend.feedback.classify;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** One inbound message taken apart with Jakarta Mail: its headers, readable text, reports and the returned original. */
final class ParsedMail {

    private static final Session SESSION;

    static {
        Properties p = new Properties();
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        SESSION = Session.getInstance(p);
    }

    final Headers headers;
    /** Decoded text parts of the report itself, in order, without the returned original. */
    final List<String> texts = new Bounded();
    /** message/delivery-status bodies. */
    final List<String> deliveryStatus = new Bounded();
    /** message/feedback-report bodies. */
    final List<String> feedbackReports = new Bounded();
    /** Headers of the returned original message (message/rfc822 or text/rfc822-headers), when attached. */
    Headers original;
    /** The returned original (the first attached message/rfc822) as it came, for when it is itself a bounce. */
    String originalRaw;
    /** Content-Type of the top level, lower-cased. */
    final String contentType;
    final String raw;

    private ParsedMail(byte[] message) {
        // the first MAX_MIME bytes: a report's parts come first, and the returned original is read for its headers
        byte[] bytes = message.length > ParseLimits.MAX_MIME ? java.util.Arrays.copyOf(message, ParseLimits.MAX_MIME) : message;
        this.raw = new String(bytes, StandardCharsets.ISO_8859_1);
        MimeMessage mime = null;
        Headers h;
        try {
            mime = new MimeMessage(SESSION, new jakarta.mail.util.SharedByteArrayInputStream(bytes));
            h = Headers.of(mime.getAllHeaders());
        } catch (Exception e) {
            h = Headers.parse(raw);
        }
        this.headers = h;
        String ct = headers.first("content-type");
        this.contentType = ct == null ? "text/plain" : ct.toLowerCase(Locale.ROOT);
        if (mime != null) {
            try {
                walk(mime, 0);
            } catch (Exception e) {
                texts.clear();
            }
        }
        if (texts.isEmpty() && deliveryStatus.isEmpty() && feedbackReports.isEmpty()) {
            int body = bodyStart(raw);
            texts.add(body < 0 ? "" : raw.substring(body));
        }
    }

    static ParsedMail parse(byte[] bytes) {
        return new ParsedMail(bytes);
    }

    /** All readable text of the report, joined. */
    String text() {
        return String.join("\n", texts);
    }

    private void walk(Part part, int depth) throws Exception {
        // the corpus nests multiparts 3 deep at most; each level costs Jakarta Mail a scan of all it holds for its
        // boundary (issue 13: 8 levels of one-letter boundaries round 9 MB took 6 s)
        if (depth > ParseLimits.MAX_DEPTH) {
            return;
        }
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            Object content = part.getContent();
            if (content instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart bp = mp.getBodyPart(i);
                    try {
                        walk(bp, depth + 1);
                    } catch (Exception e) {
                        // a damaged part: keep what it holds as text
                        texts.add(readRaw(bp));
                    }
                }
            } else {
                texts.add(readRaw(part));
            }
        } else if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
            deliveryStatus.add(readRaw(part));
        } else if (type.equals("message/feedback-report")) {
            feedbackReports.add(readRaw(part));
        } else if (type.equals("message/rfc822") || type.equals("message/global") || type.equals("text/rfc822-headers")
                || type.equals("message/rfc822-headers") || type.equals("message/global-headers")) {
            if (original == null) {
                String enclosed = readRaw(part);
                original = Headers.parse(enclosed);
                if (type.equals("message/rfc822") || type.equals("message/global")) {
                    originalRaw = enclosed;
                }
            }
        } else if (type.startsWith("text/") || type.equals("message/partial") || type.isEmpty()) {
            if (depth > 0 && type.equals("text/html") && !texts.isEmpty()) {
                return; // the plain alternative is already there
            }
            String t = ParseLimits.cut(readText(part));
            if (type.equals("text/html")) {
                // "<[^<>]*>", not "<[^>]+>": a run of "<" without ">" made the latter quadratic (issue 13, fuzzing)
                t = t.replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n").replaceAll("<[^<>]*>", " ")
                        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            }
            texts.add(t);
        } else if (type.equals("application/json")) {
            texts.add(readText(part));
        }
    }

    private static String baseType(Part part) {
        try {
            String ct = part.getContentType();
            if (ct == null) {
                return "text/plain";
            }
            try {
                return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
            } catch (Exception e) {
                String s = ct.toLowerCase(Locale.ROOT).trim();
                int semi = s.indexOf(';');
                return (semi < 0 ? s : s.substring(0, semi)).trim();
            }
        } catch (Exception e) {
            return "text/plain";
        }
    }

    /*
     * The decoders may overflow the stack: Angus Mail's QPDecoderStream reads past each quoted-printable soft line
     * break ("=" CR) by calling itself, one frame per break (issue 13, bench/fuzz). The error is thrown inside the
     * decoder reading an in-memory part, and the stack is unwound to here: the part is then read as it came.
     */
    private static String readText(Part part) {
        try {
            Object c = part.getContent();
            if (c instanceof String s) {
                return s;
            }
        } catch (Exception | StackOverflowError e) {
            // fall through to the bytes
        }
        try (InputStream in = part.getInputStream()) {
            byte[] b = in.readAllBytes();
            return new String(b, charsetOf(part));
        } catch (Exception | StackOverflowError e) {
            return readRaw(part);
        }
    }

    private static Charset charsetOf(Part part) {
        try {
            String cs = new ContentType(part.getContentType()).getParameter("charset");
            if (cs != null) {
                return Charset.forName(MimeUtility.javaCharset(cs));
            }
        } catch (Exception e) {
            // unknown charset
        }
        return StandardCharsets.UTF_8;
    }

    /** The decoded bytes of a part as text (reports are ASCII; originals may be anything). */
    private static String readRaw(Part part) {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception | StackOverflowError e) { // see readText
            if (!(part instanceof jakarta.mail.internet.MimeBodyPart body)) {
                return "";
            }
            try (InputStream in = body.getRawInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e2) {
                return "";
            }
        }
    }

    /**
     * Parts of one kind, kept up to {@link ParseLimits#MAX_TEXT} characters in all: a message of thousands of parts
     * or of one huge part costs the classifier no more than a large report (issue 13).
     */
    private static final class Bounded extends ArrayList<String> {
        private int left = ParseLimits.MAX_TEXT;

        @Override
        public boolean add(String s) {
            if (left <= 0) {
                return false;
            }
            String kept = s.length() <= left ? s : s.substring(0, left);
            left -= kept.length();
            return super.add(kept);
        }

        @Override
        public void clear() {
            super.clear();
            left = ParseLimits.MAX_TEXT;
        }
    }

    static int bodyStart(String s) {
        int a = s.indexOf("\r\n\r\n");
        int b = s.indexOf("\n\n");
        if (a < 0) {
            return b < 0 ? -1 : b + 2;
        }
        if (b < 0 || a < b) {
            return a + 4;
        }
        return b + 2;
    }

    /** A block of headers, case-insensitive, in order, with MIME-encoded words decoded. */
    static final class Headers {
        private static final java.util.regex.Pattern FOLD = java.util.regex.Pattern.compile("\r?\n[ \t]+");
        private final List<String[]> entries;

        private Headers(List<String[]> entries) {
            this.entries = entries;
        }

        static Headers of(Enumeration<jakarta.mail.Header> all) {
            List<String[]> list = new ArrayList<>();
            while (all.hasMoreElements() && list.size() < ParseLimits.MAX_HEADERS) {
                jakarta.mail.Header h = all.nextElement();
                list.add(new String[] {h.getName().toLowerCase(Locale.ROOT), decode(h.getValue())});
            }
            return new Headers(list);
        }

        /** Parses a header block (and ignores the body after it). */
        static Headers parse(String text) {
            try {
                String s = text.replaceFirst("^\\s+", "");
                InternetHeaders ih = new InternetHeaders(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), true);
                List<String[]> list = new ArrayList<>();
                Enumeration<jakarta.mail.Header> e = ih.getAllHeaders();
                while (e.hasMoreElements() && list.size() < ParseLimits.MAX_HEADERS) {
                    jakarta.mail.Header h = e.nextElement();
                    if (h.getName() != null && !h.getName().isBlank() && h.getValue() != null) {
                        list.add(new String[] {h.getName().trim().toLowerCase(Locale.ROOT), decode(h.getValue())});
                    }
                }
                return new Headers(list);
            } catch (Exception e) {
                return new Headers(List.of());
            }
        }

        static Headers empty() {
            return new Headers(List.of());
        }

        String first(String name) {
            for (String[] e : entries) {
                if (e[0].equals(name)) {
                    return e[1];
                }
            }
            return null;
        }

        List<String> all(String name) {
            List<String> out = new ArrayList<>();
            for (String[] e : entries) {
                if (e[0].equals(name)) {
                    out.add(e[1]);
                }
            }
            return out;
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }

        private static String decode(String v) {
            if (v == null) {
                return null;
            }
            String unfolded = FOLD.matcher(v).replaceAll(" ").trim();
            try {
                return MimeUtility.decodeText(unfolded);
            } catch (IOException | RuntimeException e) {
                return unfolded;
            }
        }
    }
}
