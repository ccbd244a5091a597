package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.fairsend.support.Fixtures;

/** Accounts with SMS contacts, console sessions and form posts for the channel pages' tests. */
final class ChannelSetup {

    private ChannelSetup() {}

    /** Imports contacts consenting to SMS into a new list; returns the list id. First names are given. */
    static String smsContacts(Fixtures.TestAccount a, String prefix, String... firstNames) {
        String listId = a.api().post("/api/lists", Map.of("name", "Clients SMS")).json().get("id").asString();
        StringBuilder csv = new StringBuilder("phone,first_name,channels,consent_basis,opt_in_type,collected_at,source_url,ip,"
                + "declaration_text,subject,explicit\n");
        for (int i = 0; i < firstNames.length; i++) {
            csv.append(String.format("+336%s%06d", prefix, i + 1)).append(",\"").append(firstNames[i].replace("\"", "\"\""))
                    .append("\",sms,opt_in,single,2026-06-01T10:00:00Z,https://boulangerie.example/sms,203.0.113.7,")
                    .append("J'accepte de recevoir les offres SMS de la boulangerie,Offres de la boulangerie par SMS,true\n");
        }
        var r = a.api().postRaw("/api/imports?format=csv&provenance=own_form&listId=" + listId, csv.toString(), "text/csv");
        assertThat(r.status()).as(r.body()).isIn(200, 201, 202);
        String importId = r.json().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !a.api().get("/api/imports/" + importId).json().get("status").asString().equals("running"));
        assertThat(a.api().get("/api/imports/" + importId).json().get("rowsAccepted").asLong()).isEqualTo(firstNames.length);
        return listId;
    }

    static ConsoleSession account(Fixtures fixtures, Fixtures.TestAccount a, String password) throws Exception {
        var s = new ConsoleSession(fixtures.port());
        s.signIn(ConsoleSecurityTest.adminOf(fixtures, a, password), password);
        return s;
    }

    static ConsoleSession operator(Fixtures fixtures, String tag) throws Exception {
        String email = "op-" + tag + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@fairsend.example";
        var r = fixtures.operator().post("/api/operator/console-users", Map.of("email", email, "password", "operator password " + tag));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var o = new ConsoleSession(fixtures.port());
        o.signIn(email, "operator password " + tag);
        return o;
    }

    /** Posts a form with the CSRF token of {@code page}; follows one redirect. */
    static java.net.http.HttpResponse<String> post(ConsoleSession s, String page, String action, Map<String, String> form) throws Exception {
        var m = new HashMap<>(form);
        m.put("_csrf", ConsoleSession.csrf(s.get(page).body()));
        var r = s.post(action, m);
        return r.statusCode() == 302 ? s.get(r.headers().firstValue("Location").orElseThrow().replace(s.base, "")) : r;
    }

    static String postOk(ConsoleSession s, String page, String action, Map<String, String> form) throws Exception {
        var r = post(s, page, action, form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** Posts a multipart form (fields and one file) with the CSRF token of {@code page}; follows one redirect. */
    static String postFile(ConsoleSession s, String page, String action, Map<String, String> fields, String fileField, String fileName,
            String contentType, byte[] content) throws Exception {
        String boundary = "----fairsend" + java.util.UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        var m = new HashMap<>(fields);
        m.put("_csrf", ConsoleSession.csrf(s.get(page).body()));
        for (var e : m.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue() + "\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.write(content);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var client = java.net.http.HttpClient.newBuilder().cookieHandler(s.cookies).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return s.get(r.headers().firstValue("Location").orElseThrow().replace(s.base, "")).body();
    }
}
