package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.HostedForms;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20: what a recipient reads is in their language (the contact's, else the account's, else English; a request's
 * Accept-Language is never consulted), and every marketing email names the sender's legal name and postal address.
 * Real campaigns through GreenMail, real HTTP to the links they carry.
 */
@PostgresTest
class RecipientLanguageTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired FairsendProperties props;

    static final String HTML = "<html><body><p>Bonjour {{ contact.first_name | default('à vous') }}, notre pain de campagne"
            + " revient cette semaine, cuit au feu de bois.</p></body></html>";

    private MimeMessage received(String address) {
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(address) != null);
        return inbox(address);
    }

    private MimeMessage inbox(String address) {
        return mail.getManagers().getImapHostManager().getAllMessages().stream().map(m -> {
            try {
                MimeMessage mm = m.getMimeMessage();
                return mm.getAllRecipients()[0].toString().equalsIgnoreCase(address) ? mm : null;
            } catch (Exception e) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Imports contacts with a {@code language} column: address -> language (blank: none). */
    private static void importWithLanguages(EmailSetup.Sending s, Map<String, String> languages) {
        StringBuilder csv = new StringBuilder("email,first_name,language,consent_basis,opt_in_type,collected_at,source_url,ip,"
                + "declaration_text,subject,explicit\n");
        languages.forEach((address, language) -> csv.append(address).append(",Camille,").append(language)
                .append(",opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/newsletter,203.0.113.7,")
                .append("J'accepte de recevoir la lettre de la boulangerie,la lettre de la boulangerie,true\n"));
        var r = s.account().api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + s.listId(), csv.toString(), "text/csv");
        assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
        String id = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !s.account().api().get("/api/imports/" + id).json().get("status").asString().equals("running"));
        JsonNode done = s.account().api().get("/api/imports/" + id).json();
        assertThat(done.get("rowsAccepted").asLong()).as(done.toString()).isEqualTo(languages.size());
    }

    private static void startAndFinish(EmailSetup.Sending s, String campaign) {
        var started = s.account().api().post("/api/campaigns/" + campaign + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> s.account().api().get("/api/campaigns/" + campaign).json().get("status").asString().equals("finished"));
    }

    private static Api.Response patch(Api api, String path, String json) {
        return api.send("PATCH", path, json, "application/json");
    }

    @Test
    void aFrenchAndAnEnglishContactOfOneCampaignReadTheFooterAndTheUnsubscribePageInTheirOwnLanguage() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        String legal = s.account().account().legalName();
        String fr = "claire@lang-a.example", en = "oliver@lang-a.example", none = "sam@lang-a.example";
        importWithLanguages(s, new java.util.LinkedHashMap<>(Map.of(fr, "fr-FR", en, "en", none, "")));
        String campaign = EmailSetup.campaign(s, "Le pain de campagne revient", HTML, Map.of());
        startAndFinish(s, campaign);

        // the French contact: the footer in French, naming the sender's legal name and postal address
        MimeMessage french = received(fr);
        String frBody = TestMail.body(french);
        assertThat(frBody).contains("lang=\"fr\"")
                .contains("Vous vous êtes inscrit à la lettre de la boulangerie sur https://boulangerie.example/newsletter le 1 juin 2026.")
                .contains("Envoyé par " + legal + ", 12 rue Oberkampf, 75011 Paris")
                .contains(">Se désinscrire</a>").contains(" - Se désinscrire: http")
                .doesNotContain("Unsubscribe").doesNotContain("You subscribed");
        // the English contact, in the same campaign: in English
        MimeMessage english = received(en);
        String enBody = TestMail.body(english);
        assertThat(enBody).contains("lang=\"en\"")
                .contains("You subscribed to la lettre de la boulangerie on https://boulangerie.example/newsletter on June 1, 2026.")
                .contains("Sent by " + legal + ", 12 rue Oberkampf, 75011 Paris")
                .contains(">Unsubscribe</a>").doesNotContain("désinscrire").doesNotContain("Envoyé par");
        // a contact without a language reads the account's: this one reads English
        assertThat(TestMail.body(received(none))).contains(">Unsubscribe</a>").doesNotContain("désinscrire");

        // the unsubscribe page each link opens follows the person, not the browser: Accept-Language is not consulted
        Api web = fixtures.anonymous();
        String frLink = unsubscribeLink(french), enLink = unsubscribeLink(english);
        var frPage = web.withHeader("Accept-Language", "en-GB,en;q=0.9").get(frLink);
        assertThat(frPage.status()).isEqualTo(200);
        assertThat(frPage.body()).contains("<html lang=\"fr\"").contains("Ne plus recevoir de messages de")
                .contains(">Me désinscrire</button>").contains("Enregistrer mes préférences").doesNotContain("Unsubscribe");
        var enPage = web.withHeader("Accept-Language", "fr-FR,fr;q=0.9").get(enLink);
        assertThat(enPage.body()).contains("<html lang=\"en\"").contains("Stop receiving messages from")
                .contains(">Unsubscribe</button>").doesNotContain("désinscrire");
        // the page's button, then what it answers, in French; the one-click POST (RFC 8058) needs no language
        var done = web.withHeader("Accept-Language", "en").postRaw(frLink, "via=page", "application/x-www-form-urlencoded");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("<html lang=\"fr\"").contains("Vous êtes désinscrit")
                .contains(fr + " ne recevra plus de messages de");
        assertThat(web.postRaw(enLink, "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded").body())
                .contains("You are unsubscribed");

        // the access page the account hands each person (GDPR art. 15) is in that person's language too
        var frAccess = s.account().api().get("/api/contacts/export.html?address=" + fr);
        assertThat(frAccess.status()).isEqualTo(200);
        assertThat(frAccess.body()).contains("<html lang=\"fr\"").contains("Vos données personnelles").contains("Adresse e-mail")
                .contains("Messages qui vous ont été envoyés").doesNotContain("Your personal data");
        assertThat(s.account().api().get("/api/contacts/export.html?address=" + en).body()).contains("<html lang=\"en\"")
                .contains("Your personal data").contains("Email address");
    }

    private String unsubscribeLink(MimeMessage m) throws Exception {
        String header = MimeUtility.unfold(m.getHeader("List-Unsubscribe")[0]);
        return TestMail.paths(header, "u").getFirst();
    }

    @Test
    void anAccountThatNamesNoLanguageGivesItsRecipientsItsCountrysAndItsFormIsInThatLanguage() {
        Api operator = fixtures.operator();
        var french = operator.post("/api/operator/accounts", Map.of("legalName", "Fromagerie Durand SARL", "country", "FR",
                "mainlandFrance", true, "contactEmail", "contact@fromagerie-durand.example", "postalAddress", "4 rue Mercière, 69002 Lyon"));
        assertThat(french.status()).as(french.body()).isIn(200, 201);
        assertThat(french.json().at("/account/language").asString()).isEqualTo("fr");
        var german = operator.post("/api/operator/accounts", Map.of("legalName", "Bäckerei Huber GmbH", "country", "DE",
                "mainlandFrance", false, "contactEmail", "kontakt@baeckerei-huber.example"));
        assertThat(german.status()).as(german.body()).isIn(200, 201);
        assertThat(absent(german.json().at("/account/language"))).as("no German texts: its recipients read English").isTrue();

        var key = new Api(fixtures.port(), french.json().get("apiKey").asString());
        var list = key.post("/api/lists", Map.of("name", "Lettre"));
        var form = key.post("/api/forms", Map.of("name", "Lettre", "listId", list.json().get("id").asString(),
                "subject", "la lettre de la fromagerie", "optInType", "double",
                "declarationText", "J'accepte de recevoir la lettre de la Fromagerie Durand par e-mail."));
        assertThat(form.status()).as(form.body()).isIn(200, 201);
        String page = fixtures.anonymous().get("/f/" + form.json().get("id").asString()).body();
        assertThat(page).contains("<html lang=\"fr\"");
    }

    @Test
    void anAdminSetsTheAddressAndTheLanguageInTheConsoleAMemberReadsThem() throws Exception {
        Api operator = fixtures.operator();
        var a = fixtures.account();
        String suffix = a.id().toString().substring(24);
        String admin = "admin-" + suffix + "@boulangerie-test.fr", member = "member-" + suffix + "@boulangerie-test.fr";
        assertThat(operator.post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", admin, "displayName", "Claire", "password", "the settings of the bakery")).status()).isEqualTo(201);
        assertThat(operator.post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", member, "displayName", "Paul", "role", "member", "password", "a member who only reads")).status()).isEqualTo(201);

        var s = new org.fairsend.console.ConsoleSession(fixtures.port());
        assertThat(s.signIn(admin, "the settings of the bakery").statusCode()).isEqualTo(302);
        assertThat(s.get("/console").body()).contains("href=\"/console/account\"");
        var page = s.get("/console/account");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(a.account().legalName()).contains("12 rue Oberkampf, 75011 Paris").contains("Français");

        // markup in the address is refused at its field, what was typed stays in the form, nothing is stored
        var bad = s.post("/console/account", Map.of("_csrf", org.fairsend.console.ConsoleSession.csrf(page.body()),
                "postalAddress", "<b>3 place Bellecour</b>", "language", "fr"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("postalAddress").contains("&lt;b&gt;3 place Bellecour&lt;/b&gt;");
        assertThat(a.api().get("/api/account").json().at("/account/postalAddress").asString()).isEqualTo("12 rue Oberkampf, 75011 Paris");
        assertThat(a.api().get("/api/account").json().at("/account/language").asString()).isEqualTo("en");

        var saved = s.post("/console/account", Map.of("_csrf", org.fairsend.console.ConsoleSession.csrf(page.body()),
                "postalAddress", "3 place Bellecour, 69002 Lyon", "language", "fr"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(s.get("/console/account").body()).contains("Your settings are saved.").contains("3 place Bellecour, 69002 Lyon");
        var account = a.api().get("/api/account").json();
        assertThat(account.at("/account/postalAddress").asString()).isEqualTo("3 place Bellecour, 69002 Lyon");
        assertThat(account.at("/account/language").asString()).isEqualTo("fr");

        var m = new org.fairsend.console.ConsoleSession(fixtures.port());
        assertThat(m.signIn(member, "a member who only reads").statusCode()).isEqualTo(302);
        var read = m.get("/console/account");
        assertThat(read.body()).contains("3 place Bellecour, 69002 Lyon").contains("Only an admin of the account changes these")
                .doesNotContain(">Save</button>");
        var refused = m.post("/console/account", Map.of("_csrf", org.fairsend.console.ConsoleSession.csrf(read.body()),
                "postalAddress", "ailleurs", "language", ""));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(a.api().get("/api/account").json().at("/account/postalAddress").asString()).isEqualTo("3 place Bellecour, 69002 Lyon");
    }

    @Test
    void theHostedFormItsPagesAndTheConfirmationMailAreInFrenchForAFrenchAccount() throws Exception {
        var a = fixtures.account();
        var settings = patch(a.api(), "/api/account", "{\"language\":\"fr\"}");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        assertThat(settings.json().at("/account/language").asString()).isEqualTo("fr");
        // the operator sees it
        assertThat(fixtures.operator().get("/api/operator/accounts/" + a.id()).json().at("/account/language").asString()).isEqualTo("fr");
        var created = a.api().post("/api/forms", Map.of("name", "Lettre", "subject", "la lettre de la boulangerie",
                "declarationText", "J'accepte de recevoir la lettre de la boulangerie par e-mail.", "optInType", "double"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String form = created.json().get("id").asString();

        Api browser = fixtures.anonymous().withHeader("Accept-Language", "en-US,en;q=0.9");
        var page = browser.get("/f/" + form);
        assertThat(page.body()).contains("<html lang=\"fr\"").contains("Adresse e-mail").contains("Objet des messages : la lettre")
                .contains(">S’inscrire</button>").contains("Nous vous enverrons par e-mail un lien").doesNotContain("Email address");
        // a mistake is said in French too
        String token = HostedForms.fillToken(fixtures.anonymous(), form);
        HostedForms.waitMinimumFillTime();
        var unticked = browser.postRaw("/f/" + form, "email=lea%40lang-b.example&fill=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
        assertThat(unticked.status()).isEqualTo(422);
        assertThat(unticked.body()).contains("cochez la case pour donner votre consentement");

        String person = "lea@lang-b.example";
        token = HostedForms.fillToken(fixtures.anonymous(), form);
        HostedForms.waitMinimumFillTime();
        var posted = browser.postRaw("/f/" + form, "email=" + URLEncoder.encode(person, StandardCharsets.UTF_8) + "&consent=yes&fill="
                + URLEncoder.encode(token, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.body()).contains("Consultez votre boîte de réception").contains("appuyez sur Confirmer");

        // the double opt-in mail, in French
        MimeMessage confirmation = received(person);
        assertThat(confirmation.getSubject()).isEqualTo("Confirmez votre inscription à " + a.account().displayName());
        String text = confirmation.getContent().toString();
        assertThat(text).contains("avez demandé à recevoir des messages de " + a.account().displayName())
                .contains("Pour confirmer, ouvrez ce lien").contains("Le lien est valable jusqu’au ")
                .contains("Envoyé par Fairsend pour le compte de " + a.account().legalName()).doesNotContain("Hello");
        Matcher m = Pattern.compile(Pattern.quote(props.publicUrl()) + "(/confirm/[A-Za-z0-9_~.-]+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        var confirmPage = browser.get(m.group(1));
        assertThat(confirmPage.body()).contains("<html lang=\"fr\"").contains("Confirmez votre inscription").contains(">Confirmer</button>");
        var confirmed = browser.send("POST", m.group(1), null, null);
        assertThat(confirmed.body()).contains("Inscription confirmée").contains("Merci. Vous recevrez la lettre de la boulangerie");
    }

    @Test
    void aMarketingCampaignWithoutAPostalAddressDoesNotStartAndTheFindingSaysHowToFixIt() throws Exception {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "paul", "lang-c.example", 1);
        var removed = patch(s.account().api(), "/api/account", "{\"postalAddress\":\"\"}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(absent(removed.json().at("/account/postalAddress"))).isTrue();
        String campaign = EmailSetup.campaign(s, "Le pain de campagne revient", HTML, Map.of());

        var report = s.account().api().get("/api/campaigns/" + campaign + "/preflight").json();
        assertThat(report.get("canStart").asBoolean()).isFalse();
        JsonNode finding = null;
        for (JsonNode f : report.get("findings")) if (f.get("message").asString().contains("postal address")) finding = f;
        assertThat(finding).as(report.toString()).isNotNull();
        assertThat(finding.get("rule").asString()).isEqualTo("R-9");
        assertThat(finding.get("severity").asString()).isEqualTo("blocking");
        assertThat(finding.get("message").asString()).contains("legal name and postal address").contains("LCEN");
        assertThat(finding.get("fix").asString()).contains("PATCH /api/account").contains("postalAddress");
        var start = s.account().api().post("/api/campaigns/" + campaign + "/start", null);
        assertThat(start.status()).isEqualTo(422);
        assertThat(inbox("paul1@lang-c.example")).isNull();

        // markup is not an address (it is printed in every message); nothing is changed by a refused request
        var hostile = patch(s.account().api(), "/api/account", "{\"postalAddress\":\"<script>alert(1)</script> 1 rue X 75001 Paris\"}");
        assertThat(hostile.status()).isEqualTo(422);
        assertThat(hostile.header("Content-Type")).startsWith("application/problem+json");
        assertThat(hostile.json().at("/errors/0/field").asString()).isEqualTo("postalAddress");
        // with the address, the campaign starts and its footer names it
        var given = patch(s.account().api(), "/api/account", "{\"postalAddress\":\"3 place Bellecour\\n69002 Lyon\"}");
        assertThat(given.json().at("/account/postalAddress").asString()).isEqualTo("3 place Bellecour, 69002 Lyon");
        assertThat(s.account().api().get("/api/campaigns/" + campaign + "/preflight").json().get("canStart").asBoolean()).isTrue();
        startAndFinish(s, campaign);
        assertThat(TestMail.body(received("paul1@lang-c.example")))
                .contains("Sent by " + s.account().account().legalName() + ", 3 place Bellecour, 69002 Lyon");
    }

    @Test
    void anUnsupportedLanguageIsRefusedNamingTheFieldAndNothingIsStored() {
        var a = fixtures.account();
        var contact = a.api().post("/api/contacts", Map.of("email", "nina@lang-d.example", "firstName", "Nina", "language", "tlh"));
        assertThat(contact.status()).isEqualTo(422);
        assertThat(contact.header("Content-Type")).startsWith("application/problem+json");
        assertThat(contact.json().at("/errors/0/field").asString()).isEqualTo("language");
        assertThat(contact.json().at("/errors/0/message").asString()).contains("[en, fr]");
        assertThat(a.api().get("/api/contacts?q=nina").json().get("items")).isEmpty();

        var account = patch(a.api(), "/api/account", "{\"language\":\"de\"}");
        assertThat(account.status()).isEqualTo(422);
        assertThat(account.json().at("/errors/0/field").asString()).isEqualTo("language");
        assertThat(a.api().get("/api/account").json().at("/account/language").asString()).isEqualTo("en"); // as it was

        // a supported tag is kept as its primary language; blank goes back to the account's
        var ok = a.api().post("/api/contacts", Map.of("email", "nina@lang-d.example", "language", "FR-ca"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        String id = ok.json().at("/contact/id").asString();
        assertThat(ok.json().at("/contact/language").asString()).isEqualTo("fr");
        var wrong = patch(a.api(), "/api/contacts/" + id, "{\"language\":\"xx-YY\"}");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().at("/errors/0/field").asString()).isEqualTo("language");
        assertThat(a.api().get("/api/contacts/" + id).json().at("/contact/language").asString()).isEqualTo("fr");
        assertThat(absent(patch(a.api(), "/api/contacts/" + id, "{\"language\":\"\"}").json().at("/contact/language"))).isTrue();
        // another account cannot touch it
        assertThat(patch(fixtures.account().api(), "/api/contacts/" + id, "{\"language\":\"en\"}").status()).isEqualTo(404);

        // an import line with an unknown language is refused, naming the column
        var list = a.api().post("/api/lists", Map.of("name", "Lettre"));
        var r = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + list.json().get("id").asString(),
                "email,language,consent_basis,opt_in_type,collected_at,source_url,ip,declaration_text,subject,explicit\n"
                        + "zoe@lang-d.example,klingon,opt_in,single,2026-06-01T10:00:00Z,https://b.example/l,203.0.113.7,J'accepte,la lettre,true\n",
                "text/csv");
        String importId = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> !a.api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        var rejections = a.api().get("/api/imports/" + importId + "/rejections").body();
        assertThat(rejections).contains("language").contains("klingon");
        assertThat(a.api().get("/api/contacts?q=zoe").json().get("items")).isEmpty();
    }

    /** A JSON value that is null or left out. */
    private static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }
}
