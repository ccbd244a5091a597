package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sign-in, CSRF, cookie flags, CSP, throttling and account scoping of the console (issue 9), over real HTTP. */
@PostgresTest
class ConsoleSecurityTest {

    @Autowired Fixtures fixtures;
    @Autowired org.springframework.context.ConfigurableApplicationContext ctx;

    static String adminOf(Fixtures fixtures, Fixtures.TestAccount a, String password) {
        String email = "admin-" + a.id().toString().substring(24) + "@boulangerie-test.fr";
        var r = fixtures.operator().post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", email, "displayName", "Claire Martin", "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return email;
    }

    @Test
    void signInNeedsTheRightPasswordAndACsrfTokenAndGivesAHardenedSession() throws Exception {
        var a = fixtures.account();
        String email = adminOf(fixtures, a, "correct horse battery staple");
        var s = new ConsoleSession(fixtures.port());

        var anonymous = s.get("/console/contacts");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");

        var login = s.get("/console/login");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");

        // without the CSRF token the form post is refused, even with the right password
        var forged = s.post("/console/login", Map.of("email", email, "password", "correct horse battery staple"));
        assertThat(forged.statusCode()).isEqualTo(403);

        var wrong = s.signIn(email, "wrong password!!");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");

        var ok = s.signIn(email.toUpperCase(), "correct horse battery staple");
        assertThat(ok.headers().firstValue("Location").orElseThrow()).endsWith("/console");
        String cookie = ok.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        var home = s.get("/console");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(a.account().displayName());

        // the API chain is untouched: a session cookie is no API credential, the key still is
        assertThat(s.get("/api/account").statusCode()).isEqualTo(401);
        assertThat(a.api().get("/api/account").status()).isEqualTo(200);

        // an account user never reaches the operator pages
        assertThat(s.get("/console/operator").statusCode()).isEqualTo(403);
    }

    @Test
    void repeatedFailuresLockTheUserOutFromThatAddressEvenWithTheRightPassword() throws Exception {
        var a = fixtures.account();
        String email = adminOf(fixtures, a, "a long enough password");
        var s = new ConsoleSession(fixtures.port());
        for (int i = 0; i < 5; i++) {
            assertThat(s.signIn(email, "guess number " + i).headers().firstValue("Location").orElseThrow()).endsWith("?error");
        }
        var locked = s.signIn(email, "a long enough password");
        assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?locked");
        assertThat(s.get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void anAccountUserSeesOnlyTheirAccount() throws Exception {
        var a = fixtures.account();
        var b = fixtures.account();
        var campaignOfB = b.api().post("/api/campaigns", Map.of("name", "Lettre de B", "subject", "B"));
        assertThat(campaignOfB.status()).isEqualTo(201);
        String idOfB = campaignOfB.json().get("id").asString();
        var s = new ConsoleSession(fixtures.port());
        s.signIn(adminOf(fixtures, a, "password of account a"), "password of account a");
        assertThat(s.get("/console/campaigns/" + idOfB).statusCode()).isEqualTo(404);
        assertThat(s.get("/console/frames/campaigns/" + idOfB).statusCode()).isEqualTo(404);
        var malformed = s.get("/console/contacts/not-an-id");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(malformed.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(s.get("/console/campaigns").body()).doesNotContain("Lettre de B");
    }

    @Test
    void messageHtmlIsServedOnlyAsASandboxedFrameAndPagesEscapeWhatUsersTyped() throws Exception {
        var a = fixtures.account();
        var c = a.api().post("/api/campaigns", Map.of("name", "<script>alert('name')</script>", "subject", "S",
                "html", "<p>Bonjour</p><script>alert('body')</script>"));
        String id = c.json().get("id").asString();
        var s = new ConsoleSession(fixtures.port());
        s.signIn(adminOf(fixtures, a, "password of the frame test"), "password of the frame test");
        var page = s.get("/console/campaigns/" + id);
        assertThat(page.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;");
        var preview = s.get("/console/campaigns/" + id + "/preview");
        assertThat(preview.body()).containsPattern("<iframe[^>]*sandbox=\"\"");
        var frame = s.get("/console/frames/campaigns/" + id);
        assertThat(frame.statusCode()).isEqualTo(200);
        String csp = frame.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).startsWith("sandbox;").doesNotContain("allow-scripts").contains("frame-ancestors 'self'");
        assertThat(frame.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    @Test
    void theCommandLineCreatesTheFirstConsoleUsersWithAPasswordShownOnce() throws Exception {
        var a = fixtures.account();
        String email = "cli-" + a.id().toString().substring(24) + "@boulangerie-test.fr";
        var out = new java.io.StringWriter();
        var cl = org.fairsend.platform.cli.FairsendCli.commandLine(ctx);
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cl.execute("console-user", "create", "--email", email, "--account", a.id().toString())).isEqualTo(0);
        String password = out.toString().lines().filter(l -> l.startsWith("password ")).findFirst().orElseThrow().substring(9);
        assertThat(out.toString()).contains(email + " (admin)");
        assertThat(cl.execute("console-user", "create", "--email", email, "--operator")).isEqualTo(2);
        var s = new ConsoleSession(fixtures.port());
        assertThat(s.signIn(email, password).headers().firstValue("Location").orElseThrow()).endsWith("/console");
    }

    @Test
    void consoleUsersAreCreatedByTheOperatorOnlyWithValidInput() {
        var a = fixtures.account();
        var refused = fixtures.operator().post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", "not an email", "password", "short"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("\"field\":\"email\"").contains("\"field\":\"password\"");
        assertThat(a.api().post("/api/operator/accounts/" + a.id() + "/console-users", Map.of("email", "x@example.org")).status())
                .isEqualTo(403);
        var generated = fixtures.operator().post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", "gen-" + a.id().toString().substring(24) + "@example.org"));
        assertThat(generated.status()).isEqualTo(201);
        assertThat(generated.json().get("password").asString()).hasSizeGreaterThanOrEqualTo(16);
    }
}
