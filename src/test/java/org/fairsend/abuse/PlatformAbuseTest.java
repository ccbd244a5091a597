package org.fairsend.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fairsend.accounts.AccountSanctions;
import org.fairsend.console.ConsoleSession;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, the platform's side of the abuse suite, over real HTTP against PostgreSQL: management endpoints need the
 * operator's key, bodies are capped before they are read, public endpoints are rate limited, console sessions follow
 * revocation and sign-in lockouts hold per user whatever the address.
 *
 * <p>One context for all of these: low limits for the hosted form, unsubscribe, sign-in posts and lockouts, and forward
 * headers honoured ({@code native}: Tomcat trusts {@code X-Forwarded-For} from 127.0.0.1) so each test can speak from
 * addresses of its own.
 */
@PostgresTest
@TestPropertySource(properties = {
    "server.forward-headers-strategy=native",
    "fairsend.web.rate.hosted-form.requests=5", "fairsend.web.rate.hosted-form.per=1h",
    "fairsend.web.rate.unsubscribe.requests=5", "fairsend.web.rate.unsubscribe.per=1h",
    "fairsend.web.rate.sign-in.requests=30", "fairsend.web.rate.sign-in.per=1h",
    "fairsend.console.bcrypt-strength=4",
    "fairsend.console.max-failures=3", "fairsend.console.max-failures-per-user=6", "fairsend.console.max-failures-per-address=50"})
class PlatformAbuseTest {

    private static final long HUGE = 200L * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired Fixtures fixtures;
    @Autowired AccountSanctions sanctions;
    @Autowired org.springframework.context.ConfigurableApplicationContext ctx;

    private Api from(String address) {
        return fixtures.anonymous().withHeader("X-Forwarded-For", address);
    }

    // --- management endpoints --------------------------------------------------------------------------------

    @Test
    void metricsAndPrometheusNeedTheOperatorKeyWhileHealthStaysPublicWithoutDetails() {
        var anonymous = fixtures.anonymous();
        var account = fixtures.account().api();
        var operator = fixtures.operator();
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
            var refused = anonymous.get(path);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("jvm_memory").doesNotContain("jvm.memory");
            assertThat(account.get(path).status()).as(path + " with an account key").isEqualTo(403);
        }
        var prometheus = operator.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        var metrics = operator.get("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm.memory.used");

        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            var health = anonymous.get(path);
            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("UP");
        }
        // no details for anyone without the key: the database, disk space and so on are for the operator
        assertThat(anonymous.get("/actuator/health").json().has("components")).isFalse();
        assertThat(operator.get("/actuator/health").json().has("components")).isTrue();
    }

    // --- secrets -----------------------------------------------------------------------------------------------

    @Test
    void theSecretsCommandReachesEverySealedColumnOnPostgresqlAndHasNothingToDoWithoutARotation() {
        var a = fixtures.account();
        assertThat(a.api().post("/api/sender-domains", Map.of("domain", "reseal-" + a.id().toString().substring(24) + ".example")).status())
                .isEqualTo(201);
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var cli = org.fairsend.platform.cli.FairsendCli.commandLine(ctx);
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("secrets", "reseal")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("sender_domain\\.rsa_private_key: 0 re-sealed, [1-9][0-9]* already under the current secret, 0 unreadable")
                .contains("integration_secret.current_secret: 0 re-sealed");
        // no secret in the database to move, and a fresh one on demand (never logged: printed to whoever asked)
        assertThat(cli.execute("secrets", "legacy")).isEqualTo(1);
        out.getBuffer().setLength(0);
        assertThat(cli.execute("secrets", "generate")).isZero();
        assertThat(out.toString().strip()).matches("[A-Za-z0-9_-]{43}");
    }

    // --- body caps --------------------------------------------------------------------------------------------

    /** Bytes of 'a', generated as they are read: a 200 MB body that is never allocated. */
    private static InputStream generated(long size, AtomicLong produced) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left <= 0) return -1;
                left--;
                produced.incrementAndGet();
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) return -1;
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'a');
                left -= n;
                produced.addAndGet(n);
                return n;
            }
        };
    }

    private record Sent(CompletableFuture<HttpResponse<String>> answer, AtomicLong produced) {}

    private static Sent send(String url, long size, boolean declareLength, boolean expectContinue) {
        AtomicLong produced = new AtomicLong();
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> generated(size, produced));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).expectContinue(expectContinue)
                .header("Content-Type", "application/json")
                .POST(declareLength ? HttpRequest.BodyPublishers.fromPublisher(stream, size) : stream).build();
        return new Sent(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()), produced);
    }

    private static void assertTooLarge(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = Api.JSON.readTree(r.body());
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("body");
        assertThat(problem.at("/errors/0/rule").asString()).isEqualTo("size");
    }

    @Test
    void twoHundredMegabyteWebhookBodiesAreRefusedWith413BeforeTheyAreReadSeveralAtOnce() throws Exception {
        var a = fixtures.account();
        String ses = a.api().get("/api/webhooks").json().get("ses").asString()
                .replaceFirst("^https?://[^/]+", fixtures.anonymous().base());
        long before = System.nanoTime();
        List<Sent> polite = new ArrayList<>();
        List<Sent> pushy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            polite.add(send(ses, HUGE, true, true)); // Content-Length: 209715200 and Expect: 100-continue
            pushy.add(send(ses, HUGE, true, false)); // the same, sending the body at once
            pushy.add(send(ses, HUGE, false, false)); // chunked, no length: cut at the cap while it is read
        }
        for (Sent s : polite) {
            // refused on sight, before the server asked for the body (the client only read ahead what it buffers)
            assertTooLarge(s.answer().get(60, TimeUnit.SECONDS));
            assertThat(s.produced().get()).isLessThan(1024 * 1024);
        }
        for (Sent s : pushy) {
            // the answer is 413, unless the connection, closed on the rest of the body, was reset before the client read
            // it; either way the server stopped reading long before the end: the client never had to produce the 200 MB
            try {
                assertTooLarge(s.answer().get(60, TimeUnit.SECONDS));
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
            }
            assertThat(s.produced().get()).isLessThan(HUGE / 8);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));

        // a streamed body a little over the cap (2 MB) is answered in full: cut at the cap, the rest drained
        assertTooLarge(send(ses, 2560 * 1024, false, false).answer().get(60, TimeUnit.SECONDS));
        // the server is still answering, and a webhook of ordinary size still reaches its endpoint (which refuses
        // this unsigned one itself: not a 413)
        assertThat(fixtures.anonymous().get("/actuator/health").status()).isEqualTo(200);
        var ordinary = HTTP.send(HttpRequest.newBuilder(URI.create(ses)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Type\":\"Notification\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ordinary.statusCode()).isNotIn(413, 429, 500);
    }

    @Test
    void aPublicPageTakesNoMoreThanItsCapAndAFormBodyMustDeclareItsLength() throws Exception {
        String form = "/f/" + java.util.UUID.randomUUID();
        String tooBig = "email=" + "a".repeat(70 * 1024) + "%40example.org&consent=yes";
        var refused = from("192.0.2.77").postRaw(form, tooBig, "application/x-www-form-urlencoded");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("size");

        // a chunked form post would be parsed by the container beyond any wrapper: it must say how long it is
        var chunked = HTTP.send(HttpRequest.newBuilder(URI.create(fixtures.anonymous().base() + form))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", "192.0.2.78")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> generated(1024, new AtomicLong()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(411);

        // a streamed JSON body (call-tracking public form, parsed by Jackson) is cut at the 64 KB cap while it is read
        var json = HTTP.send(HttpRequest.newBuilder(URI.create(fixtures.anonymous().base() + "/t/made-up-token/form"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", "192.0.2.79")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream("{\"message\":\"".getBytes(StandardCharsets.US_ASCII)),
                        generated(200 * 1024, new AtomicLong())))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).as(json.body()).isEqualTo(413);
        assertThat(Api.JSON.readTree(json.body()).at("/errors/0/rule").asString()).isEqualTo("size");
    }

    // --- rate limits ------------------------------------------------------------------------------------------

    @Test
    void theHostedFormAnswers429WithRetryAfterPastItsLimitAndStoresNothing() {
        var a = fixtures.account();
        String list = a.api().post("/api/lists", Map.of("name", "Lettre")).json().get("id").asString();
        var created = a.api().post("/api/forms", Map.of("name", "Lettre", "listId", list, "subject", "la lettre de la boulangerie",
                "declarationText", "J'accepte de recevoir la lettre de la Boulangerie par e-mail.", "optInType", "double"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String form = "/f/" + created.json().get("id").asString();

        var visitor = from("192.0.2.10");
        for (int i = 0; i < 5; i++) assertThat(visitor.get(form).status()).as("request " + (i + 1)).isEqualTo(200);
        var limited = visitor.get(form);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().at("/errors/0/rule").asString()).isEqualTo("rate-limit");

        // a submission past the limit is refused before anything is stored
        String email = "flood-" + a.id().toString().substring(24) + "@clients.example";
        var submitted = visitor.postRaw(form, "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&consent=yes",
                "application/x-www-form-urlencoded");
        assertThat(submitted.status()).isEqualTo(429);
        var contacts = a.api().get("/api/contacts?q=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        assertThat(contacts.status()).isEqualTo(200);
        assertThat(contacts.body()).doesNotContain(email);

        // another address is not affected
        assertThat(from("192.0.2.11").get(form).status()).isEqualTo(200);
    }

    @Test
    void unsubscribeAndSignInAnswer429WithRetryAfterPastTheirLimits() throws Exception {
        var scanner = from("192.0.2.20");
        for (int i = 0; i < 5; i++) {
            assertThat(scanner.get("/u/not-a-real-token-" + i).status()).as("request " + (i + 1)).isNotEqualTo(429);
        }
        var limited = scanner.postRaw("/u/not-a-real-token", "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(from("192.0.2.21").get("/u/not-a-real-token").status()).isNotEqualTo(429);

        // sign-in posts (30 per address here, a minute by default): the 31st from one address is refused unread
        var guesser = from("192.0.2.30");
        for (int i = 0; i < 30; i++) {
            assertThat(guesser.postRaw("/console/login", "email=x%40example.org&password=guess", "application/x-www-form-urlencoded").status())
                    .as("sign-in post " + (i + 1)).isNotEqualTo(429);
        }
        var refused = guesser.postRaw("/console/login", "email=x%40example.org&password=guess", "application/x-www-form-urlencoded");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
    }

    // --- console sessions and sign-in lockouts ----------------------------------------------------------------

    private String user(Fixtures.TestAccount a, String name, String role, String password) {
        String email = name + "-" + a.id().toString().substring(24) + "@boulangerie-test.fr";
        var r = fixtures.operator().post("/api/operator/accounts/" + a.id() + "/console-users",
                Map.of("email", email, "role", role, "password", password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return email;
    }

    private static ConsoleSession signedIn(int port, String address, String email, String password) throws Exception {
        var s = new ConsoleSession(port, address);
        var r = s.signIn(email, password);
        assertThat(r.headers().firstValue("Location").orElseThrow()).as(email).endsWith("/console");
        assertThat(s.get("/console").statusCode()).isEqualTo(200);
        return s;
    }

    private static HttpResponse<String> submit(ConsoleSession s, String page, String action, Map<String, String> form) throws Exception {
        Map<String, String> m = new HashMap<>(form);
        m.put("_csrf", ConsoleSession.csrf(s.get(page).body()));
        return s.post(action, m);
    }

    private static void ended(ConsoleSession s) throws Exception {
        var next = s.get("/console");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?ended");
        // and it stays ended: the session is gone
        var after = s.get("/console/contacts");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    }

    @Test
    void aSessionEndsAtItsNextRequestOnceItsUserIsDisabled() throws Exception {
        var a = fixtures.account();
        String admin = user(a, "admin", "admin", "password of the admin");
        String member = user(a, "member", "member", "password of the member");
        var adminSession = signedIn(fixtures.port(), "198.51.100.1", admin, "password of the admin");
        var memberSession = signedIn(fixtures.port(), "198.51.100.2", member, "password of the member");

        String users = adminSession.get("/console/users").body();
        String memberId = fixtures.operator().get("/api/operator/accounts/" + a.id() + "/console-users").json().valueStream()
                .filter(u -> u.get("email").asString().equals(member)).findFirst().orElseThrow().get("id").asString();
        assertThat(users).contains(member);
        var disabled = submit(adminSession, "/console/users", "/console/users/" + memberId + "/disable", Map.of());
        assertThat(disabled.statusCode()).isEqualTo(302);

        ended(memberSession);
        assertThat(new ConsoleSession(fixtures.port(), "198.51.100.2").signIn(member, "password of the member")
                .headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");
        assertThat(adminSession.get("/console").statusCode()).isEqualTo(200);

        // the operator disables a user through the API just the same
        var adminAgain = signedIn(fixtures.port(), "198.51.100.3", admin, "password of the admin");
        String adminId = fixtures.operator().get("/api/operator/accounts/" + a.id() + "/console-users").json().valueStream()
                .filter(u -> u.get("email").asString().equals(admin)).findFirst().orElseThrow().get("id").asString();
        assertThat(fixtures.operator().post("/api/operator/console-users/" + adminId + "/disable", null).status()).isEqualTo(200);
        ended(adminSession);
        ended(adminAgain);
    }

    @Test
    void aNewPasswordEndsTheUsersOtherSessionsAndATerminatedAccountEndsThemAll() throws Exception {
        var a = fixtures.account();
        String email = user(a, "owner", "admin", "the first password");
        var here = signedIn(fixtures.port(), "198.51.100.10", email, "the first password");
        var elsewhere = signedIn(fixtures.port(), "198.51.100.11", email, "the first password");

        var changed = submit(here, "/console/me", "/console/me/password",
                Map.of("currentPassword", "the first password", "newPassword", "the second password"));
        assertThat(changed.body()).contains("Your password is changed.");
        ended(elsewhere);
        // the session that changed it goes on
        assertThat(here.get("/console").statusCode()).isEqualTo(200);
        assertThat(new ConsoleSession(fixtures.port(), "198.51.100.12").signIn(email, "the first password")
                .headers().firstValue("Location").orElseThrow()).endsWith("?error");
        var again = signedIn(fixtures.port(), "198.51.100.12", email, "the second password");

        // the account's termination ends every session of its users, and they cannot sign in again
        sanctions.terminate(a.id(), "abuse suite: contract terminated");
        ended(here);
        ended(again);
        assertThat(new ConsoleSession(fixtures.port(), "198.51.100.13").signIn(email, "the second password")
                .headers().firstValue("Location").orElseThrow()).endsWith("?error");
    }

    @Test
    void aUserLockedOutByFailuresFromManyAddressesStaysLockedOutFromAFreshOne() throws Exception {
        var a = fixtures.account();
        String target = user(a, "target", "admin", "the target's password");
        String neighbour = user(a, "neighbour", "member", "the neighbour's password");
        // two failures from each of three addresses: under the per-address-and-user limit (3) every time, six in all
        for (String address : List.of("203.0.113.1", "203.0.113.2", "203.0.113.3")) {
            var s = new ConsoleSession(fixtures.port(), address);
            for (int i = 0; i < 2; i++) {
                assertThat(s.signIn(target, "guess " + address + " " + i).headers().firstValue("Location").orElseThrow())
                        .endsWith("/console/login?error");
            }
        }
        // the user is locked out everywhere now, even with the right password from an address that never failed
        var fresh = new ConsoleSession(fixtures.port(), "203.0.113.4");
        assertThat(fresh.signIn(target, "the target's password").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?locked");
        assertThat(fresh.get("/console").statusCode()).isEqualTo(302);
        // that address is not: another user signs in from it
        signedIn(fixtures.port(), "203.0.113.4", neighbour, "the neighbour's password");
    }
}
