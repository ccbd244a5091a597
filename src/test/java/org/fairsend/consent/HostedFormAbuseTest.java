package org.fairsend.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.platform.Channel;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Tokens;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.fairsend.support.HostedForms;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.Fixtures.TestAccount;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, through the real hosted form and HTTP: a form cannot be turned against a subscriber, and bots get a
 * quiet page and nothing else: honeypot, signed fill time, rate limits, daily confirmation cap, no mail to a
 * suppressed address or spamtrap; every refusal counted for the account and the operator. Policy defaults (forms.*):
 * 20 submissions per source address and 5 per email address per hour, 3 confirmation mails and 1 notice a day.
 */
@PostgresTest
class HostedFormAbuseTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(TestMail.SMTP);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConsentLedger ledger;
    @Autowired Tokens tokens;
    @Autowired FairsendProperties props;
    @Autowired Suppressions suppressions;

    String createForm(TestAccount a, String optInType) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Lettre", "subject", HostedFormTest.SUBJECT,
                "declarationText", HostedFormTest.DECLARATION, "optInType", optInType));
        var r = a.api().post("/api/forms", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A post with the given fill token (null: none) and extra fields, as a bot or a browser sends it. */
    Api.Response post(String formId, String email, String token, String extra) {
        String body = "email=" + enc(email) + "&consent=yes" + (token == null ? "" : "&fill=" + enc(token)) + (extra == null ? "" : extra);
        return fixtures.anonymous().withHeader("User-Agent", "Bot/0.1").postRaw("/f/" + formId, body, "application/x-www-form-urlencoded");
    }

    /** A browser's post: the form's own token, after the minimum fill time. */
    Api.Response browserPost(String formId, String email) {
        String token = HostedForms.fillToken(fixtures.anonymous(), formId);
        HostedForms.waitMinimumFillTime();
        return post(formId, email, token, null);
    }

    List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The form's refusals per reason, as the account reads them. */
    Map<String, Long> refusals(TestAccount a, String formId) {
        var r = a.api().get("/api/forms/" + formId + "/refusals");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Long> out = new HashMap<>();
        for (JsonNode c : r.json().get("counts")) out.merge(c.get("reason").asString(), c.get("refusals").asLong(), Long::sum);
        return out;
    }

    String contactStatus(TestAccount a, String email) {
        return jdbc.sql("select coalesce(s.status, 'none') from contact c left join contact_subscription s on s.contact_id = c.id"
                + " and s.channel = 'email' where c.account_id = ? and c.email = ?").params(a.id(), email)
                .query(String.class).optional().orElse(null);
    }

    String confirmationPath(MimeMessage mail) throws Exception {
        Matcher m = Pattern.compile(Pattern.quote(props.publicUrl()) + "(/confirm/[A-Za-z0-9_~.-]+)").matcher(mail.getContent().toString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void anAttackersRepostOfAConfirmedSubscriberTakesNothingAwayAndSendsOneNoticeAtMost() throws Exception {
        var a = fixtures.account();
        String form = createForm(a, "double");
        String victim = "victime-" + a.id().toString().substring(24) + "@example.fr";
        assertThat(browserPost(form, victim).body()).contains("Check your inbox");
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        var confirmed = fixtures.anonymous().send("POST", confirmationPath(mailsTo(victim).getFirst()), null, null);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(ledger.state(a.id(), Channel.EMAIL, victim).isConsent()).isTrue();
        long grantInForce = ledger.state(a.id(), Channel.EMAIL, victim).grantId();

        // the attacker posts the confirmed address three times: the same page as a new subscriber gets...
        for (int i = 0; i < 3; i++) {
            var r = browserPost(form, victim);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("Check your inbox");
        }
        // ...no new grant, consent still in force, the contact still subscribed
        assertThat(ledger.recordsFor(a.id(), victim)).extracting(ConsentRecord::action)
                .containsExactly(ConsentRecord.Action.GRANT, ConsentRecord.Action.CONFIRM);
        ConsentState state = ledger.state(a.id(), Channel.EMAIL, victim);
        assertThat(state.status()).isEqualTo(ConsentState.Status.GRANTED);
        assertThat(state.grantId()).isEqualTo(grantInForce);
        assertThat(contactStatus(a, victim)).isEqualTo("subscribed");
        // the delivery engine's per-batch look-up (the gate's consent check) still finds consent in force
        assertThat(ledger.describeAll(a.id(), Channel.EMAIL, List.of(victim))).containsKey(victim);
        // one confirmation mail and one "already subscribed" notice (policy: 1 a day), not three
        Thread.sleep(300);
        List<MimeMessage> mails = mailsTo(victim);
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).getSubject()).contains("already subscribed");
        assertThat(mails.get(1).getContent().toString()).doesNotContain("/confirm/");
        assertThat(refusals(a, form)).containsEntry("already_subscribed", 3L);
    }

    @Test
    void thirtyPostsInARowOfOneAddressSendABoundedNumberOfMailsAndAreCounted() throws Exception {
        var a = fixtures.account();
        String form = createForm(a, "double");
        String target = "cible-" + a.id().toString().substring(24) + "@example.fr";
        String token = HostedForms.fillToken(fixtures.anonymous(), form);
        HostedForms.waitMinimumFillTime();
        for (int i = 0; i < 30; i++) {
            var r = post(form, target, token, null);
            assertThat(r.status()).as("post " + (i + 1)).isEqualTo(200);
            assertThat(r.body()).contains("Check your inbox");
        }
        assertThat(greenMail.waitForIncomingEmail(5000, 3)).isTrue();
        Thread.sleep(300);
        // at most the policy's 3 confirmation mails a day, and as many ledger records
        assertThat(mailsTo(target)).hasSize(3);
        assertThat(ledger.recordsFor(a.id(), target)).hasSize(3);
        // the other 27 refused quietly and counted: 10 past the source address's 20 an hour, 15 past the address's 5
        // an hour, 2 past the daily confirmation cap
        Map<String, Long> counted = refusals(a, form);
        assertThat(counted).containsEntry("ip_rate", 10L).containsEntry("address_rate", 15L).containsEntry("confirmation_cap", 2L);
        assertThat(a.api().get("/api/forms/" + form + "/refusals").json().get("total").asLong()).isEqualTo(27);
        // the operator sees them too; another account does not see the form's
        var op = fixtures.operator().get("/api/operator/forms/refusals");
        assertThat(op.status()).isEqualTo(200);
        assertThat(op.body()).contains(form);
        assertThat(fixtures.account().api().get("/api/forms/" + form + "/refusals").status()).isEqualTo(404);
        assertThat(a.api().get("/api/operator/forms/refusals").status()).isEqualTo(403);
    }

    @Test
    void aFilledHoneypotIsRefusedQuietlyAndRecordsNothing() {
        var a = fixtures.account();
        String form = createForm(a, "double");
        var page = fixtures.anonymous().get("/f/" + form).body();
        // hidden from people: off-screen, out of the tab order, labelled
        assertThat(page).contains("Leave this field empty").contains("name=\"website\"").contains("left:-10000px")
                .contains("tabindex=\"-1\"");
        String token = HostedForms.fillToken(fixtures.anonymous(), form);
        HostedForms.waitMinimumFillTime();
        var r = post(form, "pot@example.fr", token, "&website=" + enc("https://cheap-pills.example"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("Check your inbox");
        assertThat(ledger.recordsFor(a.id(), "pot@example.fr")).isEmpty();
        assertThat(contactStatus(a, "pot@example.fr")).isNull();
        assertThat(greenMail.getReceivedMessagesForDomain("pot@example.fr")).isEmpty();
        assertThat(refusals(a, form)).containsEntry("honeypot", 1L);
    }

    @Test
    void postsWithoutAGenuineFillTokenOrTooSoonAreRefusedQuietly() {
        var a = fixtures.account();
        String form = createForm(a, "double");
        String other = createForm(a, "double");
        String genuine = HostedForms.fillToken(fixtures.anonymous(), form);
        String address = "vite@example.fr";

        assertThat(post(form, address, null, null).body()).contains("Check your inbox");
        String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "AAAA" + genuine.substring(genuine.lastIndexOf('.') + 5);
        assertThat(post(form, address, forged, null).status()).isEqualTo(200);
        // a genuine token of another form
        assertThat(post(form, address, HostedForms.fillToken(fixtures.anonymous(), other), null).status()).isEqualTo(200);
        // rendered "now + 60 s": posted sooner than the minimum fill time, whatever the machine's speed
        long future = Instant.now().plusSeconds(60).toEpochMilli();
        String tooSoon = tokens.sign("form-fill", form + "~" + Long.toString(future, 36), Instant.now().plusSeconds(3600));
        assertThat(post(form, address, tooSoon, null).body()).contains("Check your inbox");
        // a token past its validity
        long old = Instant.now().minusSeconds(7200).toEpochMilli();
        String expired = tokens.sign("form-fill", form + "~" + Long.toString(old, 36), Instant.now().minusSeconds(60));
        assertThat(post(form, address, expired, null).status()).isEqualTo(200);

        assertThat(ledger.recordsFor(a.id(), address)).isEmpty();
        assertThat(greenMail.getReceivedMessagesForDomain(address)).isEmpty();
        assertThat(refusals(a, form)).containsEntry("no_token", 1L).containsEntry("forged_token", 2L)
                .containsEntry("too_fast", 1L).containsEntry("expired_token", 1L);

        // the same address, from the genuine page after the minimum fill time, goes through
        HostedForms.waitMinimumFillTime();
        assertThat(post(form, address, genuine, null).status()).isEqualTo(200);
        assertThat(ledger.recordsFor(a.id(), address)).hasSize(1);
    }

    @Test
    void oneSourceAddressGetsThePolicysSubmissionsPerHourThenQuietRefusals() {
        var a = fixtures.account();
        String form = createForm(a, "single");
        String token = HostedForms.fillToken(fixtures.anonymous(), form);
        HostedForms.waitMinimumFillTime();
        for (int i = 1; i <= 21; i++) {
            var r = post(form, "visiteur" + i + "@example.fr", token, null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("You are subscribed");
        }
        for (int i = 1; i <= 20; i++) assertThat(ledger.state(a.id(), Channel.EMAIL, "visiteur" + i + "@example.fr").isConsent()).isTrue();
        assertThat(ledger.recordsFor(a.id(), "visiteur21@example.fr")).isEmpty();
        assertThat(refusals(a, form)).containsEntry("ip_rate", 1L);
        // another account's form has its own allowance
        var b = fixtures.account();
        String theirs = createForm(b, "single");
        String t2 = HostedForms.fillToken(fixtures.anonymous(), theirs);
        HostedForms.waitMinimumFillTime();
        post(theirs, "visiteur21@example.fr", t2, null);
        assertThat(ledger.state(b.id(), Channel.EMAIL, "visiteur21@example.fr").isConsent()).isTrue();
    }

    @Test
    void noConfirmationMailToAComplainedBouncedOrSpamtrapAddress() throws Exception {
        var a = fixtures.account();
        String form = createForm(a, "double");
        String tag = a.id().toString().substring(24);
        String complained = "plainte-" + tag + "@example.fr";
        String bounced = "rebond-" + tag + "@example.fr";
        String trap = "piege-" + tag + "@example.fr";
        suppressions.suppress(a.id(), Channel.EMAIL, complained, SuppressionReason.COMPLAINT, "complaint:test", "marked as spam");
        suppressions.suppress(a.id(), Channel.EMAIL, bounced, SuppressionReason.HARD_BOUNCE, "bounce:test", "5.1.1 user unknown");
        assertThat(fixtures.operator().post("/api/operator/spamtraps", Map.of("address", trap)).status()).isIn(200, 201);

        for (String address : List.of(complained, bounced, trap)) {
            var r = browserPost(form, address);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("Check your inbox");
            assertThat(ledger.recordsFor(a.id(), address)).as(address).isEmpty();
        }
        Thread.sleep(300);
        for (String address : List.of(complained, bounced, trap)) {
            assertThat(greenMail.getReceivedMessagesForDomain(address)).as(address).isEmpty();
        }
        assertThat(refusals(a, form)).containsEntry("suppressed", 2L).containsEntry("spamtrap", 1L);
        // a spamtrap is refused on every account's forms
        var b = fixtures.account();
        browserPost(createForm(b, "double"), trap);
        assertThat(ledger.recordsFor(b.id(), trap)).isEmpty();
    }

    @Test
    void aComplaintIsNotLiftedByTheFormButByTheOperatorWithAReason() throws Exception {
        var a = fixtures.account();
        String form = createForm(a, "double");
        String address = "erreur-" + a.id().toString().substring(24) + "@example.fr";
        suppressions.suppress(a.id(), Channel.EMAIL, address, SuppressionReason.COMPLAINT, "complaint:test", "marked as spam by mistake");
        browserPost(form, address);
        assertThat(ledger.recordsFor(a.id(), address)).isEmpty();
        long id = suppressions.entriesFor(a.id(), address).getFirst().id();

        Api op = fixtures.operator();
        // an account cannot, the operator must say why
        assertThat(a.api().post("/api/operator/suppressions/" + id + "/lift", Map.of("reason", "x")).status()).isEqualTo(403);
        var noReason = op.post("/api/operator/suppressions/" + id + "/lift", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().at("/errors/0/field").asString()).isEqualTo("reason");
        var lifted = op.post("/api/operator/suppressions/" + id + "/lift",
                Map.of("reason", "the subscriber wrote to support: the spam button was pressed by mistake"));
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json().get("liftedBy").asString()).startsWith("operator-key:");
        assertThat(lifted.json().get("liftReason").asString()).contains("by mistake");
        assertThat(op.post("/api/operator/suppressions/" + id + "/lift", Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(op.get("/api/operator/suppressions/lifted").body()).contains("by mistake");
        // the complaint stays in the history, no longer in force
        assertThat(suppressions.entriesFor(a.id(), address)).singleElement()
                .satisfies(s -> assertThat(s.inForce()).isFalse());
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, address)).isFalse();

        // now the form mails a confirmation
        browserPost(form, address);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(ledger.recordsFor(a.id(), address)).hasSize(1);

        // an unsubscribe is the person's to lift, not the operator's
        String gone = "parti-" + a.id().toString().substring(24) + "@example.fr";
        suppressions.suppress(a.id(), Channel.EMAIL, gone, SuppressionReason.UNSUBSCRIBED, "one-click", "message 1");
        long unsub = suppressions.entriesFor(a.id(), gone).getFirst().id();
        var refused = op.post("/api/operator/suppressions/" + unsub + "/lift", Map.of("reason", "the account asked"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("R-16");
    }

    @Test
    void aConfirmationAfterAComplaintIsRecordedAndThePageSaysNothingWillBeSent() throws Exception {
        var a = fixtures.account();
        String form = createForm(a, "double");
        String address = "tardive-" + a.id().toString().substring(24) + "@example.fr";
        browserPost(form, address);
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        // a complaint is recorded before she confirms: no form lifts it, and the page tells her the truth
        suppressions.suppress(a.id(), Channel.EMAIL, address, SuppressionReason.COMPLAINT, "complaint:test", "marked as spam");
        var page = fixtures.anonymous().send("POST", confirmationPath(mailsTo(address).getFirst()), null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("is recorded").contains("no message can be sent to this address")
                .doesNotContain("You will receive");
        assertThat(ledger.state(a.id(), Channel.EMAIL, address).isConsent()).isTrue();
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, address)).isTrue();
    }

    @Test
    void aDoubleOptInRecordedThroughTheApiForAConsentingAddressDoesNotDowngradeIt() throws Exception {
        var a = fixtures.account();
        String address = "fidele-" + a.id().toString().substring(24) + "@example.fr";
        assertThat(a.api().post("/api/consents", ConsentApiTest.checkout(address, "single", "les offres")).status()).isEqualTo(201);
        var doi = a.api().post("/api/consents", ConsentApiTest.checkout(address, "double", "les offres"));
        assertThat(doi.status()).as(doi.body()).isEqualTo(201);
        assertThat(doi.json().at("/state/status").asString()).isEqualTo("granted");
        long pending = doi.json().at("/record/id").asLong();
        assertThat(doi.json().at("/state/pendingGrantId").asLong()).isEqualTo(pending);
        assertThat(contactStatus(a, address)).isEqualTo("subscribed");
        // no "confirm your subscription" mail to a person already subscribed
        Thread.sleep(300);
        assertThat(mailsTo(address)).isEmpty();
        assertThat(ledger.state(a.id(), Channel.EMAIL, address).isConsent()).isTrue();
    }

    @Test
    void withdrawalThroughTheApiSuppressesAtTheGateAtOnce() {
        var a = fixtures.account();
        String address = "retrait-" + a.id().toString().substring(24) + "@example.fr";
        assertThat(a.api().post("/api/consents", ConsentApiTest.checkout(address, "single", "les offres")).status()).isEqualTo(201);
        var w = a.api().post("/api/consents/withdraw", Map.of("channel", "email", "address", address, "source", "phone call"));
        assertThat(w.status()).isEqualTo(200);
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, address)).isTrue();
        assertThat(suppressions.entriesFor(a.id(), address)).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.UNSUBSCRIBED));
        assertThat(contactStatus(a, address)).isEqualTo("unsubscribed");
    }
}
