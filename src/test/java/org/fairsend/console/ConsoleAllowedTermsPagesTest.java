package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** R-11 in the operator's console: an account's allowed terms and names, added with a reason, removed, with their history. */
@PostgresTest
class ConsoleAllowedTermsPagesTest {

    @Autowired Fixtures fixtures;

    @Test
    void theOperatorAllowsAndRemovesAnAccountsTermsFromItsPage() throws Exception {
        var a = fixtures.account();
        var o = new ConsoleSession(fixtures.port());
        String opEmail = "op-terms-" + a.id().toString().substring(24) + "@fairsend.example";
        assertThat(fixtures.operator().post("/api/operator/console-users", Map.of("email", opEmail, "password", "operator of the terms"))
                .status()).isEqualTo(201);
        o.signIn(opEmail, "operator of the terms");
        String path = "/console/operator/accounts/" + a.id() + "/allowed-terms";
        assertThat(o.get("/console/operator/accounts/" + a.id()).body()).contains("href=\"" + path + "\"")
                // issue 20: the operator sees the account's postal address and its recipients' language
                .contains("12 rue Oberkampf, 75011 Paris").contains(">en<");

        String page = o.get(path).body();
        assertThat(page).contains("Allowed terms and names").contains("id=\"no-terms\"");
        var noReason = o.post(path, Map.of("term", "Tabac de la Gare", "reason", "", "_csrf", ConsoleSession.csrf(page)));
        assertThat(noReason.statusCode()).isEqualTo(302);
        page = o.get(path).body();
        assertThat(page).contains("say why the term is allowed").contains("id=\"no-terms\"");

        var added = o.post(path, Map.of("term", "Tabac de la Gare", "reason", "the newsagent's shop name", "_csrf", ConsoleSession.csrf(page)));
        assertThat(added.statusCode()).isEqualTo(302);
        page = o.get(path).body();
        assertThat(page).contains("is allowed for this account").contains("Tabac de la Gare").contains("the newsagent&#39;s shop name")
                .contains("console:" + opEmail);
        assertThat(a.api().get("/api/content/allowed-terms").json().get(0).get("term").asString()).isEqualTo("Tabac de la Gare");

        Matcher remove = Pattern.compile("action=\"(" + Pattern.quote(path) + "/\\d+/remove)\"").matcher(page);
        assertThat(remove.find()).isTrue();
        assertThat(o.post(remove.group(1), Map.of("_csrf", ConsoleSession.csrf(page))).statusCode()).isEqualTo(302);
        page = o.get(path).body();
        assertThat(page).contains("The term was removed.").contains("id=\"no-terms\"").contains("id=\"history\"");
        assertThat(a.api().get("/api/content/allowed-terms").json().size()).isZero();

        // another account's id that does not exist answers 404
        assertThat(o.get("/console/operator/accounts/00000000-0000-0000-0000-000000000000/allowed-terms").statusCode()).isEqualTo(404);
    }
}
