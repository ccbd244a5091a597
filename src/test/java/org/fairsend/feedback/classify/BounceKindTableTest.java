package org.fairsend.feedback.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the hard/soft judgement (issue 16, "bounces judged right on real mail") beyond the corpus: one-line
 * diagnostics written for this test, in the wording of several MTAs, providers and languages, each with the kind a
 * sender should draw from it. Hard: the address will not work again (RFC 3463 x.1.1, x.1.2, x.1.6, x.1.10, a mailbox
 * worded as disabled or closed). Soft: it may (x.2.2 full, x.3.4 too large, x.7.x blocked, filtered, policy, rate
 * limits, every 4.x.x transient failure), even when the reply is 5xx.
 */
class BounceKindTableTest {

    private final BounceClassifier classifier = new BounceClassifier();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # --- the address does not exist (x.1.1, x.1.10) ---
            550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in virtual mailbox table | hard
            550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table | hard
            550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address | hard
            550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup | hard
            554 delivery error: dd This user doesn't have a yahoo.com account (carl@yahoo.com) [0] - mta1.mail.example | hard
            550 No such user - psmtp | hard
            550 unknown user account | hard
            550 Unrouteable address | hard
            511 sorry, no mailbox here by that name (#5.1.1) | hard
            550 5.1.1 Mailbox does not exist | hard
            550 5.5.0 Requested action not taken: mailbox unavailable. User unknown | hard
            550 5.1.1 <dora@example.fr>: Adresse d'au moins un destinataire invalide | hard
            550 5.1.1 Utilisateur inconnu | hard
            550 5.1.1 Benutzer unbekannt | hard
            550 5.1.1 El usuario no existe | hard
            550 5.1.1 Indirizzo non esiste | hard
            # --- the domain does not exist (x.1.2) ---
            550 5.1.2 Host unknown (Name server: example.invalid: host not found) | hard
            Host or domain name not found. Name service error for name=nowhere.invalid type=A: Host not found | hard
            5.1.2 DNS type 'mx' lookup of example.invalid responded with code NXDOMAIN | hard
            # --- the mailbox is closed for good (x.2.1 worded as disabled, x.1.6 moved) ---
            550 5.2.1 The email account that you tried to reach is disabled. | hard
            550 5.2.1 Mailbox disabled for this recipient | hard
            550 5.2.1 This account has been deactivated | hard
            551 5.1.6 User has moved; please try <new@example.org> | hard
            # --- mailbox full (x.2.2, 4.2.2) ---
            552 5.2.2 Mailbox full | soft
            452 4.2.2 The email account that you tried to reach is over quota | soft
            550 5.2.2 boite pleine | soft
            550 Postfach voll | soft
            # --- transient failures (4.x.x) and greylisting ---
            450 4.2.0 <eve@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/ | soft
            451 4.7.1 Please try again later | soft
            421 4.4.2 Connection timed out | soft
            450 4.1.1 <fred@example.org>: Recipient address rejected: unverified address: connect to mx.example.org: Connection timed out | soft
            451 Temporary local problem - please try later | soft
            # --- blocked or filtered as spam, policy, reputation (x.7.1) ---
            550 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using Spamhaus; To request removal from this list see https://www.spamhaus.org | soft
            550 5.7.1 Service unavailable; Client host blocked | soft
            554 5.7.1 Message rejected due to policy | soft
            554 5.7.1 This message was rejected as spam | soft
            550 5.1.1 Message blocked by policy: sender listed at zen.spamhaus.org | soft
            550 5.7.1 Our system has detected that this message is likely unsolicited mail | soft
            554 Rejected: IP in RBL bl.example.net | soft
            550 5.7.1 Connection refused: your IP is blacklisted | soft
            550 5.7.606 Access denied, banned sending IP [192.0.2.9] | soft
            554 5.7.1 Message refusé pour cause de spam | soft
            # --- rate limits, too large ---
            421 4.7.0 Too many connections from your host, slow down | soft
            550 5.4.5 Daily sending quota exceeded | soft
            552 5.3.4 Message size exceeds fixed limit | soft
            """)
    void judgesTheKind(String diagnostic, String kind) {
        Classification c = classifier.classifyReply("someone@example.org", null, diagnostic);
        assertThat(c.kind().label()).as(diagnostic + " (reason " + c.reason() + ")").isEqualTo(kind);
    }
}
