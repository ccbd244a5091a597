package org.fairsend.feedback.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fairsend.fuzz.Fuzz;
import org.fairsend.fuzz.Mutations;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: every input the fuzz properties ({@link ClassifierFuzzTest}) found to crash, hang or overflow the
 * classifier, reduced to its smallest form, each a named regression test. Each call must return within
 * {@link Fuzz#BOUND} on a thread with half the usual stack (an SMTP session and a webhook call it inline).
 */
class ClassifierCrashersTest {

    private final BounceClassifier classifier = new BounceClassifier();

    @org.junit.jupiter.api.BeforeAll
    static void warmUp() {
        ClassifierFuzzTest.warmUp();
    }

    private List<Classification> classify(String name, String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        return Fuzz.bounded(name, raw, () -> classifier.classify(raw));
    }

    private static String bounce(String body) {
        return "From: MAILER-DAEMON@mx.example.net\r\nTo: bounce@bounces.example\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\n"
                + body;
    }

    @Test
    void anSesNotificationWhoseTypeIsAnArrayIsNotOne() {
        // threw JsonNodeException ("'ArrayNode' method asString() cannot coerce value")
        assertThat(Fuzz.bounded("ses", new byte[0], () -> classifier.classifyNotification("{\"notificationType\":[]}"))).isEmpty();
        assertThat(Fuzz.bounded("ses", new byte[0], () -> classifier.classifyNotification(
                "{\"notificationType\":\"Bounce\",\"bounce\":{\"bouncedRecipients\":[[1],{\"emailAddress\":{}},\"a@b.example\"]},"
                        + "\"mail\":{\"messageId\":[],\"source\":{}}}")))
                .hasSize(3).allSatisfy(c -> assertThat(c.recipient()).isNull());
        List<Classification> mailed = classify("ses-in-mail", "Subject: x\r\n\r\n{\"notificationType\":{\"a\":1},\"eventType\":[[]]}");
        assertThat(mailed).isNotEmpty();
    }

    @Test
    void aLongRunOfDottedLabelsDoesNotOverflowTheStack() {
        // StackOverflowError: "(?:[a-z0-9-]+\.)+" (the host_unknown phrase) and the address pattern recursed once per label
        String dots = "a.".repeat(100_000);
        assertThat(classify("dots", bounce(dots + " does not exist\r\n"))).isNotEmpty();
        assertThat(classify("dots-address", bounce("<x@" + dots + "com>: 550 5.1.1 user unknown\r\n"))).isNotEmpty();
        assertThat(classify("dots-local", bounce(dots + "@example.com: 550 5.1.1 user unknown\r\n"))).isNotEmpty();
    }

    @Test
    void aRepeatedQuotaIsNotQuadratic() {
        // "\bquota\b.*\b(full|reached|limit)" scanned to the end of the text from every "quota": minutes
        assertThat(classify("quota", bounce("<a@b.example>: 552 " + "quota ".repeat(40_000) + "\r\n"))).isNotEmpty();
        // the phrase itself still decides
        assertThat(classify("quota-full", bounce("<a@b.example>: 552 quota for this mailbox is full\r\n")))
                .singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("mailbox_full"));
    }

    @Test
    void aLongRunOfAddressCharactersIsTriedOnce() {
        // the address pattern started again at every "!" of the run (not excluded before an address): quadratic
        assertThat(classify("bangs", bounce("!".repeat(200_000) + "\r\n"))).isNotEmpty();
        assertThat(classify("bangs-at", bounce("!".repeat(200_000) + "@example.com\r\n"))).isNotEmpty();
    }

    @Test
    void anHtmlPartOfUnclosedTagsIsNotQuadratic() {
        // "<[^>]+>" from every "<" to the end of the part
        String html = "From: MAILER-DAEMON@mx.example.net\r\nSubject: Delivery failure\r\nContent-Type: text/html\r\n\r\n"
                + "<".repeat(300_000);
        assertThat(classify("html", html)).isNotEmpty();
    }

    @Test
    void aReportNamingThousandsOfRecipientsIsBounded() {
        // each recipient's lines were found by scanning every line against every other recipient: recipients^2 x lines
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            body.append("<user").append(i).append("@d").append(i % 97).append(".example>: 550 5.1.1 unknown user\r\n");
        }
        List<Classification> found = classify("recipients", bounce(body.toString()));
        assertThat(found).hasSizeBetween(1, ParseLimits.MAX_RECIPIENTS);
        assertThat(found.getFirst().recipient()).isEqualTo("user0@d0.example");
        assertThat(found.getFirst().kind()).isEqualTo(Kind.HARD);
    }

    @Test
    void aDsnOfThousandsOfRecipientsIsBounded() {
        StringBuilder ds = new StringBuilder("Reporting-MTA: dns; mx.example.net\r\n\r\n");
        for (int i = 0; i < 20_000; i++) {
            ds.append("Final-Recipient: rfc822; user").append(i).append("@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                    .append("Diagnostic-Code: smtp; 550 5.1.1 user").append(i).append("@example.com: user unknown\r\n\r\n");
        }
        String dsn = "From: MAILER-DAEMON@mx.example.net\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nDelivery failed.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n" + ds
                + "--b--\r\n";
        List<Classification> found = classify("dsn-recipients", dsn);
        assertThat(found).hasSizeBetween(1, ParseLimits.MAX_RECIPIENTS);
        assertThat(found.getFirst().recipient()).isEqualTo("user0@example.com");
        assertThat(found.getFirst().kind()).isEqualTo(Kind.HARD);
    }

    @Test
    void nestedMultipartsWithOneLetterBoundariesAreBounded() {
        // bench/fuzz, 2 MB mutated messages: each level of multipart cost Jakarta Mail a scan of all it held, in steps
        // of the boundary's length; 8 levels of one-letter boundaries round 9 MB took 6 s
        StringBuilder head = new StringBuilder("From: MAILER-DAEMON@mx.example.net\r\nMIME-Version: 1.0\r\n");
        StringBuilder tail = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            char b = (char) ('a' + i);
            head.append("Content-Type: multipart/mixed; boundary=\"").append(b).append("\"\r\n\r\n--").append(b).append("\r\n");
            tail.insert(0, "\r\n--" + b + "--\r\n");
        }
        String text = "Content-Type: text/plain\r\n\r\n<a@b.example>: 550 5.1.1 user unknown\r\n" + "lorem ipsum dolor sit amet\r\n".repeat(330_000);
        assertThat(classify("nested-short-boundaries", head + text + tail)).isNotEmpty();
    }

    @Test
    void aMillionHeaderLinesAreBounded() {
        // bench/fuzz, "=" and a bare CR repeated in a header: every line a header field, each unfolded with a regex
        // compiled for it, and looked through field by field for each header the classifier reads
        assertThat(classify("headers", "X-Huge: " + "=\r".repeat(1_000_000) + "\r\n" + bounce("<a@b.example>: 550 5.1.1 user unknown\r\n")))
                .isNotEmpty();
    }

    @Test
    void aThousandNestedMultipartsAndAHugeHeaderLine() {
        String dsn = bounce("<a@b.example>: 550 5.1.1 user unknown\r\n");
        assertThat(classify("nested", Mutations.nest(dsn, 1000))).isNotEmpty();
        assertThat(classify("huge-header", "X-Huge: " + "x".repeat(5_000_000) + "\r\n" + dsn)).isNotEmpty();
        assertThat(classify("huge-body", bounce("<a@b.example>: 550 5.1.1 user unknown\r\n" + "y ".repeat(4_000_000))))
                .singleElement().satisfies(c -> assertThat(c.recipient()).isEqualTo("a@b.example"));
    }

    @Test
    void aLongRunOfSoftLineBreaksInAQuotedPrintablePartDoesNotOverflowTheStack() {
        // bench/fuzz (QuickTheories: a corpus ARF with a huge line of "=\r" in its quoted-printable part): Angus Mail's
        // QPDecoderStream reads past each soft line break by calling itself, one frame per "=" CR: StackOverflowError
        for (String soft : List.of("=\r", "=\r\n", "= \r\n")) {
            String body = "<a@b.example>: 550 5.1.1 user unknown\r\n" + soft.repeat(40_000) + "x\r\n";
            String qp = "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + body + "--b--\r\n";
            assertThat(classify("qp-soft-breaks", "From: MAILER-DAEMON@mx.example.net\r\n" + qp)).as(soft)
                    .singleElement().satisfies(c -> assertThat(c.recipient()).isEqualTo("a@b.example"));
            assertThat(classify("qp-soft-breaks-top", "Content-Transfer-Encoding: quoted-printable\r\n" + bounce(body))).as(soft)
                    .isNotEmpty();
        }
    }
}
