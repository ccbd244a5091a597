package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairsend.console.ChannelSetup.post;
import static org.fairsend.console.ChannelSetup.postOk;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The call tracking pages over HTTP: the operator imports, assigns and releases numbers; the account names its
 * media and sets a redirection (a refused one shows R-23); its call log and chart data never hold a full caller
 * number when it chose masked numbers; another account sees none of it.
 */
@PostgresTest
class CallTrackingPagesTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;

    private Api.Response call(String event, String callId, String from, String to) {
        return new Api(fixtures.port(), "test-calltracking-token").post("/webhooks/calltracking",
                Map.of("event", event, "callId", callId, "from", from, "to", to, "at", Instant.now().toString()));
    }

    private String numberId(String e164) {
        var all = fixtures.operator().get("/api/operator/calltracking/numbers").json();
        for (var n : all) if (n.get("e164").asString().equals(e164)) return n.get("id").asString();
        throw new AssertionError(e164 + " not in the pool");
    }

    @Test
    void theOperatorAssignsNumbersTheAccountRedirectsThemAndItsMaskedCallLogAndChartsHoldNoFullCaller() throws Exception {
        var a = fixtures.account();
        var b = fixtures.account();
        int r = ThreadLocalRandom.current().nextInt(1000, 9998);
        String first = "+3342799" + r;
        String second = "+3342799" + (r + 1);

        // the operator's pool: import, assign with a reason, release only with one
        var o = ChannelSetup.operator(fixtures, "pool");
        String pool = "/console/operator/calltracking";
        assertThat(postOk(o, pool, pool + "/import", Map.of("numbers", "12"))).contains("This was not saved").contains("phone");
        assertThat(postOk(o, pool, pool + "/import", Map.of("numbers", "04 27 99 " + format(r) + "\n" + second, "note", "lot <B>")))
                .contains("2 imported.").contains("lot &lt;B&gt;");
        String n1 = numberId(first);
        String n2 = numberId(second);
        assertThat(postOk(o, pool, pool + "/numbers/" + n1 + "/assign", Map.of("accountId", a.id().toString(), "reason", "contrat 42")))
                .contains(first + " assigned to " + a.account().displayName());
        postOk(o, pool, pool + "/numbers/" + n2 + "/assign", Map.of("accountId", a.id().toString(), "reason", "second line"));
        assertThat(postOk(o, pool, pool + "/numbers/" + n2 + "/release", Map.of("reason", " "))).contains("R-24").contains("say why");
        assertThat(postOk(o, pool, pool + "/numbers/" + n2 + "/release", Map.of("reason", "the shop closed its second site")))
                .contains(second + " released: in quarantine until");
        String history = o.get(pool + "/numbers/" + n2).body();
        assertThat(history).contains("second line").contains("the shop closed its second site");

        // the account: a medium (its name escaped), a refused redirection shows the rule, an allowed one is set
        var s = ChannelSetup.account(fixtures, a, "password of the call tracking");
        String page = "/console/calltracking";
        assertThat(postOk(s, page, page + "/media", Map.of("name", "Affiche <Boulangerie>", "type", "poster")))
                .contains("Medium Affiche &lt;Boulangerie&gt; created.").doesNotContain("<Boulangerie>");
        assertThat(postOk(s, page, page + "/media", Map.of("name", "Tract", "type", "pigeon"))).contains("R-22");
        String overview = s.get(page).body();
        String medium = overview.replaceAll("(?s).*<option value=\"([0-9a-f-]{36})\">Affiche &lt;Boulangerie&gt;</option>.*", "$1");
        assertThat(overview).contains(first).doesNotContain(second);
        String refused = postOk(s, page, page + "/numbers/" + n1, Map.of("redirectTo", "08 92 68 02 01"));
        assertThat(refused).contains("This was not saved").contains("redirectTo").contains("R-23");
        String set = postOk(s, page, page + "/numbers/" + n1, Map.of("mediumId", medium, "redirectTo", "01 45 67 89 01"));
        assertThat(set).contains("Number " + first + " saved.").contains("+33145678901").contains(">active<");

        // calls arrive; caller numbers are masked for this account (the default)
        call("call.started", "console-" + r + "-1", "+33612345678", first);
        call("call.ended", "console-" + r + "-1", "+33612345678", first);
        call("call.started", "console-" + r + "-2", "+33478371234", first);
        call("call.missed", "console-" + r + "-2", "+33478371234", first);
        String calls = s.get(page + "/calls").body();
        assertThat(calls).contains("masked for this account").contains("(masked)").contains("Affiche &lt;Boulangerie&gt;: 2 calls")
                .contains("zone 04: 1").contains("data-chart-src=\"/console/calltracking/charts.json?from=")
                .doesNotContain("+33612345678").doesNotContain("+33478371234").doesNotContain("06 12 34 56 78");
        var charts = s.get("/console/calltracking/charts.json");
        assertThat(charts.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(charts.body()).contains("Affiche <Boulangerie>").contains("zone 04").contains("\"type\":\"bar\"")
                .doesNotContain("12345678").doesNotContain("78371234").doesNotContain("+336");

        // another account: no number, no call, and the first one's number is not found
        var other = ChannelSetup.account(fixtures, b, "password of the other tracker");
        assertThat(other.get(page).body()).doesNotContain(first).contains("No tracked number yet");
        assertThat(post(other, page, page + "/numbers/" + n1, Map.of("redirectTo", "01 45 67 89 02")).statusCode()).isEqualTo(404);
        assertThat(other.get(page + "/charts.json").body()).doesNotContain("Affiche");
        assertThat(other.get(page + "/calls").body()).doesNotContain(first);
        // an account never reaches the pool
        assertThat(s.get(pool).statusCode()).isEqualTo(403);
    }

    private static String format(int r) {
        String d = String.valueOf(r);
        return d.substring(0, 2) + " " + d.substring(2);
    }
}
