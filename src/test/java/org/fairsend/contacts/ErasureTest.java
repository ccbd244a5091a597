package org.fairsend.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.feedback.internal.InboundSmtpPort;
import org.fairsend.platform.Pseudonyms;
import org.fairsend.reputation.Dsn;
import org.fairsend.support.HostedForms;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.fairsend.support.TestSmsc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15's "erasure that erases" (X-5) and the complete access export (GDPR Art. 15), through real HTTP, SMTP and
 * SMPP: a person subscribes on a hosted form (with their address in the Referer's query string) and confirms, is
 * imported with their name and number, receives an email campaign and an SMS campaign, opens, bounces, complains,
 * replies by mail and by SMS, unsubscribes, calls a tracked number, posts a call-tracking form and writes to a
 * medium's address. The export shows all of it, with the messages as they were received. Then they are erased, and
 * every text, JSON and binary column of every table (from information_schema) is searched for their address, number
 * and name: none is found; the unsubscribe page and every API show nothing of them; their suppression still blocks a
 * new campaign.
 */
@PostgresTest
class ErasureTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final TestSmsc SMSC = TestSmsc.started();

    static final String FIRST = "Zéphyrine";
    static final String LAST = "Quatrefages";
    static final String EMAIL = "zephyrine.quatrefages@lavande-courrier.example";
    static final String PHONE = "+33671829304";
    static final String NATIONAL = "06 71 82 93 04";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry r) {
        SMSC.register(r, "test-smsc");
        r.add("fairsend.sms.short-code", () -> "36111");
        r.add("fairsend.sms.reconnect-initial", () -> "100ms");
        r.add("fairsend.sms.receipt-poll", () -> "100ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired Pseudonyms pseudonyms;
    @Autowired ApplicationContext context;

    @BeforeEach
    void aWeekdayMorning() {
        // a Monday at 10:00 in Paris: inside the email and SMS windows (X-4)
        clock.setNow(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, PARIS).toInstant());
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void stopSmsc() throws Exception {
        SMSC.close();
    }

    static final String HTML = """
            <html><body><h1>Bonjour {{ contact.first_name | default("") }} {{ contact.last_name | default("") }} !</h1>
            <p>Notre pain de campagne au levain revient cette semaine, cuit au feu de bois.</p>
            <p><a href="https://boulangerie.example/pain?qui={{ contact.email }}">Voir le pain de campagne</a></p>
            <p><a href="{{ unsubscribe_url }}">Se désinscrire</a></p></body></html>""";

    @Test
    void aPersonWhoWentThroughEveryChannelIsErasedFromEveryTableAndStillSuppressed() throws Exception {
        Api operator = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, operator);
        var a = s.account();
        Api api = a.api();
        var approved = operator.post("/api/operator/accounts/" + a.id() + "/sms-senders", Map.of("sender", "MaBoutique"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);

        // 1. a hosted double opt-in form, the Referer carrying the address in its query string; confirmed by POST
        var form = api.post("/api/forms", Map.of("name", "Newsletter", "subject", "les nouveautés de la boulangerie",
                "declarationText", "J'accepte de recevoir la lettre de la boulangerie.", "optInType", "double", "listId", s.listId()));
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        String formId = form.json().get("id").asString();
        String fill = HostedForms.fillToken(fixtures.anonymous(), formId); // as a browser does
        HostedForms.waitMinimumFillTime();
        var posted = fixtures.anonymous()
                .withHeader("Referer", "https://blog.example/landing?email=" + EMAIL + "&tel=" + PHONE.substring(1) + "&prenom=" + FIRST)
                .withHeader("User-Agent", "Navigateur de " + FIRST + " " + LAST)
                .postRaw("/f/" + formId, "email=" + URLEncoder.encode(EMAIL, StandardCharsets.UTF_8) + "&consent=yes&fill="
                        + URLEncoder.encode(fill, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        MimeMessage confirmation = awaitMail(EMAIL, m -> m.getSubject() != null && !m.getSubject().contains("Bonjour"));
        Matcher link = Pattern.compile("(/confirm/[A-Za-z0-9_~.-]+)").matcher(text(confirmation));
        assertThat(link.find()).isTrue();
        assertThat(fixtures.anonymous().send("POST", link.group(1), null, null).status()).isEqualTo(200);

        // 2. imported with the name, the number and SMS consent
        String csv = "email,phone,first_name,last_name,channels,consent_basis,opt_in_type,collected_at,source_url,ip,declaration_text,subject,explicit,city\n"
                + EMAIL + "," + NATIONAL + "," + FIRST + "," + LAST + ",email|sms,opt_in,single,2026-06-01T10:00:00Z,"
                // the form's URL carried the address in its query string: the ledger keeps only the page in its
                // immutable part, the query goes to the erasable part (X-5)
                + "https://boulangerie.example/inscription?email=" + EMAIL + ",203.0.113.7,J'accepte de recevoir les offres de la boulangerie,"
                + "Offres de la boulangerie,true,Lyon\n";
        var imported = api.postRaw("/api/imports?format=csv&provenance=own_form&listId=" + s.listId(), csv, "text/csv");
        assertThat(imported.status()).as(imported.body()).isIn(200, 201, 202);
        String importId = imported.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !api.get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        assertThat(api.get("/api/imports/" + importId).json().get("rowsAccepted").asLong()).isEqualTo(1);
        JsonNode contact = api.get("/api/contacts?q=" + LAST.toLowerCase()).json().at("/items/0");
        String contactId = contact.get("id").asString();
        assertThat(contact.get("phone").asString()).isEqualTo(PHONE);

        // 3. an email campaign, personalised with the name
        String emailCampaign = EmailSetup.campaign(s, "Bonjour {{ contact.first_name | default(\"client\") }}, le pain revient", HTML, Map.of());
        start(api, emailCampaign);
        awaitFinished(api, emailCampaign);
        MimeMessage received = awaitMail(EMAIL, m -> m.getSubject().startsWith("Bonjour"));
        assertThat(received.getSubject()).isEqualTo("Bonjour " + FIRST + ", le pain revient");
        String returnPath = received.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim();
        String bounceDomain = returnPath.substring(returnPath.indexOf('@') + 1);
        String html = html(received);

        // 4. an SMS campaign over SMPP, and the person's reply
        var sms = api.post("/api/campaigns", Map.of("name", "Offre SMS", "channel", "sms", "smsSender", "MaBoutique",
                "text", "Bonjour {{ contact.first_name | default(\"client\") }}, -20% sur le pain ce week-end", "listIds", List.of(s.listId())));
        assertThat(sms.status()).as(sms.body()).isEqualTo(201);
        String smsCampaign = sms.json().get("id").asString();
        start(api, smsCampaign);
        awaitFinished(api, smsCampaign);
        assertThat(SMSC.submittedTo(PHONE)).isNotEmpty();
        SMSC.mo(PHONE, "36111", "C'est " + FIRST + " " + LAST + ", rappelez-moi au " + NATIONAL);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from sms_reply where from_hash = ?", pseudonyms.address(PHONE)) > 0);

        // 5. an open (the user agent names them), a reply, a complaint and a bounce through the inbound SMTP listener
        Matcher pixel = Pattern.compile("src=\"[^\"]*(/o/[^\"]+)\"").matcher(html);
        assertThat(pixel.find()).as(html).isTrue();
        fixtures.anonymous().withHeader("User-Agent", "Téléphone de " + FIRST + " " + LAST).get(pixel.group(1).replace("&amp;", "&"));
        int port = InboundSmtpPort.of(context);
        StringBuilder headers = new StringBuilder();
        var lines = received.getAllHeaderLines();
        while (lines.hasMoreElements()) headers.append(lines.nextElement()).append("\r\n");
        send(port, "\"" + FIRST + " " + LAST + "\" <" + EMAIL + ">", returnPath, "RE: Bonjour " + FIRST,
                "Merci ! Appelez-moi au " + NATIONAL + ".\r\n" + FIRST + " " + LAST + "\r\n");
        sendRaw(port, "", "fbl@" + bounceDomain, arf("fbl@" + bounceDomain, headers.toString()));
        sendRaw(port, "", returnPath, Dsn.userUnknown(returnPath, EMAIL, headers.toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from bounce where recipient_hash = ?", pseudonyms.address(EMAIL)) > 0);

        // 6. the one-click unsubscribe of the message
        String unsubscribe = received.getHeader("List-Unsubscribe")[0].replaceAll("\\s+", "").replaceAll(".*<(https?://[^>]+)>.*", "$1");
        String unsubscribePath = unsubscribe.substring(unsubscribe.indexOf("/u/"));
        var oneClick = fixtures.anonymous().withHeader("User-Agent", "Messagerie de " + FIRST)
                .postRaw(unsubscribePath, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(fixtures.anonymous().get(unsubscribePath).body()).contains(EMAIL);

        // 7. call tracking: a call from the number, a form and an email through a medium
        String tracked = "+33142860077";
        var numbers = operator.post("/api/operator/calltracking/numbers/import", Map.of("numbers", List.of(tracked)));
        assertThat(numbers.status()).as(numbers.body()).isEqualTo(201);
        String numberId = numbers.json().get("imported").get(0).get("id").asString();
        var assigned = operator.post("/api/operator/calltracking/numbers/" + numberId + "/assign", Map.of("accountId", a.id().toString(), "reason", "test"));
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(api.put("/api/calltracking/settings", Map.of("callerNumbers", "full")).status()).isEqualTo(200);
        var medium = api.post("/api/calltracking/media", Map.of("name", "Site web", "type", "website"));
        assertThat(medium.status()).as(medium.body()).isEqualTo(201);
        assertThat(api.put("/api/calltracking/numbers/" + numberId, Map.of("mediumId", medium.json().get("id").asString())).status()).isEqualTo(200);
        Api provider = new Api(fixtures.port(), "test-calltracking-token");
        for (String event : List.of("call.started", "call.ended")) {
            var r = provider.post("/webhooks/calltracking", Map.of("event", event, "callId", "erase-" + a.id(), "from", NATIONAL,
                    "to", tracked, "at", clock.instant().toString()));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        JsonNode m = api.get("/api/calltracking/media").json().get(0);
        String formUrl = m.get("formUrl").asString();
        var ctForm = fixtures.anonymous().post(formUrl.substring(formUrl.indexOf("/t/")),
                Map.of("nom", FIRST + " " + LAST, "courriel", EMAIL, "tel", NATIONAL, "message", "Un devis pour " + FIRST + " svp"));
        assertThat(ctForm.status()).as(ctForm.body()).isEqualTo(201);
        send(port, "\"" + FIRST + " " + LAST + "\" <" + EMAIL + ">", m.get("emailAddress").asString(), "Devis pour " + FIRST + " " + LAST,
                "Bonjour, je suis joignable au " + NATIONAL + ".");

        // the access export (Art. 15), by address, is complete: messages as received, bounces, unsubscribes, calls...
        JsonNode byEmail = api.get("/api/contacts/export?address=" + URLEncoder.encode(EMAIL, StandardCharsets.UTF_8)).json();
        assertThat(byEmail.at("/contact/lastName").asString()).isEqualTo(LAST);
        assertThat(byEmail.get("addresses").toString()).contains(EMAIL, PHONE);
        assertThat(byEmail.get("consentRecords").size()).isGreaterThanOrEqualTo(3);
        assertThat(byEmail.get("consentInForce").size()).isGreaterThanOrEqualTo(2);
        JsonNode sections = byEmail.get("sections");
        assertThat(sections.get("messages").toString()).contains("Bonjour " + FIRST + ", le pain revient", "Bonjour " + FIRST + " " + LAST + " !",
                "Bonjour " + FIRST + ", -20% sur le pain ce week-end").doesNotContain("{{")
                // a campaign keeps its template, not each copy: the export says the copy is rebuilt from today's data
                .contains("rendered again from the campaign's template with the recipient's current data");
        assertThat(sections.get("bounces").size()).isPositive();
        assertThat(sections.get("unsubscribes").size()).isPositive();
        assertThat(sections.get("smsReplies").toString()).contains(LAST);
        assertThat(sections.get("calls").toString()).contains(PHONE, tracked);
        assertThat(sections.get("callTrackingContacts").toString()).contains("Un devis pour", "Devis pour " + FIRST);
        var page = api.withHeader("Accept", "text/html").get("/api/contacts/export.html?address=" + URLEncoder.encode(NATIONAL, StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Your personal data", LAST, "Bonjour " + FIRST + ", le pain revient").doesNotContain("{\"");
        Fixtures.TestAccount other = fixtures.account();
        JsonNode foreign = other.api().get("/api/contacts/export?address=" + URLEncoder.encode(EMAIL, StandardCharsets.UTF_8)).json();
        assertThat(foreign.path("contact").isNull() || foreign.path("contact").isMissingNode()).isTrue();
        assertThat(foreign.toString()).doesNotContain(LAST, PHONE, "le pain revient");
        assertThat(other.api().get("/api/contacts/" + contactId + "/export").status()).isEqualTo(404);

        // erasure
        assertThat(api.delete("/api/contacts/" + contactId).status()).isEqualTo(204);

        // no text, JSON or binary column of any table holds the address, the number or the name
        List<String> needles = List.of(EMAIL, PHONE, PHONE.substring(1), "0671829304", NATIONAL, "06.71.82.93.04", FIRST, LAST);
        assertThat(occurrences(needles)).isEmpty();

        // the APIs and the unsubscribe page show nothing of them
        assertThat(api.get("/api/contacts/" + contactId).status()).isEqualTo(404);
        assertThat(api.get("/api/contacts?q=" + LAST.toLowerCase()).json().get("items")).isEmpty();
        for (String asked : List.of(EMAIL, PHONE)) {
            String q = URLEncoder.encode(asked, StandardCharsets.UTF_8);
            for (String path : List.of("/api/contacts/export?address=", "/api/contacts/export.html?address=", "/api/evidence?address=",
                    "/api/evidence.html?address=")) {
                var r = api.get(path + q);
                assertThat(r.status()).as(path).isEqualTo(200);
                String body = r.body().replace(asked, "");
                assertThat(body).as(path + asked).doesNotContain(EMAIL, PHONE, "0671829304", NATIONAL, FIRST, LAST, "le pain revient");
            }
        }
        var unsubscribePage = fixtures.anonymous().get(unsubscribePath);
        assertThat(unsubscribePage.body()).doesNotContain(EMAIL, FIRST, LAST);

        // the suppression (by keyed hash) still blocks them: the address is refused at import and blocked in a campaign
        var again = api.postRaw("/api/imports?format=csv&provenance=own_form&listId=" + s.listId(), csv, "text/csv");
        String againId = again.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> !api.get("/api/imports/" + againId).json().get("status").asString().equals("running"));
        assertThat(api.get("/api/imports/" + againId).json().get("rowsAccepted").asLong()).isZero();
        // the person gives consent again through the API (the checkout of a shop): the erasure's suppression still holds
        Map<String, Object> consent = new java.util.HashMap<>(Map.of("channel", "email", "address", EMAIL, "basis", "opt_in",
                "optInType", "single", "context", "other", "collectedAt", clock.instant().minusSeconds(60).toString(),
                "sourceUrl", "https://boulangerie.example/commande", "declarationText", "J'accepte de recevoir la lettre de la boulangerie.",
                "subject", "les nouveautés de la boulangerie", "explicit", true));
        consent.put("separateConsent", true);
        consent.put("ip", "203.0.113.9");
        consent.put("userAgent", "Mozilla/5.0");
        var back = api.post("/api/consents", consent);
        assertThat(back.status()).as(back.body()).isIn(200, 201);
        String backId = back.json().get("contactId").asString();
        assertThat(api.put("/api/lists/" + s.listId() + "/contacts/" + backId, Map.of()).status()).isIn(201, 204);
        int before = mailsTo(EMAIL);
        String later = EmailSetup.campaign(s, "Le pain du dimanche", HTML, Map.of());
        // the audience's read model knows suppressions by plain address only: the batch check and the last-mile gate,
        // by keyed hash, block the message
        start(api, later);
        JsonNode progress = awaitFinished(api, later);
        assertThat(progress.get("sent").asLong()).as(progress.toString()).isZero();
        assertThat(progress.get("blocked").asLong()).isEqualTo(1);
        assertThat(count("select count(*) from send_log where campaign_id = ? and outcome = 'blocked' and reason = 'suppressed'",
                java.util.UUID.fromString(later))).isEqualTo(1);
        assertThat(mailsTo(EMAIL)).isEqualTo(before);
        assertThat(api.get("/api/suppressions/check?channel=sms&address=" + URLEncoder.encode(PHONE, StandardCharsets.UTF_8)).json()
                .get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void anAddressNoContactHoldsIsErasedByAddressInItsAccountOnly() throws Exception {
        var a = fixtures.account();
        var b = fixtures.account();
        String caller = "+33671829377";
        String email = "quidam.erasure@lavande-courrier.example";
        // a call-tracking form naming the person in each account: the only trace of them
        for (var acc : List.of(a, b)) {
            var medium = acc.api().post("/api/calltracking/media", Map.of("name", "Affiche", "type", "poster"));
            assertThat(medium.status()).as(medium.body()).isEqualTo(201);
            String formUrl = acc.api().get("/api/calltracking/media").json().get(0).get("formUrl").asString();
            var posted = fixtures.anonymous().post(formUrl.substring(formUrl.indexOf("/t/")),
                    Map.of("nom", "Anatole Quidam", "courriel", email, "tel", "06 71 82 93 77"));
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        }
        assertThat(a.api().get("/api/contacts/export?address=" + caller.replace("+", "%2B")).json().at("/sections/callTrackingContacts").size())
                .isEqualTo(1);
        assertThat(a.api().delete("/api/contacts?address=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).status()).isEqualTo(204);

        assertThat(count("select count(*) from ct_form_contact where account_id = ? and fields like ?", a.id(), "%Quidam%")).isZero();
        assertThat(count("select count(*) from ct_form_contact where account_id = ?", a.id())).isEqualTo(1);
        assertThat(count("select count(*) from ct_form_contact where account_id = ? and fields like ?", b.id(), "%Quidam%")).isEqualTo(1);
        assertThat(a.api().get("/api/suppressions/check?channel=email&address=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).json()
                .get("suppressed").asBoolean()).isTrue();
        assertThat(b.api().get("/api/suppressions/check?channel=email&address=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).json()
                .get("suppressed").asBoolean()).isFalse();
        assertThat(a.api().delete("/api/contacts?address=not-an-address").status()).isEqualTo(422);
    }

    // ---- helpers

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** Every column of every table and view whose text (or bytes) holds one of {@code needles}, read from the catalogue. */
    List<String> occurrences(List<String> needles) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = current_schema() and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
                order by table_name, column_name""").query().listOfRows();
        assertThat(columns.size()).isGreaterThan(100);
        for (Map<String, Object> c : columns) {
            String table = (String) c.get("table_name");
            String column = (String) c.get("column_name");
            boolean bytes = "bytea".equals(c.get("data_type"));
            for (String n : needles) {
                String sql = bytes
                        ? "select count(*) from \"" + table + "\" where position(convert_to(?, 'UTF8') in \"" + column + "\") > 0"
                        : "select count(*) from \"" + table + "\" where lower(cast(\"" + column + "\" as text)) like ?";
                Object param = bytes ? n : "%" + n.toLowerCase() + "%";
                long hits = jdbc.sql(sql).param(param).query(Long.class).single();
                if (hits > 0) found.add(table + "." + column + " holds '" + n + "' (" + hits + " rows)");
                if (bytes) {
                    long lower = jdbc.sql("select count(*) from \"" + table + "\" where position(convert_to(?, 'UTF8') in \"" + column + "\") > 0")
                            .param(n.toLowerCase()).query(Long.class).single();
                    if (lower > 0 && hits == 0) found.add(table + "." + column + " holds '" + n.toLowerCase() + "' (" + lower + " rows)");
                }
            }
        }
        return found;
    }

    static void start(Api api, String campaignId) {
        var r = api.post("/api/campaigns/" + campaignId + "/start", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static JsonNode awaitFinished(Api api, String campaignId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/campaigns/" + campaignId).json().get("status").asString().equals("finished"));
        return api.get("/api/campaigns/" + campaignId + "/progress").json();
    }

    interface MailTest {
        boolean test(MimeMessage m) throws Exception;
    }

    static MimeMessage awaitMail(String to, MailTest test) {
        MimeMessage[] found = new MimeMessage[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && test.test(m)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    static int mailsTo(String to) throws Exception {
        int n = 0;
        for (MimeMessage m : mail.getReceivedMessages()) if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to)) n++;
        return n;
    }

    static String text(MimeMessage m) throws Exception {
        Object c = m.getContent();
        if (c instanceof jakarta.mail.internet.MimeMultipart mp) return String.valueOf(mp.getBodyPart(0).getContent());
        return String.valueOf(c);
    }

    static String html(MimeMessage m) throws Exception {
        Object c = m.getContent();
        if (c instanceof jakarta.mail.internet.MimeMultipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                if (mp.getBodyPart(i).isMimeType("text/html")) return String.valueOf(mp.getBodyPart(i).getContent());
            }
        }
        return String.valueOf(c);
    }

    /** A plain mail over SMTP to the inbound listener. */
    static void send(int port, String from, String to, String subject, String body) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        Transport.send(m);
    }

    /** A raw message with the null reverse path (a report, as an MTA sends it). */
    static void sendRaw(int port, String envelopeFrom, String to, String raw) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.from", envelopeFrom);
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            t.sendMessage(m, new Address[] {new InternetAddress(to)});
        }
    }

    /** An ARF complaint (RFC 5965) from a mailbox provider nobody configured: stored, counted as nothing. */
    static String arf(String to, String originalHeaders) {
        String b = "arf-" + Long.toHexString(System.nanoTime());
        return "From: <abuse@fai.example>\r\nTo: <" + to + ">\r\nSubject: abuse report\r\nDate: "
                + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                + "Message-ID: <" + b + "@fai.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"" + b + "\"\r\n\r\n"
                + "--" + b + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThis is an abuse report.\r\n\r\n"
                + "--" + b + "\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: FAI/1.0\r\nVersion: 1\r\n"
                + "Original-Rcpt-To: <" + EMAIL + ">\r\nArrival-Date: " + Instant.now() + "\r\n\r\n"
                + "--" + b + "\r\nContent-Type: text/rfc822-headers\r\n\r\n" + originalHeaders + "\r\n--" + b + "--\r\n";
    }
}
