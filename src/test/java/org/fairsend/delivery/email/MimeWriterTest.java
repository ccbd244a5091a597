package org.fairsend.delivery.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body's quoted-printable (RFC 2045): Jakarta Mail's decoder gives the text back, lines stay within 76. */
class MimeWriterTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Bonjour", "Pain au levain = 3 € ; crème brûlée, œufs, naïve café.\nDeux lignes.\n",
            "trailing space \ntrailing tab\t\nend with space ", "=====\r\n\r\n<p style=\"color:#555\">x</p>", "ünïcödé 🍞 日本語のテキスト"})
    void decodesToTheTextWithShortLines(String text) throws Exception {
        roundTrip(text);
    }

    @org.junit.jupiter.api.Test
    void randomTextsOfEveryLengthRoundTrip() throws Exception {
        Random r = new Random(16);
        String alphabet = "abc XYZ=\t\n€é🍞.;:<>\"'";
        for (int k = 0; k < 300; k++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(400);
            for (int i = 0; i < len; i++) b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, r.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            roundTrip(b.toString());
        }
    }

    private static void roundTrip(String text) throws Exception {
        MimeWriter w = new MimeWriter(64);
        w.quotedPrintable(text);
        byte[] encoded = w.body("", null);
        String all = new String(encoded, StandardCharsets.US_ASCII);
        // the body written after the headers of an empty text part: take the first encoding (ours) only
        String qp = all.substring(0, all.indexOf("MIME-Version:"));
        for (String line : qp.split("\r\n", -1)) assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
        assertThat(qp).doesNotContain("\n\n").matches("(?s)[\\x20-\\x7e\\r\\n\\t]*");
        String decoded = new String(MimeUtility.decode(new ByteArrayInputStream(qp.getBytes(StandardCharsets.US_ASCII)), "quoted-printable")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo(text.replace("\r", "").replace("\n", "\r\n"));
    }

    /** Issue 17: header text in encoded-words of our own; Jakarta Mail decodes every one back, lines stay within 78. */
    @org.junit.jupiter.api.Test
    void subjectsAndDisplayNamesDecodeBackWithShortLines() throws Exception {
        Random r = new Random(17);
        String alphabet = "abc XYZ=?_\"'<>,;:éèàçœ€🍞日本";
        for (int k = 0; k < 500; k++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + r.nextInt(k % 5 == 0 ? 300 : 40);
            for (int i = 0; i < len; i++) b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, r.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            String text = b.toString().strip();
            if (text.isEmpty()) continue;
            String subject = header(new MimeWriter(64).textHeader("Subject", text), "Subject");
            assertThat(MimeUtility.decodeText(subject)).as(text).isEqualTo(text);
            String from = header(new MimeWriter(64).address("From", "lettre@boulangerie.example", text), "From");
            jakarta.mail.internet.InternetAddress a = jakarta.mail.internet.InternetAddress.parseHeader(from, true)[0];
            assertThat(a.getAddress()).isEqualTo("lettre@boulangerie.example");
            assertThat(a.getPersonal()).as(text).isEqualTo(text);
        }
    }

    /** The unfolded value of the only header written, every physical line checked to be at most 78 characters. */
    private static String header(MimeWriter w, String name) {
        String all = new String(w.body("", null), StandardCharsets.US_ASCII);
        String head = all.substring(0, all.indexOf("MIME-Version:"));
        for (String line : head.split("\r\n")) assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        return head.substring(name.length() + 2).replaceAll("\r\n(?=[ \t])", "").strip();
    }
}
