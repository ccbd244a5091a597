package org.fairsend.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Regulated accounts (R-11, seed 002 §1.3, issue 19) through the API on PostgreSQL: an account applies for a regulated
 * theme with its licence and a document; the operator approves that theme until a date never after the licence's
 * expiry; a campaign on that theme then passes its preflight, starts and shows the approval, while another theme and
 * another account stay refused; when the approval ends (shifted clock) the theme is refused again, and the account was
 * warned by mail before; bad input answers problem+json naming the field and the rule; another account's application
 * answers 404.
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class RegulatedAccountsTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final String FOREX = "<html><body><p>Bonjour {{ contact.first_name }}, notre lettre sur le trading forex et les paires de devises"
            + " est en ligne.</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p></body></html>";
    static final String PENNY = "<html><body><p>Bonjour {{ contact.first_name }}, découvrez nos penny stocks de la semaine.</p>"
            + "<p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p></body></html>";

    @Autowired Fixtures fixtures;
    @Autowired ShiftedClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anApprovedThemeIsLiftedForThatAccountOnlyAndEveryCampaignItAllowsShowsTheApproval() throws Exception {
        Api op = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, op);
        EmailSetup.importContacts(s, "reg", "clients-regulated.example", 2);
        Api a = s.account().api();
        String forex = EmailSetup.campaign(s, "Notre lettre des marchés", FOREX, Map.of());
        String penny = EmailSetup.campaign(s, "Nos idées de la semaine", PENNY, Map.of());

        // R-11 before any approval: the regulated theme blocks, and the finding says how to apply
        JsonNode before = a.get("/api/campaigns/" + forex + "/preflight").json();
        assertThat(before.get("canStart").asBoolean()).isFalse();
        assertThat(r11(before, "forex")).as(before.toString()).isNotNull();
        assertThat(r11(before, "forex").get("fix").asString()).contains("/api/regulated/applications");

        // the account applies, with its licence and a PDF
        LocalDate licenceEnd = today().plusMonths(8);
        var applied = a.post("/api/regulated/applications", application("forex", licenceEnd.toString(), doc("agrement AMF.pdf", PDF)));
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        JsonNode app = applied.json();
        String id = app.get("id").asString();
        assertThat(app.get("state").asString()).isEqualTo("pending");
        assertThat(app.at("/documents/0/contentType").asString()).isEqualTo("application/pdf");
        assertThat(app.at("/history/0/action").asString()).isEqualTo("submitted");
        assertThat(a.get("/api/regulated/applications").json().get(0).get("id").asString()).isEqualTo(id);

        // its document is served as an attachment only, never sniffed into something else
        String docId = app.at("/documents/0/id").asString();
        var download = a.get("/api/regulated/applications/" + id + "/documents/" + docId);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment").contains("agrement");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Type")).startsWith("application/pdf");
        assertThat(download.body().getBytes(StandardCharsets.ISO_8859_1)).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));

        // another account sees none of it
        var other = fixtures.account();
        assertThat(other.api().get("/api/regulated/applications/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("/api/regulated/applications/" + id + "/documents/" + docId).status()).isEqualTo(404);
        assertThat(other.api().post("/api/regulated/applications/" + id + "/documents", doc("x.pdf", PDF)).status()).isEqualTo(404);
        assertThat(other.api().get("/api/regulated/applications").json().size()).isZero();

        // the operator's queue; an end date after the licence's expiry is refused
        assertThat(op.get("/api/operator/regulated/applications?state=pending").body()).contains(id);
        assertThat(op.get("/api/operator/regulated/applications/" + id + "/documents/" + docId).header("Content-Disposition")).startsWith("attachment");
        var tooLong = op.post("/api/operator/regulated/applications/" + id + "/approve",
                Map.of("reason", "licence checked", "endsOn", licenceEnd.plusDays(1).toString()));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLong.json().at("/errors/0/field").asString()).isEqualTo("endsOn");
        assertThat(tooLong.json().at("/errors/0/rule").asString()).isEqualTo("R-11");
        LocalDate until = licenceEnd.minusDays(10);
        var approved = op.post("/api/operator/regulated/applications/" + id + "/approve",
                Map.of("reason", "AMF register checked: licence in force", "endsOn", until.toString()));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("approved");
        assertThat(approved.json().get("approvedUntil").asString()).isEqualTo(until.toString());
        assertThat(approved.json().at("/history/1/action").asString()).isEqualTo("approved");
        assertThat(approved.json().at("/history/1/detail").asString()).contains("AMF register checked");
        assertThat(a.get("/api/regulated/applications/" + id).json().get("decisionReason").asString()).isEqualTo("AMF register checked: licence in force");
        assertThat(op.post("/api/operator/regulated/applications/" + id + "/approve", Map.of("reason", "again")).status()).isEqualTo(409);

        // theme X passes, and the report names the approval: authority, licence, end date
        JsonNode after = a.get("/api/campaigns/" + forex + "/preflight").json();
        assertThat(after.get("canStart").asBoolean()).as(after.toString()).isTrue();
        assertThat(r11(after, "forex")).isNull();
        assertThat(after.at("/approvals/0/applicationId").asString()).isEqualTo(id);
        assertThat(after.at("/approvals/0/authority").asString()).isEqualTo("Autorité des marchés financiers");
        assertThat(after.at("/approvals/0/licenceNumber").asString()).isEqualTo("AMF-GP-12345");
        assertThat(after.at("/approvals/0/approvedUntil").asString()).isEqualTo(until.toString());
        assertThat(findings(after).stream().filter(f -> f.get("rule").asString().equals("regulated-approval")).findFirst())
                .hasValueSatisfying(f -> assertThat(f.get("theme").asString()).isEqualTo("forex"));
        // theme Y stays refused for the same account
        JsonNode y = a.get("/api/campaigns/" + penny + "/preflight").json();
        assertThat(y.get("canStart").asBoolean()).isFalse();
        assertThat(r11(y, "penny-stocks")).isNotNull();
        assertThat(y.get("approvals").size()).isZero();
        // theme X stays refused for another account
        var theirs = other.api().post("/api/campaigns", Map.of("name", "Lettre", "subject", "Notre lettre des marchés", "html", FOREX,
                "fromName", "Autre", "fromAddress", "lettre@autre.example"));
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        JsonNode theirReport = other.api().get("/api/campaigns/" + theirs.json().get("id").asString() + "/preflight").json();
        assertThat(r11(theirReport, "forex")).as(theirReport.toString()).isNotNull();
        assertThat(theirReport.get("approvals").size()).isZero();

        // the campaign starts; its history keeps the approval it went out under
        var started = a.post("/api/campaigns/" + forex + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        // issue 20: the start answers with the campaign (the approval it relies on is in the preflight above and its history)
        assertThat(started.json().get("id").asString()).isEqualTo(forex);
        assertThat(started.json().get("status").asString()).isIn("sending", "finished");
        assertThat(a.get("/api/campaigns/" + forex + "/history").body()).contains("regulated theme allowed by forex: approval " + id)
                .contains("AMF-GP-12345").contains(until.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessagesForDomain("clients-regulated.example").length == 2);
        // the account was told of the approval
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(s.account().account().contactEmail(), "forex: approved").isEmpty());

        // revoked by the operator with a reason: refused again at once
        assertThat(op.post("/api/operator/regulated/applications/" + id + "/revoke", Map.of()).json().at("/errors/0/field").asString())
                .isEqualTo("reason");
        var revoked = op.post("/api/operator/regulated/applications/" + id + "/revoke", Map.of("reason", "licence withdrawn by the AMF"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("state").asString()).isEqualTo("revoked");
        String second = EmailSetup.campaign(s, "Notre lettre des marchés", FOREX, Map.of());
        assertThat(r11(a.get("/api/campaigns/" + second + "/preflight").json(), "forex")).isNotNull();
        assertThat(a.get("/api/regulated/applications/" + id).json().get("history").toString()).contains("revoked", "licence withdrawn by the AMF");
    }

    @Test
    void theApprovalEndsOnItsLastDayAndTheAccountIsWarnedBeforeByMail() throws Exception {
        Api op = fixtures.operator();
        var acc = fixtures.account();
        Api a = acc.api();
        String campaign = a.post("/api/campaigns", Map.of("name", "Lettre", "subject", "Notre lettre des marchés", "html", FOREX,
                "fromName", "Boulangerie", "fromAddress", "lettre@boulangerie.example")).json().get("id").asString();
        LocalDate licenceEnd = today().plusDays(120);
        String id = a.post("/api/regulated/applications", application("forex", licenceEnd.toString(), doc("licence.png", png())))
                .json().get("id").asString();
        LocalDate until = today().plusDays(90);
        assertThat(op.post("/api/operator/regulated/applications/" + id + "/approve", Map.of("reason", "licence checked", "endsOn",
                until.toString())).status()).isEqualTo(200);
        assertThat(r11(a.get("/api/campaigns/" + campaign + "/preflight").json(), "forex")).isNull();

        // 31 days before the end nothing yet; 29 days before (the policy warns 30 days before): one warning, not two
        clock.setNow(until.minusDays(31).atTime(10, 0).atZone(PARIS).toInstant());
        op.post("/api/operator/regulated/expiry/run", null);
        assertThat(a.get("/api/regulated/applications/" + id).json().has("warnedAt")).isFalse();
        clock.setNow(until.minusDays(29).atTime(10, 0).atZone(PARIS).toInstant());
        assertThat(op.post("/api/operator/regulated/expiry/run", null).json().get("warned").asInt()).isGreaterThanOrEqualTo(1);
        op.post("/api/operator/regulated/expiry/run", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(acc.account().contactEmail(), "ends on " + until).isEmpty());
        List<MimeMessage> warnings = mailTo(acc.account().contactEmail(), "ends on " + until);
        assertThat(warnings).hasSize(1);
        assertThat(TestMail.body(warnings.getFirst())).contains("AMF-GP-12345").contains("/api/regulated/applications");
        JsonNode warned = a.get("/api/regulated/applications/" + id).json();
        assertThat(warned.get("warnedAt").isNull()).isFalse();
        assertThat(warned.get("history").toString()).contains("warned");
        // still in force on its last day
        clock.setNow(until.atTime(23, 0).atZone(PARIS).toInstant());
        assertThat(r11(a.get("/api/campaigns/" + campaign + "/preflight").json(), "forex")).isNull();

        // the day after: refused again, before the job has even run; the job records it and tells the account
        clock.setNow(until.plusDays(1).atTime(0, 30).atZone(PARIS).toInstant());
        JsonNode refused = a.get("/api/campaigns/" + campaign + "/preflight").json();
        assertThat(r11(refused, "forex")).as(refused.toString()).isNotNull();
        assertThat(refused.get("approvals").size()).isZero();
        assertThat(a.get("/api/regulated/applications/" + id).json().get("state").asString()).isEqualTo("expired");
        assertThat(op.post("/api/operator/regulated/expiry/run", null).json().get("expired").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode expired = op.get("/api/operator/regulated/applications/" + id).json();
        assertThat(expired.get("state").asString()).isEqualTo("expired");
        assertThat(expired.get("endedBy").asString()).isEqualTo("system");
        assertThat(expired.get("history").toString()).contains("expired");
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailTo(acc.account().contactEmail(), "forex: expired").isEmpty());
        assertThat(op.get("/api/operator/accounts/" + acc.id()).json().at("/account/approvedCategories").size()).isZero();
    }

    @Test
    void aRenewedLicenceIsAppliedForWhileTheApprovalHoldsAndItsApprovalSupersedesTheOldOne() {
        Api op = fixtures.operator();
        var acc = fixtures.account();
        Api a = acc.api();
        String first = a.post("/api/regulated/applications", application("payday-loans", today().plusDays(40).toString(), doc("old.pdf", PDF)))
                .json().get("id").asString();
        assertThat(op.post("/api/operator/regulated/applications/" + first + "/approve", Map.of("reason", "ACPR register checked"))
                .json().get("approvedUntil").asString()).as("by default until the licence's expiry").isEqualTo(today().plusDays(40).toString());
        // the account, warned, applies with its renewed licence while the approval still holds; documents may follow
        var renewal = a.post("/api/regulated/applications", application("payday-loans", today().plusYears(2).toString(), doc("new.jpg", jpeg())));
        assertThat(renewal.status()).as(renewal.body()).isEqualTo(201);
        String second = renewal.json().get("id").asString();
        var added = a.post("/api/regulated/applications/" + second + "/documents", doc("annexe.pdf", PDF));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().get("documents").size()).isEqualTo(2);
        assertThat(added.json().at("/documents/0/contentType").asString()).isEqualTo("image/jpeg");
        assertThat(a.get("/api/regulated/approvals").json().get(0).get("applicationId").asString()).isEqualTo(first);

        assertThat(op.post("/api/operator/regulated/applications/" + second + "/approve", Map.of("reason", "renewed licence checked"))
                .json().get("state").asString()).isEqualTo("approved");
        JsonNode old = a.get("/api/regulated/applications/" + first).json();
        assertThat(old.get("state").asString()).isEqualTo("superseded");
        assertThat(old.get("history").toString()).contains("superseded").contains(second);
        JsonNode inForce = a.get("/api/regulated/approvals").json();
        assertThat(inForce.size()).isEqualTo(1);
        assertThat(inForce.get(0).get("applicationId").asString()).isEqualTo(second);
        // documents are added only while the application waits
        assertRefused(a.post("/api/regulated/applications/" + second + "/documents", doc("late.pdf", PDF)), "state", "state");
    }

    @Test
    void badInputAnswersProblemJsonNamingTheFieldAndTheRule() {
        var acc = fixtures.account();
        Api a = acc.api();
        LocalDate next = today().plusYears(1);
        assertRefused(a.post("/api/regulated/applications", application("forex", today().minusDays(1).toString(), doc("l.pdf", PDF))),
                "licenceExpiresOn", "R-11");
        assertRefused(a.post("/api/regulated/applications", application("forex", "30/06/2027", doc("l.pdf", PDF))), "licenceExpiresOn", "iso-8601");
        assertRefused(a.post("/api/regulated/applications", application("astrology", next.toString(), doc("l.pdf", PDF))), "theme", "R-11");
        // an always-prohibited theme cannot be applied for
        assertRefused(a.post("/api/regulated/applications", application("gambling", next.toString(), doc("l.pdf", PDF))), "theme", "R-11");
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        assertRefused(a.post("/api/regulated/applications", application("forex", next.toString(), doc("licence.pdf", html))),
                "documents[0]", "type");
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        assertRefused(a.post("/api/regulated/applications", application("forex", next.toString(), doc("big.pdf", big))), "documents[0]", "size");
        Map<String, Object> none = new HashMap<>(application("forex", next.toString(), doc("l.pdf", PDF)));
        none.put("documents", List.of());
        assertRefused(a.post("/api/regulated/applications", none), "documents", "required");
        assertRefused(a.post("/api/regulated/applications", application("forex", next.toString(), Map.of("fileName", "l.pdf", "content", "%%%"))),
                "documents[0]", "base64");
        assertThat(a.get("/api/regulated/applications").json().size()).as("nothing half-written").isZero();

        // the operator: a rejection needs a reason; a rejected application cannot be revoked; accounts cannot decide
        String id = a.post("/api/regulated/applications", application("politics", next.toString(), doc("l.pdf", PDF))).json().get("id").asString();
        assertRefused(a.post("/api/regulated/applications", application("politics", next.toString(), doc("l.pdf", PDF))), "theme", "pending");
        assertThat(a.post("/api/operator/regulated/applications/" + id + "/approve", Map.of("reason", "me")).status()).isEqualTo(403);
        Api op = fixtures.operator();
        assertRefused(op.post("/api/operator/regulated/applications/" + id + "/reject", Map.of()), "reason", "required");
        var rejected = op.post("/api/operator/regulated/applications/" + id + "/reject", Map.of("reason", "no licence from the electoral authority"));
        assertThat(rejected.json().get("state").asString()).isEqualTo("rejected");
        assertThat(a.get("/api/regulated/applications/" + id).json().get("history").toString()).contains("no licence from the electoral authority");
        assertRefused(op.post("/api/operator/regulated/applications/" + id + "/revoke", Map.of("reason", "x")), "state", "state");
        assertThat(op.get("/api/operator/regulated/applications/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        // the policy's values for the workflow are checked like the others
        assertRefused(op.put("/api/operator/policy", Map.of("reason", "test", "policy", Map.of("regulatedAccounts", Map.of("expiryWarningDays", 0)))),
                "regulatedAccounts.expiryWarningDays", "R-11");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void assertRefused(Api.Response r, String field, String rule) {
        assertThat(r.status()).as(r.body()).isIn(409, 422);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").toString()).as(r.body()).contains("\"field\":\"" + field + "\"").contains("\"rule\":\"" + rule + "\"");
    }

    private static LocalDate today() {
        return LocalDate.now(PARIS);
    }

    private static Map<String, Object> application(String theme, String expires, Map<String, String> document) {
        return Map.of("theme", theme, "authority", "Autorité des marchés financiers", "licenceNumber", "AMF-GP-12345",
                "licenceExpiresOn", expires, "note", "société de gestion agréée", "documents", List.of(document));
    }

    private static Map<String, String> doc(String name, byte[] content) {
        return Map.of("fileName", name, "content", Base64.getEncoder().encodeToString(content));
    }

    private static byte[] png() {
        byte[] b = new byte[64];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }

    private static byte[] jpeg() {
        byte[] b = new byte[64];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        return b;
    }

    private static List<JsonNode> findings(JsonNode report) {
        List<JsonNode> out = new java.util.ArrayList<>();
        report.get("findings").forEach(out::add);
        return out;
    }

    /** The blocking R-11 finding of that theme, or null. */
    private static JsonNode r11(JsonNode report, String theme) {
        return findings(report).stream().filter(f -> f.get("rule").asString().equals("R-11") && f.get("severity").asString().equals("blocking")
                && f.has("theme") && f.get("theme").asString().equals(theme)).findFirst().orElse(null);
    }

    private List<MimeMessage> mailTo(String address, String subjectPart) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address) && m.getSubject().contains(subjectPart);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
