package org.fairsend.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import tools.jackson.databind.JsonNode;

/** Test set-up through the public API: a verified sender domain (its DKIM key found published), a list, contacts imported with consent. */
public final class EmailSetup {

    public static final String HEADER = "email,first_name,consent_basis,opt_in_type,collected_at,source_url,ip,declaration_text,subject,explicit,city\n";

    public record Sending(Fixtures.TestAccount account, String domain, String listId, Map<String, String> dkimRecords) {}

    public static Sending verifiedSender(Fixtures fixtures, Api operator) {
        var a = fixtures.account();
        String domain = "boulangerie-" + a.id().toString().substring(24) + ".example";
        var created = a.api().post("/api/sender-domains", Map.of("domain", domain));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        var verified = operator.post("/api/operator/sender-domains/" + id + "/verify", Map.of("reason", "test: domain owned by the account"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        fixtures.dkimKeyFoundPublished(id); // X-2: marketing mail needs a published signing key
        Map<String, String> records = new HashMap<>();
        for (JsonNode r : a.api().get("/api/sender-domains/" + id).json().get("dnsRecords")) {
            if (r.get("type").asString().equals("TXT") && r.get("name").asString().contains("._domainkey.")) {
                records.put(r.get("name").asString(), r.get("value").asString());
            }
        }
        var list = a.api().post("/api/lists", Map.of("name", "Newsletter"));
        assertThat(list.status()).as(list.body()).isEqualTo(201);
        return new Sending(a, domain, list.json().get("id").asString(), records);
    }

    /** Imports {@code n} consenting contacts {@code prefix1@domain .. prefixN@domain} into the list. */
    public static void importContacts(Sending s, String prefix, String domain, int n) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= n; i++) {
            csv.append(prefix).append(i).append('@').append(domain).append(",Camille").append(i)
                    .append(",opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/newsletter,203.0.113.7,")
                    .append("J'accepte de recevoir la lettre de la boulangerie,Nouveautés de la boulangerie,true,Lyon\n");
        }
        var r = s.account().api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + s.listId(), csv.toString(), "text/csv");
        assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
        String importId = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !s.account().api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        JsonNode done = s.account().api().get("/api/imports/" + importId).json();
        assertThat(done.get("rowsAccepted").asLong()).as(done.toString()).isEqualTo(n);
    }

    public static String campaign(Sending s, String subject, String html, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Lettre de novembre", "subject", subject, "html", html,
                "fromName", s.account().account().tradeName(),
                "fromAddress", "lettre@" + s.domain(), "listIds", java.util.List.of(s.listId())));
        body.putAll(extra);
        var r = s.account().api().post("/api/campaigns", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /**
     * Puts {@code term} in the gambling theme's ambiguous terms (R-11): alone in a message it gives a finding of
     * severity review, so tests hold a campaign for the operator whatever the default lexicon says.
     */
    public static void ambiguousTerm(Api operator, String term) {
        var r = operator.put("/api/operator/policy", Map.of("reason", "test: an ambiguous gambling term",
                "policy", Map.of("content", Map.of("categories", Map.of("gambling", Map.of("ambiguous",
                        Map.of("fr", java.util.List.of(term), "en", java.util.List.of())))))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    public static void defaultPolicy(Api operator) {
        operator.put("/api/operator/policy", Map.of("reason", "back to the defaults after the test", "policy", Map.of()));
    }
}
