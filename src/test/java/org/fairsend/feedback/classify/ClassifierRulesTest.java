package org.fairsend.feedback.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The general rules added to reach the accuracy floor (issue 4), one small message each, written for these tests:
 * the SMTP stage of a refusal, x.2.1 with "user unknown", corroboration of a generic "user unknown", reception
 * filter wording, challenge-response systems, mailing-list refusals and bounces enclosed in another message.
 */
class ClassifierRulesTest {

    private final BounceClassifier classifier = new BounceClassifier();

    private Classification only(String message) {
        List<Classification> r = classifier.classify(message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r).hasSize(1);
        return r.getFirst();
    }

    private static String postfix(String diagnostic) {
        return """
                From: MAILER-DAEMON@mail.sender.test (Mail Delivery System)
                To: bounce+7@bounces.fairsend.test
                Subject: Undelivered Mail Returned to Sender
                Content-Type: text/plain

                This is the mail system at host mail.sender.test.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                """ + diagnostic + "\n";
    }

    @Test
    void userUnknownAnsweredAfterDataIsAFilterNotAMissingAddress() {
        Classification c = only(postfix("""
                <gina@dest.test>: host mx.dest.test[192.0.2.9] said: 550 Recipient
                    gina@dest.test unknown user (in reply to end of DATA command)"""));
        assertThat(c).extracting(Classification::kind, Classification::recipient, Classification::reason)
                .containsExactly(Kind.SOFT, "gina@dest.test", "filtered");
    }

    @Test
    void afterDataWithAnX11CodeStaysHard() {
        Classification c = only(postfix("""
                <gina@dest.test>: host mx.dest.test[192.0.2.9] said: 550 5.1.1 <gina@dest.test>:
                    User unknown (in reply to end of DATA command)"""));
        assertThat(c.kind()).isEqualTo(Kind.HARD);
        assertThat(c.reason()).isEqualTo("user_unknown");
    }

    @Test
    void sendmailTranscriptGivesTheStage() {
        Classification c = only("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@relay.sender.test>
                To: bounce+8@bounces.fairsend.test
                Subject: Returned mail: see transcript for details

                   ----- The following addresses had permanent fatal errors -----
                <hank@dest.test>
                    (reason: 550 <hank@dest.test>... No such user)

                   ----- Transcript of session follows -----
                ... while talking to mx.dest.test.:
                >>> DATA
                <<< 550 <hank@dest.test>... No such user
                """);
        assertThat(c.reason()).isEqualTo("filtered");
        assertThat(c.kind()).isEqualTo(Kind.SOFT);
    }

    @Test
    void mailboxDisabledCodeWithUserUnknownAtRcptIsHard() {
        Classification c = only(postfix("""
                <ivy@dest.test>: host mx.dest.test[192.0.2.9] said: 550 5.2.1 <ivy@dest.test>:
                    User unknown (in reply to RCPT TO command)"""));
        assertThat(c).extracting(Classification::kind, Classification::status, Classification::reason)
                .containsExactly(Kind.HARD, "5.2.1", "user_unknown");
    }

    @Test
    void mailboxDisabledCodeWithAVagueTextIsSuspended() {
        Classification c = only(postfix("""
                <ivy@dest.test>: host mx.dest.test[192.0.2.9] said: 550 5.2.1 Mailbox not
                    available (in reply to RCPT TO command)"""));
        assertThat(c).extracting(Classification::kind, Classification::reason).containsExactly(Kind.SOFT, "suspended");
    }

    @Test
    void bareRecipientAddressRejectedAtRcptIsUnknown() {
        Classification c = only(postfix("""
                <jack@dest.test>: host mx.dest.test[192.0.2.9] said: 550 <jack@dest.test>:
                    Recipient address rejected. (in reply to RCPT TO command)"""));
        assertThat(c).extracting(Classification::kind, Classification::reason).containsExactly(Kind.HARD, "user_unknown");
    }

    @Test
    void aHostnameThatDoesNotExistIsHostUnknown() {
        Classification c = only(postfix("""
                <kate@dest.test>: host mx.dest.test[192.0.2.9] said: 553 mail.dest.test does
                    not exist (in reply to RCPT TO command)"""));
        assertThat(c.reason()).isEqualTo("host_unknown");
        assertThat(c.kind()).isEqualTo(Kind.HARD);
    }

    @Test
    void bareUserUnknownWithoutAnAddressIsAReceptionFilter() {
        Classification c = only("""
                From: MAILER-DAEMON@mx.carrier.test
                To: bounce+9@bounces.fairsend.test
                Subject: failure notice

                Sorry, we were unable to deliver your message to the following address.

                <leo@phone.carrier.test>:
                550 : User unknown
                """);
        assertThat(c).extracting(Classification::kind, Classification::recipient, Classification::reason)
                .containsExactly(Kind.SOFT, "leo@phone.carrier.test", "filtered");
    }

    @Test
    void genericNoSuchUserWithoutCodeOrStageIsNotProofButDoesNotExistIs() {
        String gateway = """
                From: postmaster@gateway.dest.test
                To: bounce+10@bounces.fairsend.test
                Subject: Undeliverable mail

                Unable to deliver message to: <mia@dest.test>
                Delivery failed for the following reason:
                Server mx.dest.test[192.0.2.5] failed with: 550 <mia@dest.test> %s
                This has been a permanent failure.
                """;
        Classification vague = only(gateway.formatted("No such user here"));
        assertThat(vague).extracting(Classification::kind, Classification::reason).containsExactly(Kind.SOFT, "filtered");
        Classification explicit = only(gateway.formatted("mailbox does not exist"));
        assertThat(explicit).extracting(Classification::kind, Classification::reason).containsExactly(Kind.HARD, "user_unknown");
    }

    @Test
    void aPreciseCodeInTheNotificationBeatsTheReportsGenericOne() {
        Classification c = only("""
                From: MAILER-DAEMON@mx.sender.test
                To: bounce+11@bounces.fairsend.test
                Subject: Delivery status notification
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                An error has occurred while delivering to the following recipients:

                nora@dest.test: 550 5.1.1 <nora@dest.test>: Recipient address rejected: User unknown

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.sender.test

                Final-Recipient: rfc822; nora@dest.test
                Action: failed
                Status: 5.0.0
                --B--
                """);
        assertThat(c).extracting(Classification::kind, Classification::status).containsExactly(Kind.HARD, "5.1.1");
    }

    @Test
    void theNotificationSayingTheAccountIsDisabledWinsOverAGenericUnknown() {
        Classification c = only("""
                From: MAILER-DAEMON@mx.carrier.test
                To: bounce+12@bounces.fairsend.test
                Subject: Mail System Error - Returned Mail

                The user(s) account is disabled.

                <olga@phone.carrier.test>: 550 user unknown (in reply to RCPT TO command)
                """);
        assertThat(c).extracting(Classification::kind, Classification::reason).containsExactly(Kind.SOFT, "suspended");
    }

    @Test
    void challengeResponseIsNotABounce() {
        Classification c = only("""
                From: noreply@screening.test
                To: bounce+13@bounces.fairsend.test
                Subject: Re: Spring offers (Action Required)
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                Your message about "Spring offers" has been waitlisted.
                Click the link below to be added to my Guest List.

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; screening.test

                Final-Recipient: rfc822; paul@dest.test
                Action: failed
                Status: 4.7.0
                Diagnostic-Code: X-Screening; Sender not pre-approved
                --B--
                """);
        assertThat(c.kind()).isEqualTo(Kind.OTHER);
        assertThat(c.reason()).isEqualTo("challenge_response");
    }

    @Test
    void aMailingListRefusingANonMemberIsASoftFailureOfTheList() {
        Classification c = only("""
                From: bakers-owner@lists.dest.test
                To: bounce+14@bounces.fairsend.test
                Subject: Post to bakers rejected
                List-Id: <bakers.lists.dest.test>

                Your message to the mailing list <bakers@lists.dest.test> was rejected:
                you are not a member of this list and it accepts posts from members only.
                """);
        assertThat(c).extracting(Classification::kind, Classification::recipient, Classification::reason)
                .containsExactly(Kind.SOFT, "bakers@lists.dest.test", "rejected");
    }

    @Test
    void aForwardedBounceIsReadInside() {
        Classification c = only("""
                From: Quentin <quentin@sender.test>
                To: support@sender.test
                Subject: Fwd: Returned mail: see transcript for details

                This came back, can you check?

                Begin forwarded message:

                > From: Mail Delivery Subsystem <MAILER-DAEMON@relay.sender.test>
                > To: <quentin@sender.test>
                > Subject: Returned mail: see transcript for details
                >
                >    ----- The following addresses had permanent fatal errors -----
                > <rita@dest.test>
                >     (reason: 550 5.1.1 <rita@dest.test>... User unknown)
                """);
        assertThat(c).extracting(Classification::kind, Classification::recipient, Classification::status)
                .containsExactly(Kind.HARD, "rita@dest.test", "5.1.1");
    }

    @Test
    void aBounceAttachedToAGatewayNoticeIsReadInside() {
        Classification c = only("""
                From: MAILER-DAEMON@gateway.sender.test
                To: bounce+15@bounces.fairsend.test
                Subject: Returned mail: User unknown
                Content-Type: multipart/mixed; boundary="OUT"

                --OUT
                Content-Type: text/plain

                The following addresses had permanent delivery errors

                --OUT
                Content-Type: message/rfc822

                From: Mail Delivery Subsystem <MAILER-DAEMON@inner.sender.test>
                To: bounce+15@bounces.fairsend.test
                Subject: Returned mail: User unknown
                Content-Type: multipart/report; report-type=delivery-status; boundary="IN"

                --IN
                Content-Type: message/delivery-status

                Reporting-MTA: dns; inner.sender.test

                Final-Recipient: rfc822; sam@dest.test
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 User unknown
                --IN--
                --OUT--
                """);
        assertThat(c).extracting(Classification::kind, Classification::recipient).containsExactly(Kind.HARD, "sam@dest.test");
    }

    @Test
    void sendmailHostEntriesDoNotBleedIntoTheRecipientBefore() {
        List<Classification> r = classifier.classify("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@old.sender.test>
                To: bounce+16@bounces.fairsend.test
                Subject: Returned mail: Host unknown

                   ----- Transcript of session follows -----
                554 <tom@one.test>... Remote protocol error: Connection reset by peer during result wait with one.test
                550 two.test (smtp)... 550 Host unknown
                554 <uma@two.test>... 550 Host unknown (Authoritative answer from name server)
                """.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(r).extracting(Classification::recipient, Classification::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tom@one.test", Kind.SOFT),
                        org.assertj.core.groups.Tuple.tuple("uma@two.test", Kind.HARD));
    }
}
