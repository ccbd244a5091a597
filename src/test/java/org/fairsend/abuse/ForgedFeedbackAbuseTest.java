package org.fairsend.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.fairsend.accounts.DkimSigningKeys;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.delivery.dkim.DkimSigner;
import org.fairsend.feedback.internal.InboundSmtpPort;
import org.fairsend.reputation.Dsn;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestDnsServer;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, "feedback acts only on what it can prove": each attack on the feedback loop that turned the platform
 * against an innocent account, made through the real inbound SMTP listener on PostgreSQL with a real SMTP client,
 * and shown to change nothing: no complaint, bounce, unsubscribe or suppression, no contact marked, no reputation
 * incident or sanction, the campaign not suspended. The message is still stored and shown to the operator with what
 * became of it. Then what the platform does accept: a DKIM-signed ARF report from a configured reporter, one from a
 * configured source range, and a DSN to the VERP address, each counted once.
 *
 * <p>Two feedback-loop reporters are configured: one by its DKIM domain (its key published on the test's DNS server,
 * the reports signed with the project's DKIM signer), one by the source range 127.0.0.88/32 (the client connects
 * from that loopback address). Anything from 127.0.0.1 unsigned, or signed by another domain, is from no reporter.
 */
@PostgresTest
class ForgedFeedbackAbuseTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final TestDnsServer DNS = new TestDnsServer();
    static final String FBL = "fbl@bounces.fairsend.localhost";
    /** A configured reporter's DKIM domain. */
    static final String REPORTER_DOMAIN = "fbl.mailbox-one.example";
    /** Publishes a DKIM key too, but no operator configured it. */
    static final String STRANGER_DOMAIN = "fbl.mailbox-two.example";
    /** A configured reporter's source range is this address alone. */
    static final String REPORTER_ADDRESS = "127.0.0.88";
    static final String ANYONE = "127.0.0.1";
    static final KeyPair REPORTER_KEY = rsa();
    static final KeyPair STRANGER_KEY = rsa();

    static final String HTML = """
            <html><body><p>Bonjour {{ contact.first_name }}, nos croissants au beurre reviennent samedi.</p>
            <p><a href="https://boulangerie.example/croissants">Voir les croissants</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("fairsend.dns.resolver", DNS::address);
        r.add("fairsend.dns.timeout", () -> "2s");
        // the listener's per-address limits, low enough to reach (from addresses no other test here uses)
        r.add("fairsend.feedback.inbound.max-connections-per-ip", () -> "3");
        r.add("fairsend.feedback.inbound.max-messages-per-ip-per-minute", () -> "40");
    }

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConfigurableApplicationContext context;

    /** A finished campaign: its account, its id, the account's email channel status when it finished. */
    record Sent(UUID account, String campaignId, String subject, String channelStatus) {}

    /** Only attacks touch the victim's campaign: every test on it checks the whole account is untouched. */
    static Sent victim;
    /** The campaign the accepted reports are about, one recipient per test. */
    static Sent reported;
    static Api operator;
    static final List<Long> REPORTERS = new ArrayList<>();

    @BeforeEach
    void once() {
        if (victim != null) return;
        operator = fixtures.operator();
        DNS.txt("sel1._domainkey." + REPORTER_DOMAIN, "v=DKIM1; k=rsa; p=" + publicKey(REPORTER_KEY));
        DNS.txt("sel1._domainkey." + STRANGER_DOMAIN, "v=DKIM1; k=rsa; p=" + publicKey(STRANGER_KEY));
        REPORTERS.add(reporter(Map.of("name", "Mailbox One " + UUID.randomUUID(), "dkimDomains", List.of(REPORTER_DOMAIN))));
        REPORTERS.add(reporter(Map.of("name", "Mailbox range " + UUID.randomUUID(), "sourceRanges", List.of(REPORTER_ADDRESS + "/32"))));
        victim = campaign("victime", "clients-abuse-v.example", 5);
        reported = campaign("signale", "clients-abuse-r.example", 5);
    }

    @AfterAll
    static void removeReporters() {
        for (long id : REPORTERS) operator.delete("/api/operator/feedback/reporters/" + id + "?reason=end+of+test");
        DNS.close();
    }

    // ---------------------------------------------------------------------------------------------- the attacks

    @Test
    void aPlainUnsubscribeMailToTheFeedbackLoopAddressIsNeverAComplaint() throws Exception {
        String recipient = "victime1@clients-abuse-v.example";
        byte[] forged = ("From: " + recipient + "\r\nTo: " + FBL + "\r\nSubject: unsubscribe\r\nDate: " + now()
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@clients-abuse-v.example>\r\n\r\nunsubscribe\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long before = lastInbound();
        send(ANYONE, FBL, forged);
        // even from a configured reporter's range it is no ARF report: never a complaint, never an unsubscribe (R-10)
        send(REPORTER_ADDRESS, FBL, forged);
        nothingChanged(victim);
        List<JsonNode> stored = shownToTheOperator(before);
        assertThat(stored).extracting(n -> n.get("status").asString()).containsExactly("unverified", "ignored");
        assertThat(stored.get(0).get("outcome").asString()).contains("not from a configured feedback-loop reporter");
        assertThat(stored.get(1).get("reporter").asString()).startsWith("Mailbox range");
        assertThat(stored.get(1).get("outcome").asString()).contains("not an ARF report");
    }

    @Test
    void anArfWithTheRightNumberAndAMadeUpMacInTheMessageIdTiesNothing() throws Exception {
        MimeMessage original = received("victime2@clients-abuse-v.example");
        String real = original.getHeader("Message-ID")[0];
        String number = real.substring(1, real.indexOf('.'));
        String madeUp = "<" + number + "." + HexFormat.of().formatHex(randomBytes(12)) + "@bounces.fairsend.localhost>";
        String oldStyle = "<" + number + ".1x3f9@bounces.fairsend.localhost>"; // the random part the platform used to write
        long before = lastInbound();
        for (String messageId : List.of(madeUp, oldStyle)) {
            String headers = enclosed(original, false).replace(real, messageId);
            // signed by the configured reporter: the report is genuine, the message it names is not ours
            send(ANYONE, FBL, sign(arf(REPORTER_DOMAIN, headers, List.of("victime2@clients-abuse-v.example")), REPORTER_DOMAIN, REPORTER_KEY));
        }
        nothingChanged(victim);
        List<JsonNode> stored = shownToTheOperator(before);
        assertThat(stored).extracting(n -> n.get("status").asString()).containsExactly("unmatched", "unmatched");
        assertThat(stored).allSatisfy(n -> assertThat(n.get("reporter").asString()).startsWith("Mailbox One"));
    }

    @Test
    void anArfListing52RecipientsCountsNothingFromAnyoneAndOnceForItsOwnMessageFromAReporter() throws Exception {
        List<String> listed = new ArrayList<>();
        for (int i = 1; i <= 5; i++) listed.add("victime" + i + "@clients-abuse-v.example");
        for (int i = 1; i <= 5; i++) listed.add("signale" + i + "@clients-abuse-r.example");
        for (int i = 1; i <= 42; i++) listed.add("inconnu" + i + "@clients-abuse-v.example");
        assertThat(listed).hasSize(52);

        // from anyone: stored, counts nothing
        long before = lastInbound();
        send(ANYONE, FBL, arf("isp.example", enclosed(received("victime3@clients-abuse-v.example"), true), listed));
        nothingChanged(victim);
        assertThat(shownToTheOperator(before)).extracting(n -> n.get("status").asString()).containsExactly("unverified");

        // from a configured reporter, about one real message, twice: one complaint, for that message's recipient only;
        // none of the other 51 addresses it lists (the victim's recipients among them) is touched
        String own = "signale1@clients-abuse-r.example";
        byte[] report = sign(arf(REPORTER_DOMAIN, enclosed(received(own), false), listed), REPORTER_DOMAIN, REPORTER_KEY);
        before = lastInbound();
        send(ANYONE, FBL, report);
        send(ANYONE, FBL, report);
        assertThat(jdbc.sql("select message_id from complaint where inbound_id > ?").param(before).query(Long.class).list())
                .containsExactly(messageId(own));
        assertThat(count("select count(*) from complaint where message_id = ?", messageId(own))).isEqualTo(1);
        assertThat(count("select count(*) from suppression where account_id = ? and address = ? and reason = 'complaint'",
                reported.account(), own)).isEqualTo(1);
        nothingChanged(victim);
        for (String other : listed) {
            if (other.startsWith("inconnu")) assertThat(count("select count(*) from suppression where address = ?", other)).as(other).isZero();
        }
        assertThat(shownToTheOperator(before)).extracting(n -> n.get("status").asString()).containsExactly("processed", "processed");
    }

    @Test
    void aValidLookingArfFromAnUnconfiguredReporterCountsNothing() throws Exception {
        MimeMessage original = received("victime4@clients-abuse-v.example");
        String headers = enclosed(original, true); // the real Message-ID and VERP return path: the tie would hold
        byte[] stranger = sign(arf(STRANGER_DOMAIN, headers, List.of("victime4@clients-abuse-v.example")), STRANGER_DOMAIN, STRANGER_KEY);
        // signed by the configured domain's key, then altered: the signature no longer verifies
        byte[] tampered = new String(sign(arf(REPORTER_DOMAIN, headers, List.of("victime4@clients-abuse-v.example")), REPORTER_DOMAIN,
                REPORTER_KEY), StandardCharsets.US_ASCII).replace("Feedback-Type: abuse", "Feedback-Type: fraud")
                .getBytes(StandardCharsets.US_ASCII);
        // signed with the stranger's key but claiming the configured domain
        byte[] claimed = sign(arf(REPORTER_DOMAIN, headers, List.of("victime4@clients-abuse-v.example")), REPORTER_DOMAIN, STRANGER_KEY);
        long before = lastInbound();
        for (byte[] report : List.of(stranger, tampered, claimed)) send(ANYONE, FBL, report);
        nothingChanged(victim);
        List<JsonNode> stored = shownToTheOperator(before);
        assertThat(stored).extracting(n -> n.get("status").asString()).containsExactly("unverified", "unverified", "unverified");
        assertThat(stored).allSatisfy(n -> assertThat(n.path("reporter").isNull() || n.path("reporter").isMissingNode()).isTrue());
        // the raw copy is kept for the operator to read
        var raw = operator.get("/api/operator/inbound/" + stored.get(0).get("id").asLong() + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).contains("d=" + STRANGER_DOMAIN);
    }

    @Test
    void fiftyRcptsOfTheFeedbackLoopAddressInOneTransactionAreOneDelivery() throws Exception {
        // from anyone, about the victim: one stored message, counted nothing
        long before = lastInbound();
        assertThat(fiftyRcpts(ANYONE, arf("isp.example", enclosed(received("victime5@clients-abuse-v.example"), true),
                List.of("victime5@clients-abuse-v.example")))).startsWith("250");
        nothingChanged(victim);
        assertThat(shownToTheOperator(before)).extracting(n -> n.get("status").asString()).containsExactly("unverified");

        // from a configured reporter's range, about a real message: stored once, processed once
        String own = "signale2@clients-abuse-r.example";
        before = lastInbound();
        assertThat(fiftyRcpts(REPORTER_ADDRESS, arf("isp.example", enclosed(received(own), true), List.of(own)))).startsWith("250");
        List<JsonNode> stored = shownToTheOperator(before);
        assertThat(stored).extracting(n -> n.get("status").asString()).containsExactly("processed");
        assertThat(count("select count(*) from complaint where message_id = ?", messageId(own))).isEqualTo(1);
        assertThat(count("select count(*) from complaint where inbound_id = ?", stored.getFirst().get("id").asLong())).isEqualTo(1);
    }

    @Test
    void aBounceToTheBounceDomainWithoutVerpNamingAMailedRecipientTiesNothing() throws Exception {
        String recipient = "victime1@clients-abuse-v.example";
        MimeMessage sent = received(recipient);
        String headers = "From: " + sent.getHeader("From")[0] + "\r\nTo: " + recipient + "\r\nSubject: " + victim.subject()
                + "\r\nMessage-ID: <" + UUID.randomUUID() + "@mx.attacker.example>\r\n";
        // the VERP address of another account's message would prove it; one with a made-up tag proves nothing
        String forgedVerp = "Return-Path: <b-" + Long.toString(messageId(recipient), 36) + "-" + "0".repeat(24) + "@bounces.fairsend.localhost>\r\n";
        long before = lastInbound();
        send(ANYONE, FBL, Dsn.userUnknown(FBL, recipient, headers).getBytes(StandardCharsets.US_ASCII));
        // a configured reporter forwarding it does not make it proof either
        send(REPORTER_ADDRESS, FBL, Dsn.userUnknown(FBL, recipient, headers).getBytes(StandardCharsets.US_ASCII));
        send(REPORTER_ADDRESS, FBL, Dsn.userUnknown(FBL, recipient, forgedVerp + headers).getBytes(StandardCharsets.US_ASCII));
        nothingChanged(victim);
        assertThat(shownToTheOperator(before)).extracting(n -> n.get("status").asString())
                .containsExactly("unverified", "unmatched", "unmatched");
    }

    @Test
    void oneAddressCanNeitherHoldTheListenerNorFloodIt() throws Exception {
        int port = InboundSmtpPort.of(context);
        List<SmtpDialogue> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(new SmtpDialogue("127.0.0.66", port));
                assertThat(held.getLast().greeting).startsWith("220");
            }
            try (SmtpDialogue fourth = new SmtpDialogue("127.0.0.66", port)) {
                assertThat(fourth.greeting).startsWith("421 4.7.0");
            }
            try (SmtpDialogue other = new SmtpDialogue("127.0.0.65", port)) {
                assertThat(other.greeting).as("another address is not held back").startsWith("220");
            }
            assertThat(held.getFirst().command("QUIT")).startsWith("221");
            held.removeFirst().close();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try (SmtpDialogue again = new SmtpDialogue("127.0.0.66", port)) {
                    return again.greeting.startsWith("220");
                }
            });
        } finally {
            for (SmtpDialogue d : held) d.close();
        }

        try (SmtpDialogue flood = new SmtpDialogue("127.0.0.67", port)) {
            assertThat(flood.command("EHLO flood.example")).startsWith("250");
            for (int i = 0; i < 40; i++) {
                assertThat(flood.command("MAIL FROM:<flood@flood.example>")).as("message " + (i + 1)).startsWith("250");
                assertThat(flood.command("RSET")).startsWith("250");
            }
            assertThat(flood.command("MAIL FROM:<flood@flood.example>")).startsWith("450 4.7.1");
        }
        try (SmtpDialogue other = new SmtpDialogue("127.0.0.68", port)) {
            assertThat(other.command("EHLO other.example")).startsWith("250");
            assertThat(other.command("MAIL FROM:<someone@other.example>")).startsWith("250");
        }
    }

    // ------------------------------------------------------------------------------------- what does count

    @Test
    void aDkimSignedArfFromAConfiguredReporterAboutARealMessageMakesExactlyOneComplaint() throws Exception {
        String own = "signale3@clients-abuse-r.example";
        // the enclosed original without its return path: the Message-ID's MAC alone ties it
        byte[] report = sign(arf(REPORTER_DOMAIN, enclosed(received(own), false), List.of(own)), REPORTER_DOMAIN, REPORTER_KEY);
        long before = lastInbound();
        send(ANYONE, FBL, report);
        send(ANYONE, FBL, report);
        long message = messageId(own);
        assertThat(count("select count(*) from complaint where message_id = ? and complaint_kind = 'feedback-loop'"
                + " and feedback_type = 'abuse' and source = 'smtp'", message)).isEqualTo(1);
        assertThat(count("select count(*) from suppression where account_id = ? and address = ? and reason = 'complaint'",
                reported.account(), own)).isEqualTo(1);
        assertThat(jdbc.sql("select coalesce(s.status, 'none') from contact c left join contact_subscription s on s.contact_id = c.id"
                + " and s.channel = 'email' where c.account_id = ? and c.email = ?").params(reported.account(), own)
                .query(String.class).single()).isEqualTo("complained");
        List<JsonNode> stored = shownToTheOperator(before);
        assertThat(stored).extracting(n -> n.get("status").asString()).containsExactly("processed", "processed");
        assertThat(stored.get(0).get("outcome").asString()).doesNotContain("already recorded");
        assertThat(stored.get(1).get("outcome").asString()).contains("already recorded");
        assertThat(stored).allSatisfy(n -> assertThat(n.get("reporter").asString()).startsWith("Mailbox One"));
    }

    @Test
    void anArfFromAConfiguredSourceRangeAboutARealMessageMakesExactlyOneComplaint() throws Exception {
        String own = "signale4@clients-abuse-r.example";
        // unsigned, from the reporter's address; the enclosed original's signed VERP return path ties it
        String headers = enclosed(received(own), true).replaceAll("(?im)^Message-ID:.*\r\n", "");
        send(REPORTER_ADDRESS, FBL, arf("isp.example", headers, List.of(own)));
        assertThat(count("select count(*) from complaint where message_id = ?", messageId(own))).isEqualTo(1);
        assertThat(count("select count(*) from suppression where address = ? and reason = 'complaint'", own)).isEqualTo(1);
    }

    @Test
    void aDsnToTheVerpAddressStillRecordsTheBounce() throws Exception {
        String own = "signale5@clients-abuse-r.example";
        MimeMessage original = received(own);
        String verp = original.getHeader("Return-Path")[0].replaceAll("[<>]", "").strip();
        // from anyone: the signed VERP address is the proof (X-3)
        send(ANYONE, verp, Dsn.userUnknown(verp, own, enclosed(original, true)).getBytes(StandardCharsets.US_ASCII));
        assertThat(count("select count(*) from bounce where message_id = ? and kind = 'hard' and status_code = '5.1.1'", messageId(own)))
                .isEqualTo(1);
        assertThat(count("select count(*) from suppression where address = ? and reason = 'hard_bounce'", own)).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Sent campaign(String prefix, String domain, int n) {
        var s = EmailSetup.verifiedSender(fixtures, operator);
        EmailSetup.importContacts(s, prefix, domain, n);
        String subject = "Les croissants reviennent " + UUID.randomUUID().toString().substring(0, 6);
        String id = EmailSetup.campaign(s, subject, HTML, Map.of());
        assertThat(s.account().api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.account().api().get("/api/campaigns/" + id).json().get("status").asString().equals("finished"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mail.getReceivedMessages().length > 0 && receivedCount(subject) == n);
        return new Sent(s.account().id(), id, subject, channelStatus(s.account().id()));
    }

    /** The victim's account is untouched: the attack changed nothing anyone would notice. */
    private void nothingChanged(Sent s) {
        UUID a = s.account();
        for (String table : List.of("complaint", "bounce", "unsubscribe", "suppression", "reputation_incident", "reputation_ledger")) {
            assertThat(count("select count(*) from " + table + " where account_id = ?", a)).as(table).isZero();
        }
        assertThat(count("select count(*) from contact c left join contact_subscription s on s.contact_id = c.id"
                + " and s.channel = 'email' where c.account_id = ? and coalesce(s.status, 'none') <> 'subscribed'", a)).isZero();
        assertThat(operator.withHeader(org.fairsend.accounts.Caller.ACCOUNT_HEADER, a.toString())
                .get("/api/campaigns/" + s.campaignId()).json().get("status").asString()).isEqualTo("finished");
        assertThat(channelStatus(a)).isEqualTo(s.channelStatus());
    }

    /** The inbound messages stored since {@code before}, as the operator's list shows them (oldest first). */
    private List<JsonNode> shownToTheOperator(long before) {
        var r = operator.get("/api/operator/inbound?limit=200");
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : r.json()) if (n.get("id").asLong() > before) out.addFirst(n);
        return out;
    }

    private long lastInbound() {
        return count("select coalesce(max(id), 0) from inbound_message");
    }

    private String channelStatus(UUID account) {
        return jdbc.sql("select status from account_channel where account_id = ? and channel = 'email'").param(account)
                .query(String.class).optional().orElse("none");
    }

    private long messageId(String recipient) {
        return count("select id from outbound_message where recipient = ?", recipient);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private long reporter(Map<String, Object> body) {
        var withReason = new java.util.HashMap<>(body);
        withReason.put("reason", "the mailbox provider's feedback loop, set up for the test");
        var r = operator.post("/api/operator/feedback/reporters", withReason);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** Sends a raw message with Jakarta Mail's SMTP transport, connecting from {@code localAddress}. */
    private void send(String localAddress, String rcpt, byte[] raw) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(InboundSmtpPort.of(context)));
        p.put("mail.smtp.localaddress", localAddress);
        p.put("mail.smtp.localhost", "mx.reporter.example");
        p.put("mail.smtp.from", "fbl-sender@mx.reporter.example");
        p.put("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            t.sendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), new Address[] {new InternetAddress(rcpt)});
        }
    }

    /** One transaction naming the feedback-loop address fifty times (in varying case); the reply to the message. */
    private String fiftyRcpts(String localAddress, byte[] message) throws Exception {
        try (SmtpDialogue d = new SmtpDialogue(localAddress, InboundSmtpPort.of(context))) {
            assertThat(d.command("EHLO mx.amplifier.example")).startsWith("250");
            assertThat(d.command("MAIL FROM:<amp@amplifier.example>")).startsWith("250");
            for (int i = 0; i < 50; i++) {
                String rcpt = i % 2 == 0 ? FBL : FBL.toUpperCase(java.util.Locale.ROOT);
                assertThat(d.command("RCPT TO:<" + rcpt + ">")).as("RCPT " + (i + 1)).startsWith("250");
            }
            return d.data(message);
        }
    }

    private static MimeMessage received(String address) throws Exception {
        for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) {
            if (m.getMimeMessage().getAllRecipients()[0].toString().equalsIgnoreCase(address)) return m.getMimeMessage();
        }
        throw new AssertionError("nothing received for " + address);
    }

    private static long receivedCount(String subject) throws Exception {
        long n = 0;
        for (StoredMessage m : mail.getManagers().getImapHostManager().getAllMessages()) if (subject.equals(m.getMimeMessage().getSubject())) n++;
        return n;
    }

    /** The header section of a message we sent, as a report encloses it; with or without its (VERP) Return-Path. */
    private static String enclosed(MimeMessage m, boolean withReturnPath) throws Exception {
        StringBuilder h = new StringBuilder();
        var lines = m.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            if (!withReturnPath && line.regionMatches(true, 0, "Return-Path:", 0, 12)) continue;
            h.append(line).append("\r\n");
        }
        return h.toString();
    }

    /** An ARF feedback report (RFC 5965) from {@code reporterDomain} enclosing {@code originalHeaders}. */
    private static byte[] arf(String reporterDomain, String originalHeaders, List<String> originalRcptTo) {
        String b = "arf-" + UUID.randomUUID();
        StringBuilder r = new StringBuilder()
                .append("From: Feedback Loop <feedbackloop@").append(reporterDomain).append(">\r\n")
                .append("To: ").append(FBL).append("\r\n")
                .append("Subject: Complaint about message\r\n")
                .append("Date: ").append(now()).append("\r\n")
                .append("Message-ID: <").append(b).append('@').append(reporterDomain).append(">\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=feedback-report; boundary=\"").append(b).append("\"\r\n\r\n")
                .append("--").append(b).append("\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("This is an email abuse report for an email message received from IP 192.0.2.25.\r\n\r\n")
                .append("--").append(b).append("\r\nContent-Type: message/feedback-report\r\n\r\n")
                .append("Feedback-Type: abuse\r\nUser-Agent: MailboxFBL/2.0\r\nVersion: 1\r\n");
        for (String rcpt : originalRcptTo) r.append("Original-Rcpt-To: <").append(rcpt).append(">\r\n");
        r.append("Arrival-Date: ").append(now()).append("\r\nSource-IP: 192.0.2.25\r\n\r\n")
                .append("--").append(b).append("\r\nContent-Type: text/rfc822-headers\r\n\r\n")
                .append(originalHeaders).append("\r\n")
                .append("--").append(b).append("--\r\n");
        return r.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The message with a DKIM signature of {@code domain} (selector sel1) made with {@code key}. */
    private static byte[] sign(byte[] raw, String domain, KeyPair key) {
        return new DkimSigner().sign(raw, new DkimSigningKeys(domain, "sel1", key.getPrivate(), null, null));
    }

    private static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKey(KeyPair k) {
        return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
