package org.fairsend.inquiries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.TestMail;

/**
 * Set-up for the evidence-request tests, through the public API only: an account that sent a campaign to two
 * contacts imported with their consent (the ledger's records), one of whom complained of unjustified use.
 */
public final class EvidenceSetup {

    /** A 1x1 PNG. */
    public static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    public record Complained(EmailSetup.Sending s, String campaignId, String domain, String address, long complaintId) {
        public Fixtures.TestAccount account() {
            return s.account();
        }
    }

    private EvidenceSetup() {}

    public static Complained complained(Fixtures fixtures, GreenMailExtension mail, String tag) {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        String domain = "clients-" + tag + "-" + s.account().id().toString().substring(28) + ".example";
        EmailSetup.importContacts(s, "client", domain, 2);
        String campaign = EmailSetup.campaign(s, "Le pain de campagne revient",
                "<p>Bonjour {{ contact.first_name }}, le pain de campagne revient.</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>",
                Map.of("name", "Lettre " + tag));
        var started = s.account().api().post("/api/campaigns/" + campaign + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessagesForDomain(domain).length == 2);
        String address = "client1@" + domain;
        var reported = operator.post("/api/operator/complaints/unjustified", Map.of("campaignId", campaign, "address", address,
                "note", "says they never signed up"));
        assertThat(reported.status()).as(reported.body()).isEqualTo(201);
        return new Complained(s, campaign, domain, address, reported.json().get("id").asLong());
    }

    /** Mails received by the account's contact address whose subject contains {@code subject}. */
    public static long mailsTo(GreenMailExtension mail, Fixtures.TestAccount a, String subject) {
        return Arrays.stream(mail.getReceivedMessagesForDomain("boulangerie-test.fr")).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(a.account().contactEmail()) && m.getSubject().contains(subject);
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    public static String lastBody(GreenMailExtension mail, Fixtures.TestAccount a, String subject) throws Exception {
        MimeMessage last = null;
        for (MimeMessage m : mail.getReceivedMessagesForDomain("boulangerie-test.fr")) {
            if (m.getAllRecipients()[0].toString().equals(a.account().contactEmail()) && m.getSubject().contains(subject)) last = m;
        }
        assertThat(last).as("a mail '" + subject + "' to " + a.account().contactEmail()).isNotNull();
        return TestMail.body(last);
    }

    /** A raw upload: the bytes as the body, the name in the query. */
    public static HttpResponse<String> upload(Fixtures fixtures, String key, long request, String filename, byte[] bytes, String contentType)
            throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixtures.port() + "/api/evidence-requests/" + request
                + "/attachments?filename=" + java.net.URLEncoder.encode(filename, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart upload (part {@code file}), as a browser's form sends it. */
    public static HttpResponse<String> uploadMultipart(Fixtures fixtures, String key, long request, String filename, byte[] bytes,
            String declaredType) throws Exception {
        String boundary = "----fairsend" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\nContent-Type: "
                + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixtures.port() + "/api/evidence-requests/" + request + "/attachments"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<byte[]> download(Fixtures fixtures, String key, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixtures.port() + path)).header("Authorization", "Bearer " + key)
                .GET().build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofByteArray());
    }
}
