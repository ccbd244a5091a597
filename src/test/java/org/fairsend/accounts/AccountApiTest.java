package org.fairsend.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@PostgresTest
class AccountApiTest {

    @Autowired
    Fixtures fixtures;

    @Test
    void operatorCreatesAnAccountWhoseKeySeesOnlyItself() {
        Api op = fixtures.operator();
        var created = op.post("/api/operator/accounts", Map.of("legalName", "Fromagerie Dupont SAS", "country", "FR",
                "mainlandFrance", true, "contactEmail", "Contact@Fromagerie-Dupont.FR", "subscriptionFeeCents", 9900));
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.at("/account/contactEmail").asString()).isEqualTo("contact@fromagerie-dupont.fr");
        String key = body.get("apiKey").asString();

        Api account = new Api(fixtures.port(), key);
        var me = account.get("/api/account");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().at("/account/legalName").asString()).isEqualTo("Fromagerie Dupont SAS");
        assertThat(me.json().at("/channels/0/status").asString()).isEqualTo("active");

        // an account key cannot reach operator endpoints
        assertThat(account.get("/api/operator/accounts").status()).isEqualTo(403);
    }

    @Test
    void missingOrWrongKeyIsRefusedAsProblemJson() {
        var anon = fixtures.anonymous().get("/api/account");
        assertThat(anon.status()).isEqualTo(401);
        assertThat(anon.header("Content-Type")).startsWith("application/problem+json");
        assertThat(new Api(fixtures.port(), "fsk_forged").get("/api/account").status()).isEqualTo(401);
    }

    @Test
    void invalidAccountNamesTheFieldAndTheRule() {
        var r = fixtures.operator().post("/api/operator/accounts", Map.of("legalName", "X", "country", "ZZ",
                "mainlandFrance", true, "contactEmail", "x@example.fr"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("country");
        assertThat(r.json().at("/errors/0/rule").asString()).isEqualTo("iso-3166");

        var notFrance = fixtures.operator().post("/api/operator/accounts", Map.of("legalName", "Acme GmbH", "country", "DE",
                "mainlandFrance", true, "contactEmail", "x@acme.de"));
        assertThat(notFrance.json().at("/errors/0/rule").asString()).isEqualTo("R-23");
    }

    @Test
    void operatorActsOnAnAccountThroughTheHeaderAndRevokedKeysStopWorking() {
        var a = fixtures.account();
        Api op = fixtures.operator();
        assertThat(op.get("/api/account").status()).isEqualTo(400);
        var acting = op.withHeader(Caller.ACCOUNT_HEADER, a.id().toString()).get("/api/account");
        assertThat(acting.json().at("/account/id").asString()).isEqualTo(a.id().toString());
        assertThat(op.withHeader(Caller.ACCOUNT_HEADER, java.util.UUID.randomUUID().toString()).get("/api/account").status())
                .isEqualTo(404);

        var newKey = op.post("/api/operator/accounts/" + a.id() + "/keys", Map.of("name", "ci"));
        String keyId = newKey.json().at("/key/id").asString();
        Api second = new Api(fixtures.port(), newKey.json().get("apiKey").asString());
        assertThat(second.get("/api/account").status()).isEqualTo(200);
        assertThat(op.delete("/api/operator/keys/" + keyId).status()).isEqualTo(204);
        assertThat(second.get("/api/account").status()).isEqualTo(401);
    }

    @Test
    void theOperatorApprovesOnlyRegulatedThemesNamedAsThePolicyNamesThem() {
        var a = fixtures.account();
        // issue 19: the coarse approval is gone (410); an approval rests on an application with the account's licence
        var coarse = fixtures.operator().put("/api/operator/accounts/" + a.account().id() + "/regulated-categories",
                Map.of("categories", java.util.List.of("forex"), "reason", "asked"));
        assertThat(coarse.status()).isEqualTo(410);
        assertThat(coarse.body()).contains("/api/operator/regulated/applications");
        // hyphenated policy ids such as penny-stocks are themes an account may apply for
        var themes = a.api().get("/api/regulated/themes").body();
        assertThat(themes).contains("\"penny-stocks\"").contains("\"forex\"").doesNotContain("\"gambling\"");
        String pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // a theme R-11 always prohibits, or one the policy does not know, is refused and nothing is stored
        for (String refused : java.util.List.of("gambling", "astrology")) {
            var r = a.api().post("/api/regulated/applications", Map.of("theme", refused, "authority", "ANJ", "licenceNumber", "L-1",
                    "licenceExpiresOn", java.time.LocalDate.now().plusYears(1).toString(),
                    "documents", java.util.List.of(Map.of("fileName", "l.pdf", "content", pdf))));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("theme");
            assertThat(r.json().at("/errors/0/rule").asString()).isEqualTo("R-11");
        }
        assertThat(a.api().get("/api/regulated/applications").json().size()).isZero();
        assertThat(fixtures.operator().get("/api/operator/accounts/" + a.account().id()).body()).doesNotContain("gambling");
    }
}
