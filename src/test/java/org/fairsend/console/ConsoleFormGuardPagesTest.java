package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fairsend.platform.Channel;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 15 in the operator's console: refused form submissions, and the lift of a complaint with a reason (audited). */
@PostgresTest
class ConsoleFormGuardPagesTest {

    @Autowired Fixtures fixtures;
    @Autowired Suppressions suppressions;

    @Test
    void theOperatorSeesRefusedSubmissionsAndLiftsAComplaintWithAReason() throws Exception {
        var a = fixtures.account();
        var created = a.api().post("/api/forms", Map.of("name", "Lettre du four", "subject", "la lettre du four",
                "declarationText", "J'accepte de recevoir la lettre du four.", "optInType", "double"));
        String form = created.json().get("id").asString();
        // a bot's post: no fill token, refused quietly and counted
        var bot = fixtures.anonymous().postRaw("/f/" + form, "email=" + URLEncoder.encode("bot@example.fr", StandardCharsets.UTF_8)
                + "&consent=yes", "application/x-www-form-urlencoded");
        assertThat(bot.status()).isEqualTo(200);
        String address = "erreur-console-" + a.id().toString().substring(24) + "@example.fr";
        suppressions.suppress(a.id(), Channel.EMAIL, address, SuppressionReason.COMPLAINT, "complaint:test", "spam button");
        long entry = suppressions.entriesFor(a.id(), address).getFirst().id();

        var o = new ConsoleSession(fixtures.port());
        String opEmail = "op-fg-" + a.id().toString().substring(24) + "@fairsend.example";
        assertThat(fixtures.operator().post("/api/operator/console-users", Map.of("email", opEmail, "password", "operator of the forms"))
                .status()).isEqualTo(201);
        o.signIn(opEmail, "operator of the forms");
        String page = o.get("/console/operator/form-refusals").body();
        assertThat(page).contains("Lettre du four").contains("no_token").contains("Form refusals");

        var noReason = o.post("/console/operator/suppressions/lift", Map.of("id", String.valueOf(entry), "reason", " ",
                "_csrf", ConsoleSession.csrf(page)));
        assertThat(noReason.statusCode()).isEqualTo(302);
        assertThat(o.get("/console/operator/form-refusals").body()).contains("say why the entry is lifted");
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, address)).isTrue();

        page = o.get("/console/operator/form-refusals").body();
        var lifted = o.post("/console/operator/suppressions/lift", Map.of("id", String.valueOf(entry),
                "reason", "the subscriber pressed the spam button by mistake", "_csrf", ConsoleSession.csrf(page)));
        assertThat(lifted.statusCode()).isEqualTo(302);
        assertThat(o.get("/console/operator/form-refusals").body()).contains("lifted.").contains("by mistake");
        assertThat(suppressions.isSuppressed(a.id(), Channel.EMAIL, address)).isFalse();
        // audited on the account's operator page
        assertThat(o.get("/console/operator/accounts/" + a.id()).body()).contains("suppression-lifted").contains("console:" + opEmail);
    }
}
