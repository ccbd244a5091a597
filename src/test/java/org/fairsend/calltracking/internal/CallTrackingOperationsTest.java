package org.fairsend.calltracking.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The operator's pool (R-24: import, assign, release into quarantine, reassign, replace, retire, history), the
 * mainland-France rule for French numbers and the redirection rules through the API (R-23, problem+json naming
 * the rule), suspension when an account's zone changes, account scoping, and switching to masked numbers.
 */
@PostgresTest
class CallTrackingOperationsTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    record Account(String id, Api api, String email) {}

    Account account(Api op, String name, String country, boolean mainland, String phone, String postcode) {
        String email = "contact@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example";
        var body = new java.util.HashMap<String, Object>(Map.of("legalName", name, "country", country, "mainlandFrance", mainland,
                "contactEmail", email));
        if (phone != null) body.put("mainPhone", phone);
        if (postcode != null) body.put("postcode", postcode);
        var r = op.post("/api/operator/accounts", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Account(r.json().get("account").get("id").asString(), new Api(fixtures.port(), r.json().get("apiKey").asString()), email);
    }

    Map<String, String> importNumbers(Api op, String... numbers) {
        var r = op.post("/api/operator/calltracking/numbers/import", Map.of("numbers", List.of(numbers)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        r.json().get("imported").forEach(n -> ids.put(n.get("e164").asString(), n.get("id").asString()));
        return ids;
    }

    static void assertRule(Api.Response r, int status, String field, String rule) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode e = r.json().get("errors").get(0);
        assertThat(e.get("field").asString()).isEqualTo(field);
        assertThat(e.get("rule").asString()).isEqualTo(rule);
    }

    Api.Response call(String event, String callId, String from, String to) {
        return new Api(fixtures.port(), "test-calltracking-token").post("/webhooks/calltracking",
                Map.of("event", event, "callId", callId, "from", from, "to", to, "at", Instant.now().toString()));
    }

    @Test
    void thePoolKeepsEveryAssignmentAndQuarantinesReleasedNumbers() {
        Api op = fixtures.operator();
        Account a = account(op, "Garage Dupont SARL", "FR", true, "04 78 37 12 34", "69003");
        Account b = account(op, "Garage Martin SARL", "FR", true, "04 72 00 00 01", "69002");
        Account belgian = account(op, "Garage Bruxellois SPRL", "BE", false, null, null);

        // an import with an invalid number stores nothing; a text import works; a re-import is harmless
        long before = jdbc.sql("select count(*) from ct_number").query(Long.class).single();
        var bad = op.post("/api/operator/calltracking/numbers/import", Map.of("numbers", List.of("+33427870001", "12")));
        assertRule(bad, 422, "numbers[1]", "phone");
        assertThat(jdbc.sql("select count(*) from ct_number").query(Long.class).single()).isEqualTo(before);
        var text = op.postRaw("/api/operator/calltracking/numbers/import", "number\n04 27 87 00 01\n04 27 87 00 02\n04 27 87 00 03\n"
                + "04 27 87 00 04\n+32 2 808 00 01\n", "text/plain");
        assertThat(text.status()).as(text.body()).isEqualTo(201);
        assertThat(text.json().get("imported").size()).isEqualTo(5);
        var again = op.post("/api/operator/calltracking/numbers/import", Map.of("numbers", List.of("+33427870001")));
        assertThat(again.json().get("alreadyInPool").get(0).asString()).isEqualTo("+33427870001");
        Map<String, String> ids = new java.util.HashMap<>();
        text.json().get("imported").forEach(n -> ids.put(n.get("e164").asString(), n.get("id").asString()));
        String n1 = ids.get("+33427870001");
        String n2 = ids.get("+33427870002");
        String n3 = ids.get("+33427870003");
        String n4 = ids.get("+33427870004");
        String be = ids.get("+3228080001");

        // R-23: French numbers only for accounts established in mainland France
        assertRule(op.post("/api/operator/calltracking/numbers/" + n1 + "/assign", Map.of("accountId", belgian.id())), 422, "accountId", "R-23");
        assertThat(op.post("/api/operator/calltracking/numbers/" + be + "/assign", Map.of("accountId", belgian.id())).status()).isEqualTo(200);
        assertThat(op.post("/api/operator/calltracking/numbers/" + n1 + "/assign", Map.of("accountId", a.id(), "reason", "contract 42")).status())
                .isEqualTo(200);
        assertRule(op.post("/api/operator/calltracking/numbers/" + n1 + "/assign", Map.of("accountId", b.id())), 409, "numberId", "R-24");

        // the account sees its number; another account gets 404
        assertThat(a.api().get("/api/calltracking/numbers").json().get(0).get("number").asString()).isEqualTo("+33427870001");
        assertThat(b.api().get("/api/calltracking/numbers/" + n1).status()).isEqualTo(404);
        assertThat(b.api().put("/api/calltracking/numbers/" + n1, Map.of("redirectTo", "04 72 10 30 30")).status()).isEqualTo(404);

        // a refused redirection names the rule and changes nothing
        var premium = a.api().put("/api/calltracking/numbers/" + n1, Map.of("redirectTo", "08 92 68 02 01"));
        assertRule(premium, 422, "redirectTo", "R-23");
        assertThat(premium.json().get("detail").asString()).contains("surcharged", "premium-rate");
        assertRule(a.api().put("/api/calltracking/numbers/" + n1, Map.of("redirectTo", "01 53 71 53 71")), 422, "redirectTo", "R-23");
        assertRule(a.api().put("/api/calltracking/numbers/" + n1, Map.of("redirectTo", "+33427870002")), 422, "redirectTo", "R-23");
        assertThat(a.api().get("/api/calltracking/numbers/" + n1).json().get("redirectStatus").asString()).isEqualTo("none");
        String bMedium = b.api().post("/api/calltracking/media", Map.of("name", "Flyers", "type", "print")).json().get("id").asString();
        assertRule(a.api().put("/api/calltracking/numbers/" + n1, Map.of("mediumId", bMedium)), 422, "mediumId", "exists");
        assertRule(a.api().post("/api/calltracking/media", Map.of("name", "TV", "type", "hologram")), 422, "type", "R-22");
        String aMedium = a.api().post("/api/calltracking/media", Map.of("name", "Affiches", "type", "poster")).json().get("id").asString();
        var ok = a.api().put("/api/calltracking/numbers/" + n1, Map.of("mediumId", aMedium, "redirectTo", "04 72 10 30 30"));
        assertThat(ok.json().get("redirectTo").asString()).isEqualTo("+33472103030");
        assertThat(call("call.started", "ops-1", "+33612345678", "+33427870001").json().get("forwardTo").asString()).isEqualTo("+33472103030");
        call("call.ended", "ops-1", "+33612345678", "+33427870001");

        // reassign: at once, with a reason; the call made before stays with the first account
        assertRule(op.post("/api/operator/calltracking/numbers/" + n1 + "/reassign", Map.of("accountId", b.id())), 422, "reason", "R-24");
        var moved = op.post("/api/operator/calltracking/numbers/" + n1 + "/reassign", Map.of("accountId", b.id(), "reason", "business sold to Martin"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(a.api().get("/api/calltracking/numbers/" + n1).status()).isEqualTo(404);
        assertThat(b.api().get("/api/calltracking/numbers/" + n1).json().get("redirectStatus").asString()).isEqualTo("none");
        assertThat(a.api().get("/api/calltracking/calls").json().size()).isEqualTo(1);
        assertThat(b.api().get("/api/calltracking/calls").json().size()).isZero();
        assertThat(call("call.started", "ops-2", "+33612345679", "+33427870001").json().get("action").asString()).isEqualTo("reject");

        // release: quarantine for the policy's 90 days; calls still arrive and belong to nobody
        var released = op.post("/api/operator/calltracking/numbers/" + n1 + "/release", Map.of("reason", "contract ended"));
        assertThat(released.json().get("status").asString()).isEqualTo("quarantined");
        Instant until = Instant.parse(released.json().get("quarantineUntil").asString());
        assertThat(Duration.between(Instant.now(), until).toDays()).isBetween(89L, 90L);
        assertRule(op.post("/api/operator/calltracking/numbers/" + n1 + "/assign", Map.of("accountId", a.id())), 409, "numberId", "R-24");
        assertThat(call("call.started", "ops-3", "+33612345670", "+33427870001").json().get("reason").asString()).contains("not assigned");
        assertThat(jdbc.sql("select account_id from ct_call where provider_call_id = 'ops-3'").query(java.util.UUID.class).optional()).isEmpty();
        assertThat(jdbc.sql("select caller from ct_call where provider_call_id = 'ops-3'").query(String.class).single()).isEqualTo("+3361234XXXX");
        assertThat(op.get("/api/operator/calltracking/numbers/" + n1).json().get("callsWhileUnassigned").asLong()).isEqualTo(1);
        JsonNode history = op.get("/api/operator/calltracking/numbers/" + n1).json().get("history");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("accountId").asString()).isEqualTo(a.id());
        assertThat(history.get(0).get("releaseReason").asString()).contains("business sold");
        assertThat(history.get(1).get("accountId").asString()).isEqualTo(b.id());
        assertThat(history.get(1).get("releaseReason").asString()).isEqualTo("contract ended");

        // replace: the account keeps its medium and redirection on another number; the old one rests in quarantine
        op.post("/api/operator/calltracking/numbers/" + n2 + "/assign", Map.of("accountId", a.id()));
        a.api().put("/api/calltracking/numbers/" + n2, Map.of("mediumId", aMedium, "redirectTo", "04 91 55 11 11"));
        var replaced = op.post("/api/operator/calltracking/numbers/" + n2 + "/replace", Map.of("reason", "number reported as spam"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        String newId = replaced.json().get("numberId").asString();
        assertThat(newId).isIn(n3, n4);
        JsonNode line = a.api().get("/api/calltracking/numbers/" + newId).json();
        assertThat(line.get("mediumId").asString()).isEqualTo(aMedium);
        assertThat(line.get("redirectTo").asString()).isEqualTo("+33491551111");
        assertThat(line.get("redirectStatus").asString()).isEqualTo("active");
        assertThat(op.get("/api/operator/calltracking/numbers/" + n2).json().get("number").get("status").asString()).isEqualTo("quarantined");

        // retire: only a number no account holds; then it is never assigned again
        assertRule(op.post("/api/operator/calltracking/numbers/" + newId + "/retire", Map.of("reason", "x")), 409, "numberId", "R-24");
        String spare = newId.equals(n3) ? n4 : n3;
        assertThat(op.post("/api/operator/calltracking/numbers/" + spare + "/retire", Map.of("reason", "operator closed the range"))
                .json().get("status").asString()).isEqualTo("retired");
        assertRule(op.post("/api/operator/calltracking/numbers/" + spare + "/assign", Map.of("accountId", a.id())), 409, "numberId", "R-24");
        assertThat(a.api().get("/api/operator/calltracking/numbers").status()).isEqualTo(403);

        // with no quarantine in the policy, a released number is free at once
        op.put("/api/operator/policy", Map.of("policy", Map.of("calltracking", Map.of("quarantineDays", 0)), "reason", "test"));
        try {
            assertThat(op.post("/api/operator/calltracking/numbers/" + newId + "/release", Map.of("reason", "moved away"))
                    .json().get("status").asString()).isEqualTo("available");
            assertThat(op.post("/api/operator/calltracking/numbers/" + newId + "/assign", Map.of("accountId", b.id())).status()).isEqualTo(200);
            assertRule(op.put("/api/operator/policy", Map.of("policy", Map.of("calltracking", Map.of("quarantineDays", -1)), "reason", "x")),
                    422, "calltracking.quarantineDays", "R-24");
        } finally {
            op.put("/api/operator/policy", Map.of("policy", Map.of(), "reason", "back to the defaults"));
        }
    }

    @Test
    void aZoneChangeSuspendsRedirectionsThatNoLongerComply() throws Exception {
        Api op = fixtures.operator();
        Account a = account(op, "Chauffage Rhodanien SARL", "FR", true, "04 78 37 12 35", "69003");
        Map<String, String> ids = importNumbers(op, "+33427880001", "+33427880002");
        List<String> numbers = List.copyOf(ids.values());
        for (String n : numbers) op.post("/api/operator/calltracking/numbers/" + n + "/assign", Map.of("accountId", a.id()));
        a.api().put("/api/calltracking/numbers/" + numbers.get(0), Map.of("redirectTo", "04 91 55 11 11"));
        op.put("/api/operator/policy", Map.of("policy", Map.of("calltracking", Map.of("nonGeographic09", "allow")), "reason", "box numbers allowed"));
        try {
            assertThat(a.api().put("/api/calltracking/numbers/" + numbers.get(1), Map.of("redirectTo", "09 70 80 80 80")).status()).isEqualTo(200);
        } finally {
            op.put("/api/operator/policy", Map.of("policy", Map.of(), "reason", "back to the defaults"));
        }
        // the policy no longer allows 09 numbers: the next call finds it out, is not forwarded, and the redirection is suspended
        String box = a.api().get("/api/calltracking/numbers/" + numbers.get(1)).json().get("number").asString();
        var boxCall = call("call.started", "zone-0-" + a.id(), "+33612345678", box);
        assertThat(boxCall.json().get("action").asString()).isEqualTo("reject");
        JsonNode boxLine = a.api().get("/api/calltracking/numbers/" + numbers.get(1)).json();
        assertThat(boxLine.get("redirectStatus").asString()).isEqualTo("suspended");
        assertThat(boxLine.get("suspendedReason").asString()).contains("nonGeographic09");
        assertThat(a.api().get("/api/calltracking/numbers/" + numbers.get(0)).json().get("redirectStatus").asString()).isEqualTo("active");

        // the business moves to Bordeaux: zone 05
        var moved = op.send("PATCH", "/api/operator/accounts/" + a.id(), "{\"mainPhone\": \"05 56 10 20 30\", \"postcode\": \"33000\"}", "application/json");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                a.api().get("/api/calltracking/numbers/" + numbers.get(0)).json().get("redirectStatus").asString().equals("suspended"));
        JsonNode suspended = a.api().get("/api/calltracking/numbers/" + numbers.get(0)).json();
        assertThat(suspended.get("suspendedReason").asString()).startsWith("R-23").contains("zone 05");
        String tracked = a.api().get("/api/calltracking/numbers/" + numbers.get(0)).json().get("number").asString();
        var refused = call("call.started", "zone-1-" + a.id(), "+33612345678", tracked);
        assertThat(refused.json().get("action").asString()).isEqualTo("reject");
        await().atMost(Duration.ofSeconds(20)).until(() -> received(a.email(), "+33491551111") != null);
        assertThat(body(received(a.email(), "+33491551111"))).contains(tracked, "suspended", "R-23", "zone 05");
        assertThat(body(received(a.email(), box))).contains("+33970808080", "suspended", "R-23");
        JsonNode events = a.api().get("/api/calltracking/redirection-events").json();
        assertThat(events.size()).isEqualTo(2);
        assertThat(events.get(0).get("reported").asBoolean()).isTrue();

        // back to Lyon: the Marseille redirection complies again
        op.send("PATCH", "/api/operator/accounts/" + a.id(), "{\"mainPhone\": \"04 78 37 12 35\"}", "application/json");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                a.api().get("/api/calltracking/numbers/" + numbers.get(0)).json().get("redirectStatus").asString().equals("active"));
        assertThat(a.api().get("/api/calltracking/numbers/" + numbers.get(1)).json().get("redirectStatus").asString()).isEqualTo("suspended");
    }

    @Test
    void switchingToMaskedMasksWhatWasStored() {
        Api op = fixtures.operator();
        Account a = account(op, "Vitrerie Lyonnaise SARL", "FR", true, "04 78 37 12 36", "69003");
        String n = importNumbers(op, "+33427890001").values().iterator().next();
        op.post("/api/operator/calltracking/numbers/" + n + "/assign", Map.of("accountId", a.id()));
        assertThat(a.api().get("/api/calltracking/settings").json().get("callerNumbers").asString()).isEqualTo("masked");
        assertRule(a.api().put("/api/calltracking/settings", Map.of("callerNumbers", "half")), 422, "callerNumbers", "R-25");
        a.api().put("/api/calltracking/settings", Map.of("callerNumbers", "full"));
        call("call.started", "mask-1", "06 98 76 54 32", "+33427890001");
        call("call.missed", "mask-1", "06 98 76 54 32", "+33427890001");
        assertThat(a.api().get("/api/calltracking/callbacks").json().get("calls").get(0).get("caller").asString()).isEqualTo("+33698765432");
        a.api().put("/api/calltracking/settings", Map.of("callerNumbers", "masked"));
        assertThat(jdbc.sql("select caller from ct_call where provider_call_id = 'mask-1'").query(String.class).single()).isEqualTo("+3369876XXXX");
        assertThat(a.api().get("/api/calltracking/calls").body()).doesNotContain("98765432").contains("+3369876XXXX");
        assertThat(a.api().get("/api/calltracking/callbacks").status()).isEqualTo(409);
    }

    /** The mail to that address whose text mentions that. */
    static MimeMessage received(String to, String mentioning) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && body(m).contains(mentioning)) return m;
        }
        return null;
    }

    static String body(MimeMessage m) throws Exception {
        Object c = m.getContent();
        if (c instanceof jakarta.mail.internet.MimeMultipart mp) return String.valueOf(mp.getBodyPart(0).getContent());
        return String.valueOf(c);
    }
}
