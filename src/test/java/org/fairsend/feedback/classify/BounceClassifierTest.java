package org.fairsend.feedback.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One synthetic message per rule family, written for these tests (no corpus file). */
class BounceClassifierTest {

    private final BounceClassifier classifier = new BounceClassifier();

    private List<Classification> classify(String message) {
        return classifier.classify(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final String ORIGINAL = """
            Return-Path: <bounce+42.abc@bounces.fairsend.test>
            From: News <news@shop.test>
            To: alice@dest.test
            Subject: Spring offers
            Message-ID: <m42@fairsend.test>

            Hello
            """;

    @Test
    void rfc3464DsnGivesOneResultPerFailedRecipient() {
        List<Classification> r = classify("""
                From: Mail Delivery System <MAILER-DAEMON@mx.sender.test>
                To: bounce+42.abc@bounces.fairsend.test
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                I'm sorry to have to inform you that your message could not be delivered.

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.sender.test

                Final-Recipient: rfc822; Alice@Dest.test
                Original-Recipient: rfc822; alice@dest.test
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <alice@dest.test>: Recipient address rejected: User unknown in local recipient table

                Final-Recipient: rfc822; bob@dest.test
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

                Final-Recipient: rfc822; carol@dest.test
                Action: delivered
                Status: 2.0.0

                --B
                Content-Type: message/rfc822

                """ + ORIGINAL + "\n--B--\n");
        assertThat(r).hasSize(2);
        Classification alice = r.get(0);
        assertThat(alice.kind()).isEqualTo(Kind.HARD);
        assertThat(alice.recipient()).isEqualTo("alice@dest.test");
        assertThat(alice.status()).isEqualTo("5.1.1");
        assertThat(alice.replyCode()).isEqualTo(550);
        assertThat(alice.reason()).isEqualTo("user_unknown");
        assertThat(alice.originalMessageId()).isEqualTo("<m42@fairsend.test>");
        assertThat(alice.originalSender()).isEqualTo("bounce+42.abc@bounces.fairsend.test");
        assertThat(alice.bounceTo()).isEqualTo("bounce+42.abc@bounces.fairsend.test");
        assertThat(alice.originalRecipient()).isEqualTo("alice@dest.test");
        assertThat(r.get(1)).extracting(Classification::kind, Classification::recipient, Classification::reason)
                .containsExactly(Kind.SOFT, "bob@dest.test", "mailbox_full");
    }

    @Test
    void a5xxBlockForReputationIsSoft() {
        List<Classification> r = classify("""
                From: MAILER-DAEMON@mx.sender.test
                To: bounce+1@bounces.fairsend.test
                Subject: Delivery Status Notification (Failure)
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; dave@dest.test
                Action: failed
                Status: 5.7.1
                Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org
                --B--
                """);
        assertThat(r).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.SOFT);
            assertThat(c.reason()).isEqualTo("blocked");
        });
    }

    @Test
    void postfixPlainTextBounce() {
        List<Classification> r = classify("""
                From: MAILER-DAEMON@mail.sender.test (Mail Delivery System)
                To: bounce+7@bounces.fairsend.test
                Subject: Undelivered Mail Returned to Sender
                Content-Type: text/plain

                This is the mail system at host mail.sender.test.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <erin@dest.test>: host mx.dest.test[192.0.2.9] said: 550 5.1.1
                    <erin@dest.test>: Recipient address rejected: User unknown (in reply to
                    RCPT TO command)
                """);
        assertThat(r).singleElement().extracting(Classification::kind, Classification::recipient, Classification::status,
                Classification::reason).containsExactly(Kind.HARD, "erin@dest.test", "5.1.1", "user_unknown");
    }

    @Test
    void eximWithXFailedRecipientsAndHostUnknown() {
        List<Classification> r = classify("""
                From: Mail Delivery System <Mailer-Daemon@exim.sender.test>
                To: bounce+9@bounces.fairsend.test
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: frank@nowhere.test
                Auto-Submitted: auto-replied

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  frank@nowhere.test
                    Unrouteable address

                ------ This is a copy of the message, including all the headers. ------

                """ + ORIGINAL);
        assertThat(r).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.HARD);
            assertThat(c.recipient()).isEqualTo("frank@nowhere.test");
            assertThat(c.originalMessageId()).isEqualTo("<m42@fairsend.test>");
        });
    }

    @Test
    void qmailMailboxFullIsSoft() {
        List<Classification> r = classify("""
                From: MAILER-DAEMON@qmail.sender.test
                To: bounce+3@bounces.fairsend.test
                Subject: failure notice

                Hi. This is the qmail-send program at qmail.sender.test.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <gina@dest.test>:
                192.0.2.3 does not like recipient.
                Remote host said: 552 5.2.2 Mailbox quota exceeded
                Giving up on 192.0.2.3.

                --- Below this line is a copy of the message.

                """ + ORIGINAL);
        assertThat(r).singleElement().extracting(Classification::kind, Classification::recipient, Classification::reason)
                .containsExactly(Kind.SOFT, "gina@dest.test", "mailbox_full");
    }

    @Test
    void exchangeNdrInPolishIsReadToo() {
        List<Classification> r = classify("""
                From: postmaster@exchange.dest.test
                To: bounce+5@bounces.fairsend.test
                Subject: Undeliverable: Spring offers
                Content-Type: text/plain; charset=utf-8

                Delivery has failed to these recipients or groups:

                henryk@dest.test
                Adres odbiorcy nie istnieje.

                Diagnostic information for administrators:
                Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found'
                """);
        assertThat(r).singleElement().extracting(Classification::kind, Classification::recipient)
                .containsExactly(Kind.HARD, "henryk@dest.test");
    }

    @Test
    void arfComplaintWithOriginalRcptTo() {
        List<Classification> r = classify("""
                From: fbl@isp.test
                To: fbl@fairsend.test
                Subject: FW: Spring offers
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F"

                --F
                Content-Type: text/plain

                This is an email abuse report.

                --F
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ISP-FBL/1.0
                Version: 1
                Original-Mail-From: <bounce+42.abc@bounces.fairsend.test>
                Original-Rcpt-To: <Ivy@dest.test>

                --F
                Content-Type: message/rfc822

                """ + ORIGINAL + "\n--F--\n");
        assertThat(r).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.COMPLAINT);
            assertThat(c.recipient()).isEqualTo("ivy@dest.test");
            assertThat(c.feedbackType()).isEqualTo("abuse");
            assertThat(c.originalSender()).isEqualTo("bounce+42.abc@bounces.fairsend.test");
            assertThat(c.originalMessageId()).isEqualTo("<m42@fairsend.test>");
        });
    }

    @Test
    void sesJsonBounceAndComplaint() {
        List<Classification> bounce = classify("""
                From: no-reply@sns.amazonaws.com
                To: hooks@fairsend.test
                Subject: AWS Notification Message

                {"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",
                "bouncedRecipients":[{"emailAddress":"jack@dest.test","action":"failed","status":"5.1.1",
                "diagnosticCode":"smtp; 550 5.1.1 user unknown"}]},"mail":{"messageId":"ses-1","source":"news@shop.test"}}
                """);
        assertThat(bounce).singleElement().extracting(Classification::kind, Classification::recipient,
                Classification::status, Classification::originalMessageId)
                .containsExactly(Kind.HARD, "jack@dest.test", "5.1.1", "ses-1");

        List<Classification> complaint = classify("""
                From: no-reply@sns.amazonaws.com
                To: hooks@fairsend.test
                Subject: AWS Notification Message

                {"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"kim@dest.test"}],
                "complaintFeedbackType":"abuse"},"mail":{"messageId":"ses-2","source":"news@shop.test"}}
                """);
        assertThat(complaint).singleElement().extracting(Classification::kind, Classification::recipient,
                Classification::feedbackType).containsExactly(Kind.COMPLAINT, "kim@dest.test", "abuse");
    }

    @Test
    void vacationReplyIsAnAutoReplyNotABounce() {
        List<Classification> r = classify("""
                From: Laura <laura@dest.test>
                To: news@shop.test
                Subject: Out of Office: Spring offers
                Auto-Submitted: auto-replied

                I am away until Monday and will read your mail when I am back.
                """);
        assertThat(r).singleElement().extracting(Classification::kind, Classification::recipient, Classification::reason)
                .containsExactly(Kind.AUTOREPLY, "laura@dest.test", "vacation");
    }

    @Test
    void ordinaryMailIsOther() {
        List<Classification> r = classify("""
                From: Mike <mike@dest.test>
                To: news@shop.test
                Subject: Question about my order

                Hello, where is my parcel?
                """);
        assertThat(r).singleElement().extracting(Classification::kind).isEqualTo(Kind.OTHER);
    }

    @Test
    void garbageDoesNotThrow() {
        assertThat(classifier.classify(new byte[] {0, 1, 2, (byte) 0xff})).singleElement()
                .extracting(Classification::kind).isEqualTo(Kind.OTHER);
    }

    @Test
    void cliPrintsOneJsonLinePerRecipient(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.eml");
        Files.writeString(f, """
                From: MAILER-DAEMON@mail.sender.test
                To: bounce+7@bounces.fairsend.test
                Subject: Undelivered Mail Returned to Sender

                <nina@dest.test>: host mx.dest.test[192.0.2.9] said: 550 5.1.1 User unknown
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = new ClassifyCommand(classifier).run(List.of(f), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).startsWith("{\"file\":\"" + f + "\",\"kind\":\"hard\","
                + "\"recipient\":\"nina@dest.test\",\"status\":\"5.1.1\",\"reason\":\"user_unknown\",\"replyCode\":550");
    }
}
