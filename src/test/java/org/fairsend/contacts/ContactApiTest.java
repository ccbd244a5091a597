package org.fairsend.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@PostgresTest
class ContactApiTest {

    @Autowired
    Fixtures fixtures;

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void phoneNumbersAreStoredInE164WithTheirType() {
        Api api = fixtures.account().api();
        record Case(String input, String e164, String type) {}
        for (Case c : List.of(
                new Case("06 12 34 56 78", "+33612345678", "MOBILE"),
                new Case("07.81.23.45.67", "+33781234567", "MOBILE"),
                new Case("+33 6 98 76 54 32", "+33698765432", "MOBILE"),
                new Case("0033 7 56 78 90 12", "+33756789012", "MOBILE"),
                new Case("01 45 67 89 01", "+33145678901", "FIXED_LINE"),
                new Case("+33 4 72 00 00 01", "+33472000001", "FIXED_LINE"))) {
            var r = api.post("/api/contacts", body("phone", c.input()));
            assertThat(r.status()).as(c.input()).isEqualTo(201);
            assertThat(r.json().at("/contact/phone").asString()).as(c.input()).isEqualTo(c.e164());
            assertThat(r.json().at("/contact/phoneType").asString()).as(c.input()).isEqualTo(c.type());
        }
        for (String bad : List.of("06 12 34", "12345", "+33 0 00 00 00 00", "not a number")) {
            var r = api.post("/api/contacts", body("phone", bad));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("phone");
            assertThat(r.json().at("/errors/0/rule").asString()).isEqualTo("phone");
        }
    }

    @Test
    void emailsAreNormalisedAndValidated() {
        Api api = fixtures.account().api();
        var r = api.post("/api/contacts", body("email", "  Marie.Curie@Exemple.FR ", "firstName", "Marie"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode c = r.json().get("contact");
        assertThat(c.get("email").asString()).isEqualTo("marie.curie@exemple.fr");
        // created without consent: nothing on any channel
        assertThat(c.at("/subscriptions/email/status").asString()).isEqualTo("none");
        assertThat(c.at("/subscriptions/sms/status").asString()).isEqualTo("none");
        assertThat(c.at("/subscriptions/voice/status").asString()).isEqualTo("none");
        assertThat(api.post("/api/contacts", body("email", "elodie@Café.fr")).json().at("/contact/email").asString())
                .isEqualTo("elodie@xn--caf-dma.fr");
        for (String bad : List.of("no-at-sign", "a@b", "x@@y.fr", "jean..dupont@exemple.fr", "jean@exemple.f")) {
            var e = api.post("/api/contacts", body("email", bad));
            assertThat(e.status()).as(bad).isEqualTo(422);
            assertThat(e.json().at("/errors/0/field").asString()).isEqualTo("email");
        }
        var none = api.post("/api/contacts", body("firstName", "Nobody"));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().at("/errors/0/rule").asString()).isEqualTo("required");
    }

    @Test
    void sameEmailOrSamePhoneIsTheSameContactWithAttributesMerged() {
        Api api = fixtures.account().api();
        var first = api.post("/api/contacts", body("email", "paul@exemple.fr", "attributes", Map.of("city", "Lyon", "shoe", 42)));
        assertThat(first.status()).isEqualTo(201);
        String id = first.json().at("/contact/id").asString();

        var again = api.post("/api/contacts", body("email", "PAUL@exemple.fr", "phone", "06 11 22 33 44",
                "attributes", Map.of("city", "Paris", "vip", true)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().at("/contact/id").asString()).isEqualTo(id);
        assertThat(again.json().at("/contact/attributes/city").asString()).isEqualTo("Paris");
        assertThat(again.json().at("/contact/attributes/shoe").asInt()).isEqualTo(42);
        assertThat(again.json().at("/contact/attributes/vip").asBoolean()).isTrue();

        var byPhone = api.post("/api/contacts", body("phone", "+33611223344", "lastName", "Martin"));
        assertThat(byPhone.status()).isEqualTo(200);
        assertThat(byPhone.json().at("/contact/id").asString()).isEqualTo(id);
        assertThat(byPhone.json().at("/contact/email").asString()).isEqualTo("paul@exemple.fr");

        // two contacts (one by email, one by phone) turn out to be the same person: merged into one
        String listId = api.post("/api/lists", body("name", "Clients")).json().get("id").asString();
        var a = api.post("/api/contacts", body("email", "lea@exemple.fr")).json().at("/contact/id").asString();
        var b = api.post("/api/contacts", body("phone", "0622334455", "attributes", Map.of("from", "phone"))).json()
                .at("/contact/id").asString();
        assertThat(api.put("/api/lists/" + listId + "/contacts/" + b, Map.of()).status()).isEqualTo(201);
        var merged = api.post("/api/contacts", body("email", "lea@exemple.fr", "phone", "06 22 33 44 55"));
        assertThat(merged.json().at("/contact/id").asString()).isEqualTo(a);
        assertThat(merged.json().at("/contact/phone").asString()).isEqualTo("+33622334455");
        assertThat(merged.json().at("/contact/attributes/from").asString()).isEqualTo("phone");
        assertThat(merged.json().at("/lists/0/name").asString()).isEqualTo("Clients");
        assertThat(api.get("/api/contacts/" + b).status()).isEqualTo(404);
    }

    @Test
    void attributesMustBeAJsonObjectAndCanBeChanged() {
        Api api = fixtures.account().api();
        var bad = api.post("/api/contacts", body("email", "x@exemple.fr", "attributes", List.of(1, 2)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/errors/0/field").asString()).isEqualTo("attributes");
        assertThat(bad.json().at("/errors/0/rule").asString()).isEqualTo("json-object");

        String id = api.post("/api/contacts", body("email", "y@exemple.fr", "attributes", Map.of("a", 1, "b", 2)))
                .json().at("/contact/id").asString();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("a", null);
        attrs.put("c", "trois");
        var changed = api.send("PATCH", "/api/contacts/" + id,
                Api.JSON.writeValueAsString(body("firstName", "Yves", "attributes", attrs)), "application/json");
        assertThat(changed.status()).isEqualTo(200);
        JsonNode c = changed.json().get("contact");
        assertThat(c.get("firstName").asString()).isEqualTo("Yves");
        assertThat(c.at("/attributes/a").isMissingNode()).isTrue();
        assertThat(c.at("/attributes/b").asInt()).isEqualTo(2);
        assertThat(c.at("/attributes/c").asString()).isEqualTo("trois");
    }

    @Test
    void anotherAccountsContactsAndListsAnswer404() {
        Api mine = fixtures.account().api();
        Api theirs = fixtures.account().api();
        String id = mine.post("/api/contacts", body("email", "secret@exemple.fr")).json().at("/contact/id").asString();
        String list = mine.post("/api/lists", body("name", "VIP")).json().get("id").asString();
        assertThat(theirs.get("/api/contacts/" + id).status()).isEqualTo(404);
        assertThat(theirs.get("/api/contacts/" + id + "/export").status()).isEqualTo(404);
        assertThat(theirs.delete("/api/contacts/" + id).status()).isEqualTo(404);
        assertThat(theirs.send("PATCH", "/api/contacts/" + id, "{\"firstName\":\"x\"}", "application/json").status()).isEqualTo(404);
        assertThat(theirs.get("/api/lists/" + list).status()).isEqualTo(404);
        String theirContact = theirs.post("/api/contacts", body("email", "secret@exemple.fr")).json().at("/contact/id").asString();
        assertThat(theirContact).isNotEqualTo(id);
        assertThat(theirs.put("/api/lists/" + list + "/contacts/" + theirContact, Map.of()).status()).isEqualTo(404);
        assertThat(mine.put("/api/lists/" + list + "/contacts/" + theirContact, Map.of()).status()).isEqualTo(404);
        assertThat(theirs.get("/api/contacts").json().get("items")).hasSize(1);
    }

    @Test
    void listsMembershipAndKeysetPaging() {
        Api api = fixtures.account().api();
        var list = api.post("/api/lists", body("name", "Newsletter", "description", "monthly"));
        assertThat(list.status()).isEqualTo(201);
        String listId = list.json().get("id").asString();
        assertThat(api.post("/api/lists", body("name", "Newsletter")).status()).isEqualTo(409);
        assertThat(api.post("/api/lists", body("name", " ")).json().at("/errors/0/rule").asString()).isEqualTo("required");

        for (int i = 0; i < 7; i++) {
            String id = api.post("/api/contacts", body("email", "p" + i + "@exemple.fr")).json().at("/contact/id").asString();
            if (i % 2 == 0) assertThat(api.put("/api/lists/" + listId + "/contacts/" + id, Map.of()).status()).isEqualTo(201);
        }
        assertThat(api.get("/api/lists/" + listId).json().get("members").asLong()).isEqualTo(4);

        var page1 = api.get("/api/contacts?limit=3").json();
        assertThat(page1.get("items")).hasSize(3);
        var page2 = api.get("/api/contacts?limit=3&after=" + page1.get("next").asString()).json();
        var page3 = api.get("/api/contacts?limit=3&after=" + page2.get("next").asString()).json();
        assertThat(page3.get("items")).hasSize(1);
        assertThat(page3.has("next")).as("no next page").isFalse();
        assertThat(page2.at("/items/0/id").asString()).isGreaterThan(page1.at("/items/2/id").asString());

        var inList = api.get("/api/contacts?listId=" + listId).json().get("items");
        assertThat(inList).hasSize(4);
        String member = inList.get(0).get("id").asString();
        assertThat(api.delete("/api/lists/" + listId + "/contacts/" + member).status()).isEqualTo(204);
        assertThat(api.delete("/api/lists/" + listId + "/contacts/" + member).status()).isEqualTo(404);
        assertThat(api.get("/api/contacts?q=p3@").json().get("items")).hasSize(1);
        assertThat(api.get("/api/contacts?limit=0").json().at("/errors/0/field").asString()).isEqualTo("limit");
        assertThat(api.get("/api/lists").json()).hasSize(1);
    }
}
