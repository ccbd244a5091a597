package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.EmailTemplate;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.email.EmailRenderer;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestDnsServer;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * R-9, X-2: a sender domain whose DKIM key the DNS check has not found published sends no marketing mail: the
 * preflight blocks the campaign, and the renderer refuses to let such a message leave unsigned. Checked against a
 * real DNS server answering over UDP and GreenMail over SMTP.
 */
@PostgresTest
class SenderDomainTruthTest {

    static final TestDnsServer DNS = new TestDnsServer();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("fairsend.dns.resolver", DNS::address);
        r.add("fairsend.dns.timeout", () -> "2s");
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Autowired Fixtures fixtures;
    @Autowired EmailRenderer renderer;

    /** A domain the operator verified by hand: verified, but no check has seen its key in DNS. */
    private Map<String, String> verifiedByHand(Fixtures.TestAccount a, String domain) {
        var created = a.api().post("/api/sender-domains", Map.of("domain", domain));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var verified = fixtures.operator().post("/api/operator/sender-domains/" + id + "/verify", Map.of("reason", "test: contract signed"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        Map<String, String> d = new HashMap<>();
        d.put("id", id);
        for (JsonNode r : created.json().get("dnsRecords")) {
            if (r.get("purpose").asString().equals("dkim-rsa")) {
                d.put("dkimName", r.get("name").asString());
                d.put("dkimValue", r.get("value").asString());
            }
        }
        return d;
    }

    private static List<String> blocking(JsonNode report) {
        List<String> rules = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("severity").asString().equals("blocking")) rules.add(f.get("rule").asString());
        });
        return rules;
    }

    @Test
    void aDomainWithoutAPublishedKeyCannotSendMarketingMailUntilTheCheckFindsTheKey() {
        var a = fixtures.account();
        String domain = "truth-" + a.id().toString().substring(24) + ".example";
        var d = verifiedByHand(a, domain);
        var list = a.api().post("/api/lists", Map.of("name", "Newsletter")).json().get("id").asString();
        var s = new EmailSetup.Sending(a, domain, list, Map.of());
        EmailSetup.importContacts(s, "truth", "clients-truth.example", 2);
        String id = EmailSetup.campaign(s, "Le pain de campagne revient", "<p>Bonjour {{ contact.first_name }} !</p>", Map.of());

        JsonNode report = a.api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(report.get("canStart").asBoolean()).isFalse();
        assertThat(blocking(report)).containsExactly("X-2");
        assertThat(report.toString()).contains("DKIM signing key of " + domain);
        var start = a.api().post("/api/campaigns/" + id + "/start", null);
        assertThat(start.status()).isEqualTo(422);
        assertThat(mail.getReceivedMessagesForDomain("clients-truth.example")).isEmpty();

        // the key is published and the DNS check finds it: the campaign may start, and arrives signed
        DNS.txt(d.get("dkimName"), d.get("dkimValue"));
        var checked = a.api().post("/api/sender-domains/" + d.get("id") + "/check", null);
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        JsonNode ok = a.api().get("/api/campaigns/" + id + "/preflight").json();
        assertThat(ok.get("canStart").asBoolean()).as(ok.toString()).isTrue();
        assertThat(a.api().post("/api/campaigns/" + id + "/start", null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessagesForDomain("clients-truth.example").length == 2);
        // the report says what the receiver computes: DKIM aligned, SPF not (the envelope is on the bounce domain)
        JsonNode report2 = a.api().get("/api/sender-domains/" + d.get("id")).json();
        assertThat(report2.at("/alignment/dkimAligned").asBoolean()).isTrue();
        assertThat(report2.at("/alignment/spfAligned").asBoolean()).isFalse();
        assertThat(report2.at("/alignment/envelopeDomain").asString()).isEqualTo("bounces.fairsend.localhost");
        assertThat(report2.at("/alignment/dmarcPasses").asBoolean()).isTrue();
        for (var m : mail.getReceivedMessagesForDomain("clients-truth.example")) {
            try {
                assertThat(m.getHeader("DKIM-Signature")[0].replaceAll("\\s+", "")).contains("d=" + domain);
                // the envelope sender is on the platform's bounce domain, not under the From domain
                assertThat(m.getHeader("Return-Path")[0]).matches("<?b-[0-9a-z]+-[0-9a-f]{24}@bounces\\.fairsend\\.localhost>?");
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theRendererRefusesToSendMarketingMailUnsignedButTransactionalMailStillLeaves() {
        var a = fixtures.account();
        String domain = "unsigned-" + a.id().toString().substring(24) + ".example";
        verifiedByHand(a, domain);
        ChannelRenderer.Recipient r = new ChannelRenderer.Recipient(1, a.id(), "Boulangerie", "client@clients-truth.example",
                Map.of("first_name", "Camille"), "You subscribed on our site");

        var marketing = new EmailTemplate("Nouveautés", null, "<p>Bonjour</p><p><a href=\"{{ unsubscribe_url }}\">Se désinscrire</a></p>",
                null, "Boulangerie", "lettre@" + domain, null, true, false, false, true);
        assertThatThrownBy(() -> renderer.compile(marketing).render(r)).isInstanceOf(EmailRenderer.Unsigned.class)
                .hasMessageContaining(domain);

        // transactional mail (an order, a receipt) the recipient asked for leaves from the verified domain
        var receipt = new EmailTemplate("Votre commande", null, "<p>Commande n°42</p>", null, "Boulangerie", "commandes@" + domain,
                null, false, false, false, false);
        var mime = (RenderedContent.Email) renderer.compile(receipt).render(r);
        assertThat(mime).isNotNull();
    }
}
