package org.fairsend.feedback.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fairsend.fuzz.Fuzz;
import org.fairsend.fuzz.Gens;
import org.fairsend.fuzz.Mutations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Issue 13: the bounce classifier (MIME, RFC 3464 DSN, RFC 5965 ARF, MTA text, SES JSON) on arbitrary bytes and on
 * mutated messages of the shared corpus returns normally, within {@link Fuzz#BOUND}, whatever it is given: the
 * inbound listener and the webhooks call it inline. Each property is a JUnit test with {@link Fuzz#TRIES} tries;
 * {@code bench/fuzz} runs the same properties far longer.
 */
@Tag("fuzz")
class ClassifierFuzzTest {

    static final List<byte[]> SAMPLES = load();

    private final BounceClassifier classifier = new BounceClassifier();

    private static List<byte[]> load() {
        Path dir = Corpus.bounces().resolve("eml");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().map(f -> {
                try {
                    return Files.readAllBytes(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the bounce corpus beside the project (" + dir + ")", e);
        }
    }

    /**
     * Loads and compiles what the classifier uses (Jakarta Mail, Jackson, the phrase list, the JIT's first pass) by
     * classifying the corpus once: the time bound is about the inputs, not about a cold JVM.
     */
    @BeforeAll
    static void warmUp() {
        BounceClassifier c = new BounceClassifier();
        for (byte[] s : SAMPLES) {
            c.classify(s);
        }
        c.classifyNotification("{\"notificationType\":\"Bounce\"}");
    }

    List<Classification> classify(byte[] raw) {
        List<Classification> out = Fuzz.bounded("classify", raw, () -> classifier.classify(raw));
        assertThat(out).isNotNull().allSatisfy(c -> {
            assertThat(c.kind()).isNotNull();
            assertThat(c.format()).isNotNull();
        });
        return out;
    }

    @Test
    void arbitraryBytes() {
        Fuzz.forAll("classifier-bytes", Gens.bytes(8192), this::classify);
    }

    @Test
    void mutatedCorpusMessages() {
        Fuzz.forAll("classifier-mutated", Mutations.of(SAMPLES), message -> classify(message.bytes()));
    }

    @Test
    void messagesBuiltFromReportFragments() {
        Fuzz.forAll("classifier-fragments", fragments(), message -> classify(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void arbitraryText() {
        Fuzz.forAll("classifier-text", Gens.strings(5000), this::text);
    }

    void text(String text) {
        classify(text.getBytes(StandardCharsets.UTF_8));
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        Fuzz.bounded("reasons", raw, () -> {
            Reasons.fromText(text);
            Reasons.stage(text);
            Reasons.firstStatus(text);
            Reasons.firstReplyCode(text);
            Addresses.all(text);
            Addresses.fromTyped(text);
            TextBounces.find(text, java.util.Set.of());
            DeliveryStatus.parse(text).forEach(r -> {
                r.address();
                r.status();
                r.diagnostic();
                r.action();
            });
            return classifier.classifyReply("a@b.example", null, text);
        });
    }

    @Test
    void sesNotifications() {
        Fuzz.forAll("classifier-ses-json", json(), this::notification);
    }

    void notification(String json) {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        List<Classification> out = Fuzz.bounded("ses-json", raw, () -> classifier.classifyNotification(json));
        assertThat(out).isNotNull();
    }

    /** Pieces of real reports, in any order and number: the shapes the parsers look for, rearranged. */
    static Gen<String> fragments() {
        Gen<String> piece = Gens.oneOf(
                Gens.of("From: MAILER-DAEMON@mx.example\r\n", "To: bounce-123@bounces.example\r\n", "Subject: Undelivered Mail\r\n",
                        "Subject: unsubscribe\r\n", "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n",
                        "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n", "MIME-Version: 1.0\r\n",
                        "X-Failed-Recipients: ", "\r\n", "\r\n\r\n", "--b\r\n", "--b--\r\n", "Content-Type: message/delivery-status\r\n\r\n",
                        "Content-Type: message/feedback-report\r\n\r\n", "Content-Type: message/rfc822\r\n\r\n",
                        "Content-Type: text/rfc822-headers\r\n\r\n", "Content-Type: text/html\r\n\r\n<p>", "Feedback-Type: abuse\r\n",
                        "User-Agent: x/1\r\nVersion: 1\r\n", "Original-Rcpt-To: ", "Final-Recipient: rfc822; ", "Original-Recipient: rfc822;",
                        "Action: failed\r\n", "Action: delayed\r\n", "Action: delivered\r\n", "Status: 5.1.1\r\n", "Status: 4.2.2\r\n",
                        "Diagnostic-Code: smtp; 550 5.1.1 ", "Message-ID: <1.x@fairsend.example>\r\n", "Return-Path: <b-1-x@bounces.example>\r\n",
                        "Received: from a by b\r\n", "Date: Mon, 1 Jan 2024 00:00:00 +0000\r\n", "  folded continuation\r\n",
                        "This is a copy of the message\r\n", "------ Original message ------\r\n", "Begin forwarded message:\r\n",
                        "> ", ">>> RCPT TO:<a@b.example>\r\n<<< 550 5.1.1 user unknown\r\n", "in reply to RCPT TO command\r\n",
                        "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":[{\"emailAddress\":\"",
                        "\"}]},\"mail\":{\"messageId\":\"x\"}}", "quota exceeded mailbox full ", "=?utf-8?b?", "?=", "=?x-bogus?q?=ZZ?=",
                        "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n", "=\r\n", "=4", "\u0000"),
                Gens.strings('a', 'z', 12).map(s -> s + "@" + s + ".example"),
                Gens.strings(40));
        return Gens.lists(piece, 0, 80).map(l -> String.join("", l));
    }

    /** SES and SNS notification bodies: real shapes, with arbitrary values, truncated or doubled at times. */
    static Gen<String> json() {
        Gen<String> value = Gens.oneOf(Gens.strings(30).map(Fuzz::jsonString),
                Gens.of("null", "1", "-1e999", "[]", "{}", "true", "\"Bounce\"", "\"Complaint\"", "\"Delivery\"",
                        "\"Permanent\"", "\"Transient\"", "\"a@b.example\"", "[{\"emailAddress\":\"a@b.example\"}]"));
        Gen<String> ses = Gens.lists(value, 6, 6).map(v -> ses(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5)));
        Gen<String> wrapped = ses.map(s -> "{\"Type\":\"Notification\",\"Message\":" + Fuzz.jsonString(s) + "}");
        Gen<String> cut = Gens.oneOf(ses, wrapped).zip(Gens.ints(0, 2000),
                (s, n) -> n % 3 == 0 ? s.substring(0, Math.min(s.length(), n)) : n % 3 == 1 ? s + s : "[" + s + "]");
        Gen<String> deep = Gens.ints(1, 5000, 1, 5000).map(n -> "{\"notificationType\":" + "[".repeat(n) + "]".repeat(n) + "}");
        return Gens.oneOf(ses, wrapped, cut, deep, Gens.strings(200).map(s -> "{\"eventType\":" + s + "}"));
    }

    static String ses(String type, String bt, String st, String rcpt, String mail, String diag) {
        return "{\"notificationType\":" + type + ",\"eventType\":" + type + ",\"bounce\":{\"bounceType\":" + bt + ",\"bounceSubType\":" + st
                + ",\"bouncedRecipients\":[{\"emailAddress\":" + rcpt + ",\"diagnosticCode\":" + diag + ",\"status\":" + diag + "}]},"
                + "\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":" + rcpt + "}],\"complaintFeedbackType\":" + st + "},"
                + "\"delivery\":{\"recipients\":[" + rcpt + "],\"smtpResponse\":" + diag + "},"
                + "\"mail\":{\"messageId\":" + mail + ",\"source\":" + rcpt + ",\"headers\":[{\"name\":\"Message-ID\",\"value\":" + mail + "}]}}";
    }
}
