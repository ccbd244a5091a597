package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * R-1 (issue 16): transactional means one message to one person about one transaction. A transactional campaign
 * cannot target lists (refused when written, blocking at start for one stored before the rule); the per-message API
 * needs a category from a closed list, recorded with the message and shown in the evidence.
 */
@PostgresTest
class TransactionalKindTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    static final String HTML = "<p>Bonjour, votre commande n°2211 est prête en boutique.</p>";

    @Test
    void aTransactionalCampaignCannotTargetListsNeitherWhenWrittenNorAtStart() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        EmailSetup.importContacts(s, "tx", "clients-tx.example", 2);
        var api = s.account().api();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Commandes", "kind", "transactional", "subject", "Votre commande",
                "html", HTML, "fromName", s.account().account().tradeName(), "fromAddress", "commandes@" + s.domain(),
                "listIds", List.of(s.listId())));
        var created = api.post("/api/campaigns", body);
        assertThat(created.status()).as(created.body()).isEqualTo(422);
        assertThat(created.body()).contains("\"listIds\"").contains("R-1");

        // a marketing draft with the list cannot be turned transactional either
        String id = EmailSetup.campaign(s, "Votre commande", HTML, Map.of());
        var turned = api.put("/api/campaigns/" + id, Map.of("kind", "transactional"));
        assertThat(turned.status()).as(turned.body()).isEqualTo(422);
        assertThat(turned.body()).contains("R-1");

        // a transactional campaign with a list stored before the rule: a blocking finding, it cannot start
        jdbc.sql("update campaign set kind = 'transactional' where id = ?").param(UUID.fromString(id)).update();
        JsonNode preflight = api.get("/api/campaigns/" + id + "/preflight").json();
        assertThat(preflight.get("canStart").asBoolean()).isFalse();
        assertThat(preflight.toString()).contains("R-1");
        var start = api.post("/api/campaigns/" + id + "/start", null);
        assertThat(start.status()).as(start.body()).isEqualTo(422);
        assertThat(start.body()).contains("R-1");
        assertThat(api.get("/api/campaigns/" + id).json().get("status").asString()).isEqualTo("draft");
        assertThat(mail.getReceivedMessagesForDomain("clients-tx.example")).isEmpty();
    }

    @Test
    void thePerMessageApiNeedsACategoryFromTheClosedListAndRecordsIt() {
        var s = EmailSetup.verifiedSender(fixtures, fixtures.operator());
        var api = s.account().api();
        Map<String, Object> message = new HashMap<>(Map.of("to", "client@clients-cat.example", "subject", "Votre commande n°2211",
                "html", HTML, "fromName", s.account().account().tradeName(), "fromAddress", "commandes@" + s.domain()));
        var missing = api.post("/api/messages/email", message);
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.json().at("/errors/0/field").asString()).isEqualTo("category");
        assertThat(missing.json().at("/errors/0/rule").asString()).isEqualTo("R-1");
        for (String bad : List.of("other", "newsletter", "promotion", "")) {
            message.put("category", bad);
            var unknown = api.post("/api/messages/email", message);
            assertThat(unknown.status()).as(bad + ": " + unknown.body()).isEqualTo(422);
            assertThat(unknown.json().at("/errors/0/field").asString()).isEqualTo("category");
            assertThat(unknown.json().at("/errors/0/rule").asString()).isEqualTo("R-1");
        }
        var sms = api.post("/api/messages/sms", Map.of("to", "+33612345670", "text", "Votre colis arrive demain."));
        assertThat(sms.status()).as(sms.body()).isEqualTo(422);
        assertThat(sms.body()).contains("\"category\"").contains("R-1");
        assertThat(mail.getReceivedMessagesForDomain("clients-cat.example")).isEmpty();

        message.put("category", "Order");
        var ok = api.post("/api/messages/email", message);
        assertThat(ok.status()).as(ok.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain("clients-cat.example").length == 1);
        String address = URLEncoder.encode("client@clients-cat.example", StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/evidence?address=" + address).body().contains("\"outcome\":\"sent\""));
        String pack = api.get("/api/evidence?address=" + address).body();
        assertThat(pack).contains("\"kind\":\"transactional\"").contains("\"category\":\"order\"");
    }
}
