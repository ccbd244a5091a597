package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.fairsend.feedback.internal.InboundPort;
import org.fairsend.reputation.Dsn;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestDnsServer;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * R-9, X-2: each sender domain gets its own return-path name ({@code fsbounce.<domain>}, a CNAME to the platform's
 * bounce domain or MX records to its mail hosts). Once the DNS check finds it, the VERP envelope sender moves under
 * the From domain, so SPF aligns as the receiver computes it, and the inbound listener takes bounces there. Checked
 * against a real DNS server over UDP, GreenMail and the inbound SMTP listener.
 */
@PostgresTest
class ReturnPathAlignmentTest {

    static final String BOUNCE_DOMAIN = "bounces.fairsend-rp.example";
    static final TestDnsServer DNS = new TestDnsServer();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("fairsend.dns.resolver", DNS::address);
        r.add("fairsend.dns.timeout", () -> "2s");
        r.add("fairsend.email.bounce-domain", () -> BOUNCE_DOMAIN);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Autowired Fixtures fixtures;
    @Autowired ApplicationContext context;
    @Autowired JdbcClient jdbc;

    /** A domain whose DKIM key is published and found by the check, with its records by purpose. */
    private Map<String, String> signedDomain(Fixtures.TestAccount a, String domain) {
        var created = a.api().post("/api/sender-domains", Map.of("domain", domain));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Map<String, String> d = new HashMap<>();
        d.put("id", created.json().get("id").asString());
        for (JsonNode r : created.json().get("dnsRecords")) {
            d.put(r.get("purpose").asString() + ".name", r.get("name").asString());
            d.put(r.get("purpose").asString() + ".value", r.get("value").asString());
        }
        DNS.txt(d.get("dkim-rsa.name"), d.get("dkim-rsa.value"));
        return d;
    }

    private JsonNode check(Fixtures.TestAccount a, String id) {
        var checked = a.api().post("/api/sender-domains/" + id + "/check", null);
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        return a.api().get("/api/sender-domains/" + id).json();
    }

    private static String status(JsonNode report, String record) {
        for (JsonNode c : report.get("checks")) if (c.get("record").asString().equals(record)) return c.get("status").asString();
        return null;
    }

    @Test
    void onceTheReturnPathNameResolvesTheEnvelopeMovesUnderTheFromDomainSpfAlignsAndBouncesComeBackThere() throws Exception {
        var a = fixtures.account();
        String domain = "rp-" + a.id().toString().substring(24) + ".example";
        String returnPath = "fsbounce." + domain;
        var d = signedDomain(a, domain);
        // the record to publish is named under the customer's domain and points at the bounce domain
        assertThat(d.get("return-path.name")).isEqualTo(returnPath);
        assertThat(d.get("return-path.value")).isEqualTo(BOUNCE_DOMAIN);

        JsonNode before = check(a, d.get("id"));
        assertThat(status(before, "return-path")).isEqualTo("missing");
        assertThat(before.at("/alignment/spfAligned").asBoolean()).isFalse();
        assertThat(before.at("/alignment/envelopeDomain").asString()).isEqualTo(BOUNCE_DOMAIN);

        // the CNAME alone moves the envelope; SPF is aligned once a record is found at the name (through the CNAME)
        DNS.cname(returnPath, BOUNCE_DOMAIN);
        JsonNode cnameOnly = check(a, d.get("id"));
        assertThat(status(cnameOnly, "return-path")).isEqualTo("ok");
        assertThat(status(cnameOnly, "return-path-spf")).isEqualTo("missing");
        assertThat(cnameOnly.at("/alignment/spfAligned").asBoolean()).isFalse();
        assertThat(cnameOnly.at("/alignment/summary").asString()).contains("no SPF record");
        DNS.txt(BOUNCE_DOMAIN, "v=spf1 ip4:192.0.2.0/24 -all");
        JsonNode after = check(a, d.get("id"));
        assertThat(status(after, "return-path-spf")).isEqualTo("ok");
        assertThat(after.at("/alignment/spfAligned").asBoolean()).as(after.toString()).isTrue();
        assertThat(after.at("/alignment/envelopeDomain").asString()).isEqualTo(returnPath);

        // a campaign's envelope sender is now b-<id>-<tag>@fsbounce.<domain>
        var list = a.api().post("/api/lists", Map.of("name", "Newsletter")).json().get("id").asString();
        var s = new EmailSetup.Sending(a, domain, list, Map.of());
        String clients = "clients-rp-" + a.id().toString().substring(28) + ".example";
        EmailSetup.importContacts(s, "rp", clients, 2);
        String id = EmailSetup.campaign(s, "Le pain de campagne revient", "<p>Bonjour {{ contact.first_name }} !</p>", Map.of());
        var start = a.api().post("/api/campaigns/" + id + "/start", null);
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessagesForDomain(clients).length == 2);
        MimeMessage first = mail.getReceivedMessagesForDomain(clients)[0];
        String envelope = first.getHeader("Return-Path")[0].replaceAll("[<>]", "").strip();
        assertThat(envelope).matches("b-[0-9a-z]+-[0-9a-f]{24}@" + java.util.regex.Pattern.quote(returnPath));
        String recipient = ((InternetAddress) first.getAllRecipients()[0]).getAddress();

        // a receiver's DSN to that envelope is taken by the inbound listener and recorded against the message
        StringBuilder headers = new StringBuilder();
        var lines = first.getAllHeaderLines();
        while (lines.hasMoreElements()) headers.append(lines.nextElement()).append("\r\n");
        send(envelope, Dsn.userUnknown(envelope, recipient, headers.toString()));
        UUID account = a.id();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from bounce where account_id = ?")
                .param(account).query(Long.class).single() == 1);

        // the same tag on another domain's return-path name, or a forged tag on this one, is refused at RCPT
        String local = envelope.substring(0, envelope.indexOf('@'));
        assertThat(rcpt(local + "@fsbounce.not-a-customer.example")).contains("550");
        assertThat(rcpt(local.substring(0, local.length() - 4) + "0000@" + returnPath)).contains("550");
        assertThat(rcpt(local + "@" + returnPath)).startsWith("250");
    }

    @Test
    void mxRecordsToTheBounceDomainsMailHostsCountAsTheReturnPathAndOthersDoNot() {
        var a = fixtures.account();
        String domain = "rpmx-" + a.id().toString().substring(24) + ".example";
        String returnPath = "fsbounce." + domain;
        var d = signedDomain(a, domain);
        DNS.mx(BOUNCE_DOMAIN, "mx1." + BOUNCE_DOMAIN, "mx2." + BOUNCE_DOMAIN);

        DNS.mx(returnPath, "mx.other-provider.example");
        JsonNode elsewhere = check(a, d.get("id"));
        assertThat(status(elsewhere, "return-path")).isEqualTo("mismatch");
        assertThat(elsewhere.at("/alignment/envelopeDomain").asString()).isEqualTo(BOUNCE_DOMAIN);

        DNS.mx(returnPath, "mx2." + BOUNCE_DOMAIN, "mx1." + BOUNCE_DOMAIN);
        DNS.txt(returnPath, "v=spf1 ip4:192.0.2.0/24 -all");
        JsonNode ours = check(a, d.get("id"));
        assertThat(status(ours, "return-path")).isEqualTo("ok");
        assertThat(ours.at("/alignment/spfAligned").asBoolean()).isTrue();
        assertThat(ours.at("/alignment/envelopeDomain").asString()).isEqualTo(returnPath);
    }

    private void send(String to, String raw) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(InboundPort.of(context)));
        p.put("mail.smtp.from", "");
        p.put("mail.smtp.localhost", "mx.receiver.example");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        Transport.send(m, new Address[] {new InternetAddress(to)});
    }

    /** The inbound listener's reply to RCPT TO for {@code address}, over a plain SMTP session. */
    private String rcpt(String address) {
        try (var socket = new java.net.Socket("127.0.0.1", InboundPort.of(context))) {
            socket.setSoTimeout(10_000);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            var out = new java.io.PrintWriter(new java.io.OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII));
            reply(in);
            out.print("EHLO mx.receiver.example\r\n");
            out.flush();
            reply(in);
            out.print("MAIL FROM:<>\r\n");
            out.flush();
            reply(in);
            out.print("RCPT TO:<" + address + ">\r\n");
            out.flush();
            String answer = reply(in);
            out.print("QUIT\r\n");
            out.flush();
            return answer;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String reply(java.io.BufferedReader in) throws java.io.IOException {
        String line;
        StringBuilder all = new StringBuilder();
        do {
            line = in.readLine();
            all.append(line).append('\n');
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return all.toString().lines().reduce((x, y) -> y).orElse("");
    }
}
