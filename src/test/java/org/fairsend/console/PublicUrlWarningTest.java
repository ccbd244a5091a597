package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A public URL that is not HTTPS is said on the operator's console (issue 20); accounts are not alarmed by it. */
@PostgresTest
class PublicUrlWarningTest {

    @Autowired Fixtures fixtures;
    @Autowired FairsendProperties props;

    @Test
    void theOperatorSeesThatLinksArePlainHttpAndAnAccountUserDoesNot() throws Exception {
        assertThat(props.publicUrl()).startsWith("http://"); // the test server's public URL
        String email = "op-" + UUID.randomUUID().toString().substring(0, 8) + "@fairsend.example";
        assertThat(fixtures.operator().post("/api/operator/console-users", Map.of("email", email, "password", "operator of the url")).status())
                .isEqualTo(201);
        var operator = new ConsoleSession(fixtures.port());
        operator.signIn(email, "operator of the url");
        String page = operator.get("/console/operator").body();
        assertThat(page).contains("is not HTTPS").contains("FAIRSEND_PUBLIC_URL=https://");

        var account = fixtures.account();
        var user = new ConsoleSession(fixtures.port());
        user.signIn(ConsoleSecurityTest.adminOf(fixtures, account, "password of the url"), "password of the url");
        assertThat(user.get("/console").body()).contains(account.account().displayName()).doesNotContain("is not HTTPS");
    }

    @Test
    void anHttpsPublicUrlRaisesNoWarning() {
        var https = new FairsendProperties(FairsendProperties.Mode.SERVE, "https://fairsend.example.org/", null, null);
        assertThat(https.publicUrlWarning()).isNull();
        var http = new FairsendProperties(FairsendProperties.Mode.SERVE, "http://fairsend.example.org", null, null);
        assertThat(http.publicUrlWarning()).contains("http://fairsend.example.org is not HTTPS");
    }
}
