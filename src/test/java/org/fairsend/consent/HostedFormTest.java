package org.fairsend.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.fairsend.support.TestMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Tokens;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.HostedForms;
import org.fairsend.support.Fixtures.TestAccount;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hosted forms (R-2) and double opt-in (R-3) through real HTTP and a real SMTP server. */
@PostgresTest
class HostedFormTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(TestMail.SMTP);

    static final String DECLARATION = "J'accepte de recevoir par e-mail la lettre de la <b>Boulangerie</b>.";
    static final String SUBJECT = "les nouveautés et promotions de la boulangerie";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConsentLedger ledger;
    @Autowired Tokens tokens;
    @Autowired FairsendProperties props;

    UUID newList(TestAccount a) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into contact_list (id, account_id, name, created_at) values (?, ?, ?, ?)")
                .params(id, a.id(), "Newsletter " + id, Timestamp.from(Instant.now())).update();
        return id;
    }

    String createForm(TestAccount a, String optInType, UUID listId, String redirect) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Newsletter", "subject", SUBJECT,
                "declarationText", DECLARATION, "optInType", optInType));
        if (listId != null) body.put("listId", listId.toString());
        if (redirect != null) body.put("redirectUrl", redirect);
        var r = a.api().post("/api/forms", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    static String form(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (!sb.isEmpty()) sb.append('&');
            sb.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /**
     * Submits the form as a browser does (issue 15): fetches the page for its signed fill token, takes longer than the
     * minimum fill time (300 ms in the test profile), posts.
     */
    Api.Response submit(String formId, String body) {
        String token = HostedForms.fillToken(fixtures.anonymous(), formId);
        HostedForms.waitMinimumFillTime();
        return fixtures.anonymous().withHeader("Referer", "https://boulangerie.example.fr/newsletter")
                .withHeader("User-Agent", "TestBrowser/1.0")
                .postRaw("/f/" + formId, body + "&fill=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                        "application/x-www-form-urlencoded");
    }

    String contactStatus(TestAccount a, String email) {
        return jdbc.sql("select coalesce(s.status, 'none') from contact c left join contact_subscription s on s.contact_id = c.id"
                + " and s.channel = 'email' where c.account_id = ? and c.email = ?").params(a.id(), email)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void formApiValidatesNamingFieldAndRule() {
        var a = fixtures.account();
        var noSubject = a.api().post("/api/forms", Map.of("name", "N", "declarationText", "I agree", "optInType", "double",
                "redirectUrl", "javascript:alert(1)"));
        assertThat(noSubject.status()).isEqualTo(422);
        assertThat(noSubject.body()).contains("\"field\":\"subject\"").contains("\"rule\":\"R-2\"")
                .contains("\"field\":\"redirectUrl\"");
        var badType = a.api().post("/api/forms", Map.of("name", "N", "subject", "S", "declarationText", "D", "optInType", "maybe"));
        assertThat(badType.json().at("/errors/0/field").asString()).isEqualTo("optInType");
        var unknownList = a.api().post("/api/forms", Map.of("name", "N", "subject", "S", "declarationText", "D",
                "optInType", "single", "listId", UUID.randomUUID().toString()));
        assertThat(unknownList.status()).isEqualTo(422);
        assertThat(unknownList.json().at("/errors/0/field").asString()).isEqualTo("listId");
        // another account's list is unknown too
        var other = fixtures.account();
        var foreignList = a.api().post("/api/forms", Map.of("name", "N", "subject", "S", "declarationText", "D",
                "optInType", "single", "listId", newList(other).toString()));
        assertThat(foreignList.status()).isEqualTo(422);

        String id = createForm(a, "double", newList(a), null);
        var listed = a.api().get("/api/forms");
        assertThat(listed.json().get(0).get("id").asString()).isEqualTo(id);
        assertThat(listed.json().get(0).get("url").asString()).isEqualTo(props.publicUrl() + "/f/" + id);
        assertThat(a.api().get("/api/forms/" + id).status()).isEqualTo(200);
        assertThat(other.api().get("/api/forms/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("/api/forms").json().size()).isZero();
    }

    @Test
    void formPageHasOneUntickedCheckboxNamingTheSubject() {
        var a = fixtures.account();
        String id = createForm(a, "double", null, null);
        var page = fixtures.anonymous().get("/f/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String html = page.body();
        Matcher boxes = Pattern.compile("<input[^>]*type=\"checkbox\"[^>]*>").matcher(html);
        assertThat(boxes.find()).isTrue();
        String box = boxes.group();
        assertThat(box).doesNotContain("checked").contains("name=\"consent\"").contains("id=\"consent\"");
        assertThat(boxes.find()).as("only one checkbox").isFalse();
        assertThat(html).contains("<label for=\"consent\">").contains(SUBJECT)
                .contains("J&#39;accepte de recevoir par e-mail la lettre de la &lt;b&gt;Boulangerie&lt;/b&gt;.")
                .contains(a.account().displayName()).contains("lang=\"en\"")
                .doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http");
        assertThat(fixtures.anonymous().get("/f/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(fixtures.anonymous().get("/f/not-a-form").status()).isEqualTo(404);
    }

    @Test
    void anUntickedSubmissionRecordsNothing() {
        var a = fixtures.account();
        String id = createForm(a, "single", null, null);
        var r = submit(id, form("email", "paul@example.fr"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("tick the box").contains("role=\"alert\"").contains("value=\"paul@example.fr\"");
        var no = submit(id, form("email", "paul@example.fr", "consent", "no"));
        assertThat(no.status()).isEqualTo(422);
        var badEmail = submit(id, form("email", "paul@", "consent", "yes"));
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.body()).contains("not valid");
        assertThat(ledger.recordsFor(a.id(), "paul@example.fr")).isEmpty();
        assertThat(contactStatus(a, "paul@example.fr")).isNull();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void doubleOptInIsConsentOnlyAfterAPostedConfirmation() throws Exception {
        var a = fixtures.account();
        UUID list = newList(a);
        String id = createForm(a, "double", list, null);
        var r = submit(id, form("email", "Jeanne.Martin@Example.FR", "consent", "yes"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Check your inbox");
        String email = "jeanne.martin@example.fr";

        // recorded as an unconfirmed grant with the R-4 evidence: not consent yet
        List<ConsentRecord> records = ledger.recordsFor(a.id(), email);
        assertThat(records).hasSize(1);
        ConsentRecord grant = records.getFirst();
        assertThat(grant.action()).isEqualTo(ConsentRecord.Action.GRANT);
        assertThat(grant.basis()).isEqualTo(ConsentBasis.OPT_IN);
        assertThat(grant.optInType()).isEqualTo(OptInType.DOUBLE);
        assertThat(grant.context()).isEqualTo(CollectionContext.NEWSLETTER);
        assertThat(grant.sourceUrl()).isEqualTo(props.publicUrl() + "/f/" + id);
        // the Referer is personal data (its query string): kept in the erasable part, not the immutable record (X-5)
        assertThat(grant.referer()).contains("https://boulangerie.example.fr/newsletter");
        assertThat(grant.contextDetail()).isNull();
        assertThat(grant.ip()).isEqualTo("127.0.0.1");
        assertThat(grant.userAgent()).isEqualTo("TestBrowser/1.0");
        assertThat(grant.declarationText()).isEqualTo(DECLARATION);
        assertThat(grant.subject()).isEqualTo(SUBJECT);
        assertThat(grant.separateConsent()).isTrue();
        assertThat(grant.explicit()).isTrue();
        assertThat(grant.provenance()).isEqualTo("form:" + id);
        assertThat(grant.collectedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        ConsentState before = ledger.state(a.id(), Channel.EMAIL, email);
        assertThat(before.status()).isEqualTo(ConsentState.Status.UNCONFIRMED);
        assertThat(before.isConsent()).isFalse();
        assertThat(contactStatus(a, email)).isEqualTo("unconfirmed");

        // the confirmation mail names the account and the subject, and carries the link
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(props.platformFrom());
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(email);
        assertThat(mail.getSubject()).contains(a.account().displayName());
        String text = mail.getContent().toString();
        assertThat(text).contains(SUBJECT).contains(a.account().legalName());
        Matcher m = Pattern.compile(Pattern.quote(props.publicUrl()) + "(/confirm/[A-Za-z0-9_~.-]+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String path = m.group(1);
        String token = path.substring("/confirm/".length());
        // the link lasts fairsend.consent.confirmation-ttl (7 days by default)
        long expires = Long.parseLong(token.split("\\.")[1], 36);
        assertThat(Instant.ofEpochSecond(expires)).isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(120),
                Instant.now().plus(Duration.ofDays(7)).plusSeconds(5));

        // GET shows one Confirm button and confirms nothing (mail scanners follow links)
        Api anon = fixtures.anonymous();
        var page = anon.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("method=\"post\"").contains(">Confirm</button>").contains(SUBJECT);
        assertThat(anon.get(path).status()).isEqualTo(200);
        assertThat(ledger.recordsFor(a.id(), email)).hasSize(1);
        assertThat(ledger.state(a.id(), Channel.EMAIL, email).isConsent()).isFalse();

        // POST confirms, as a plain curl -X POST would
        Instant beforeConfirm = Instant.now().minusSeconds(1);
        var confirmed = anon.withHeader("User-Agent", "curl/8.5.0").send("POST", path, null, null);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscription confirmed");
        records = ledger.recordsFor(a.id(), email);
        assertThat(records).extracting(ConsentRecord::action)
                .containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.CONFIRM);
        ConsentRecord confirm = records.get(1);
        assertThat(confirm.refersTo()).isEqualTo(grant.id());
        assertThat(confirm.ip()).isEqualTo("127.0.0.1");
        assertThat(confirm.userAgent()).isEqualTo("curl/8.5.0");
        assertThat(confirm.collectedAt()).isBetween(beforeConfirm, Instant.now().plusSeconds(1));
        ConsentState after = ledger.state(a.id(), Channel.EMAIL, email);
        assertThat(after.status()).isEqualTo(ConsentState.Status.GRANTED);
        assertThat(after.isConsent()).isTrue();
        assertThat(contactStatus(a, email)).isEqualTo("subscribed");
        assertThat(jdbc.sql("""
                select count(*) from contact_list_member m join contact c on c.id = m.contact_id
                where m.list_id = ? and c.email = ?""").params(list, email).query(Long.class).single()).isEqualTo(1L);
        assertThat(ledger.verify(a.id()).intact()).isTrue();

        // a replayed link is refused clearly, as a page or as problem+json
        var replay = anon.send("POST", path, null, null);
        assertThat(replay.status()).isEqualTo(410);
        assertThat(replay.header("Content-Type")).startsWith("text/html");
        assertThat(replay.body()).contains("already confirmed");
        var replayJson = anon.withHeader("Accept", "application/json").send("POST", path, null, null);
        assertThat(replayJson.status()).isEqualTo(410);
        assertThat(replayJson.header("Content-Type")).startsWith("application/problem+json");
        assertThat(replayJson.json().at("/errors/0/rule").asString()).isEqualTo("already-confirmed");
        assertThat(anon.get(path).status()).isEqualTo(410);
        assertThat(ledger.recordsFor(a.id(), email)).hasSize(2);
    }

    @Test
    void expiredAndForgedLinksAreRefusedAndConfirmNothing() {
        var a = fixtures.account();
        String id = createForm(a, "double", null, null);
        assertThat(submit(id, form("email", "late@example.fr", "consent", "yes")).status()).isEqualTo(200);
        long grantId = ledger.recordsFor(a.id(), "late@example.fr").getFirst().id();
        Api anon = fixtures.anonymous();

        String expired = tokens.sign("confirm", a.id() + "~" + grantId, Instant.now().minusSeconds(60));
        var e = anon.send("POST", "/confirm/" + expired, null, null);
        assertThat(e.status()).isEqualTo(410);
        assertThat(e.body()).contains("expired");
        var eJson = anon.withHeader("Accept", "application/json").get("/confirm/" + expired);
        assertThat(eJson.status()).isEqualTo(410);
        assertThat(eJson.json().at("/errors/0/rule").asString()).isEqualTo("expired");

        String valid = tokens.sign("confirm", a.id() + "~" + grantId, Instant.now().plusSeconds(600));
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        var f = anon.send("POST", "/confirm/" + forged, null, null);
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.body()).contains("not valid");
        // a signed link for another purpose, or pointing at another grant, does not work either
        String otherPurpose = tokens.sign("unsubscribe", a.id() + "~" + grantId, Instant.now().plusSeconds(600));
        assertThat(anon.send("POST", "/confirm/" + otherPurpose, null, null).status()).isEqualTo(400);
        var other = fixtures.account();
        String wrongAccount = tokens.sign("confirm", other.id() + "~" + grantId, Instant.now().plusSeconds(600));
        assertThat(anon.send("POST", "/confirm/" + wrongAccount, null, null).status()).isEqualTo(400);
        var garbage = anon.withHeader("Accept", "application/problem+json").send("POST", "/confirm/garbage", null, null);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().at("/errors/0/rule").asString()).isEqualTo("malformed");

        assertThat(ledger.recordsFor(a.id(), "late@example.fr")).hasSize(1);
        assertThat(ledger.state(a.id(), Channel.EMAIL, "late@example.fr").status()).isEqualTo(ConsentState.Status.UNCONFIRMED);

        // the genuine link still works
        var ok = anon.withHeader("Accept", "application/json").send("POST", "/confirm/" + valid, null, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("consent").asString()).isEqualTo("granted");
    }

    @Test
    void singleOptInSubscribesAtOnceAndRedirects() {
        var a = fixtures.account();
        String id = createForm(a, "single", null, "https://boulangerie.example.fr/merci");
        var r = submit(id, form("email", "luc@example.fr", "consent", "yes"));
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("https://boulangerie.example.fr/merci");
        assertThat(ledger.state(a.id(), Channel.EMAIL, "luc@example.fr").isConsent()).isTrue();
        assertThat(contactStatus(a, "luc@example.fr")).isEqualTo("subscribed");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
