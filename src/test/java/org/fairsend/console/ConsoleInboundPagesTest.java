package org.fairsend.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.fairsend.feedback.internal.InboundSmtpPort;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's inbound and feedback-loop reporter pages over real HTTP on PostgreSQL (issue 13, docs/ARCHITECTURE.md
 * "Trust boundaries": a report from no configured reporter is stored, shown to the operator, and counts nothing). A
 * report sent through the real inbound SMTP listener from an address no reporter covers is listed first, as
 * unverified, with everything the sender chose (envelope, subject) escaped; its raw copy is text, and once purged the
 * page says so. A reporter added with an invalid range is refused with each field and rule on the form, nothing
 * stored; a valid one is stored and then verifies the next report from its range. An account's user sees none of it.
 */
@PostgresTest
class ConsoleInboundPagesTest {

    static final String FBL = "fbl@bounces.fairsend.localhost";
    /** No configured reporter covers these loopback addresses (until the test adds one for {@link #LATER}). */
    static final String FORGER = "127.0.0.61";
    static final String LATER = "127.0.0.62";
    static final String INBOUND = "/console/operator/inbound";
    static final String REPORTERS = "/console/operator/feedback-reporters";

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ConfigurableApplicationContext context;

    @Test
    void theOperatorSeesUnverifiedReportsEscapedAndManagesReportersAndAnAccountSeesNeither() throws Exception {
        Api op = fixtures.operator();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // every part a sender chooses holds markup: the envelope sender (' and & are valid in a local part), the headers
        String sender = "o'brien&co-" + tag + "@forger.example";
        byte[] forged = ("From: \"<script>alert('from')</script>\" <" + sender + ">\r\nTo: " + FBL
                + "\r\nSubject: <script>alert('inbound')</script> unsubscribe\r\nMessage-ID: <" + tag + "@forger.example>\r\n\r\n"
                + "unsubscribe <img src=x onerror=alert(1)>\r\n").getBytes(StandardCharsets.US_ASCII);
        send(FORGER, sender, forged);
        long id = jdbc.sql("select id from inbound_message where mail_from = ?").param(sender).query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from complaint where inbound_id = ?").param(id).query(Long.class).single())
                .as("an unverified report counts nothing").isZero();

        // the operator: the inbound page lists unverified reports by default, this one with its envelope, escaped
        String opEmail = "inbound-" + tag + "@fairsend.example";
        assertThat(op.post("/api/operator/console-users", Map.of("email", opEmail, "password", "le courrier qui arrive")).status())
                .isEqualTo(201);
        var o = signedIn(opEmail, "le courrier qui arrive");
        String home = o.get("/console/operator").body();
        assertThat(home).contains("href=\"" + INBOUND + "\"").contains("href=\"" + REPORTERS + "\"");
        String list = o.get(INBOUND).body();
        String row = row(list, id);
        assertThat(row).contains(">unverified<").contains(">smtp<").contains(FBL).contains(">/" + FORGER + ":")
                .contains("not from a configured feedback-loop reporter").contains("o&#39;brien&amp;co-" + tag + "@forger.example")
                .contains(INBOUND + "/" + id + "/raw.txt");
        assertThat(list).doesNotContain("<script>").doesNotContain("o'brien&co");
        assertThat(row(o.get(INBOUND + "?status=all").body(), id)).contains(">unverified<");
        assertThat(o.get(INBOUND + "?status=processed").body()).doesNotContain("id=\"inbound-" + id + "\"");
        var bogus = o.get(INBOUND + "?status=trusted");
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(bogus.body()).contains("status is all or one of");

        // its page: the message as received, as escaped text; the whole as text/plain, which no browser renders as HTML
        String page = o.get(INBOUND + "/" + id).body();
        assertThat(page).contains("id=\"inbound-raw\"").contains("Subject: &lt;script&gt;alert(&#39;inbound&#39;)&lt;/script&gt; unsubscribe")
                .contains("unsubscribe &lt;img src=x onerror=alert(1)&gt;").contains("none (not from a configured feedback-loop reporter)")
                .doesNotContain("<script>").doesNotContain("<img src=x");
        var raw = o.get(INBOUND + "/" + id + "/raw.txt");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(raw.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(raw.body()).contains("Subject: <script>alert('inbound')</script> unsubscribe");
        assertThat(o.get(INBOUND + "/999999999").statusCode()).isEqualTo(404);

        // an account's user: neither page, nor the message, nor a change
        var a = fixtures.account();
        var s = signedIn(ConsoleSecurityTest.adminOf(fixtures, a, "rien que mon compte"), "rien que mon compte");
        assertThat(s.get("/console").body()).doesNotContain(INBOUND).doesNotContain(REPORTERS);
        for (String path : new String[] {INBOUND, INBOUND + "?status=all", INBOUND + "/" + id, INBOUND + "/" + id + "/raw.txt", REPORTERS}) {
            assertThat(s.get(path).statusCode()).as(path).isEqualTo(403);
        }
        String reporterName = "Mailbox <i>Four</i> " + tag;
        Map<String, String> valid = Map.of("name", reporterName, "dkimDomains", "FBL.Mailbox-Four.example.",
                "sourceRanges", LATER + "/32\n198.51.100.7/24", "reason", "Mailbox Four's <b>feedback</b> loop");
        var theirs = new HashMap<>(valid);
        theirs.put("_csrf", ConsoleSession.csrf(s.get("/console").body()));
        assertThat(s.post(REPORTERS, theirs).statusCode()).isEqualTo(403);
        assertThat(reporters(reporterName)).isZero();

        // a reporter with an invalid range and domain: refused whole, each field and rule on the form with what was typed
        var bad = post(o, REPORTERS, REPORTERS, Map.of("name", reporterName, "dkimDomains", "not a domain!",
                "sourceRanges", "10.0.0.0/33\n" + LATER + "/32"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("This was not saved").contains("<strong>sourceRanges[0]</strong> (<span>cidr</span>)")
                .contains("&#39;10.0.0.0/33&#39;: the prefix length must be a number from 0 to 32")
                .contains("<strong>dkimDomains[0]</strong> (<span>domain</span>)").contains(">10.0.0.0/33\n" + LATER + "/32</textarea>")
                .contains("value=\"Mailbox &lt;i&gt;Four&lt;/i&gt; " + tag + "\"").doesNotContain("<i>Four</i>")
                .containsPattern("<textarea id=\"rep-ranges\"[^>]*aria-invalid=\"true\"").containsPattern("<input id=\"rep-name\"[^>]*required[^>]*>")
                .doesNotContainPattern("<input id=\"rep-name\"[^>]*aria-invalid");
        assertThat(post(o, REPORTERS, REPORTERS, Map.of("name", reporterName, "sourceRanges", "0.0.0.0/0")).body())
                .contains("it would trust anyone");
        var noToken = new HashMap<>(valid);
        assertThat(o.post(REPORTERS, noToken).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(reporters(reporterName)).as("nothing stored").isZero();

        // a valid one: stored (as the REST API shows it), recorded with who added it, escaped in the list
        var created = post(o, REPORTERS, REPORTERS, valid);
        assertThat(created.statusCode()).isEqualTo(302);
        String listed = o.get(REPORTERS).body();
        assertThat(listed).contains("Reporter Mailbox &lt;i&gt;Four&lt;/i&gt; " + tag + " added").contains("fbl.mailbox-four.example")
                .contains(LATER + "/32, 198.51.100.0/24").contains("by console:" + opEmail).doesNotContain("<i>Four</i>");
        assertThat(reporters(reporterName)).isEqualTo(1);
        long reporter = jdbc.sql("select id from feedback_reporter where name = ?").param(reporterName).query(Long.class).single();
        assertThat(op.get("/api/operator/feedback/reporters/" + reporter).json().get("sourceRanges").toString())
                .isEqualTo("[\"" + LATER + "/32\",\"198.51.100.0/24\"]");
        assertThat(post(o, REPORTERS, REPORTERS, valid).statusCode()).as("the name is taken").isEqualTo(409);

        // the next report from its range is verified: the operator sees which reporter it came from
        String later = "later-" + tag + "@mx.mailbox-four.example";
        send(LATER, later, ("From: " + later + "\r\nTo: " + FBL + "\r\nSubject: hello\r\n\r\nnot a report\r\n").getBytes(StandardCharsets.US_ASCII));
        long verified = jdbc.sql("select id from inbound_message where mail_from = ?").param(later).query(Long.class).single();
        assertThat(row(o.get(INBOUND + "?status=all").body(), verified)).contains(">ignored<").contains("Mailbox &lt;i&gt;Four&lt;/i&gt; " + tag);
        assertThat(o.get(INBOUND).body()).as("the unverified list").doesNotContain("id=\"inbound-" + verified + "\"");

        // edited: an invalid range refused (the stored ranges unchanged), then replaced whole
        String edit = REPORTERS + "/" + reporter;
        assertThat(o.get(edit).body()).contains(">" + LATER + "/32\n198.51.100.0/24</textarea>");
        var badEdit = post(o, edit, edit, Map.of("name", reporterName, "dkimDomains", "", "sourceRanges", "192.0.2.0/24, nonsense",
                "reason", "a typo"));
        assertThat(badEdit.statusCode()).isEqualTo(422);
        assertThat(badEdit.body()).contains("<strong>sourceRanges[1]</strong> (<span>cidr</span>)");
        assertThat(op.get("/api/operator/feedback/reporters/" + reporter).json().get("sourceRanges").size()).isEqualTo(2);
        var noReason = post(o, edit, edit, Map.of("name", reporterName, "dkimDomains", "", "sourceRanges", "192.0.2.0/25"));
        assertThat(noReason.statusCode()).as("a change needs a reason").isEqualTo(422);
        assertThat(noReason.body()).contains("<strong>reason</strong>");
        assertThat(post(o, edit, edit, Map.of("name", reporterName, "dkimDomains", "", "sourceRanges", "192.0.2.0/25",
                "reason", "the provider moved")).statusCode()).isEqualTo(302);
        // the changes, with who and why, escaped
        assertThat(o.get(edit).body()).contains("Mailbox Four&#39;s &lt;b&gt;feedback&lt;/b&gt; loop").contains("the provider moved")
                .contains("console:" + opEmail).doesNotContain("<b>feedback</b>");
        var replaced = op.get("/api/operator/feedback/reporters/" + reporter).json();
        assertThat(replaced.get("sourceRanges").toString()).isEqualTo("[\"192.0.2.0/25\"]");
        assertThat(replaced.get("dkimDomains").size()).isZero();

        // removed, with a reason
        assertThat(post(o, edit, edit + "/delete", Map.of()).statusCode()).as("no reason").isEqualTo(422);
        assertThat(reporters(reporterName)).isEqualTo(1);
        assertThat(post(o, edit, edit + "/delete", Map.of("reason", "contract ended")).statusCode()).isEqualTo(302);
        assertThat(reporters(reporterName)).isZero();
        assertThat(o.get(edit).statusCode()).isEqualTo(404);
        assertThat(post(o, REPORTERS, edit + "/delete", Map.of()).statusCode()).isEqualTo(404);

        // once its raw copy is purged (retention), the message's page says so and its text is gone
        jdbc.sql("update inbound_message set raw = null, mail_from = null, purged_at = current_timestamp where id = ?").param(id).update();
        assertThat(o.get(INBOUND + "/" + id).body()).contains("id=\"inbound-purged\"").contains("The raw copy was purged after the retention period")
                .doesNotContain("id=\"inbound-raw\"");
        assertThat(row(o.get(INBOUND).body(), id)).contains("(purged)").contains(">purged<").doesNotContain("raw.txt");
        assertThat(o.get(INBOUND + "/" + id + "/raw.txt").statusCode()).isEqualTo(404);
    }

    private ConsoleSession signedIn(String email, String password) throws Exception {
        var s = new ConsoleSession(fixtures.port());
        assertThat(s.signIn(email, password).statusCode()).isEqualTo(302);
        return s;
    }

    /** Posts a form with the CSRF token of {@code page}; the answer as is (a redirect is not followed). */
    private static HttpResponse<String> post(ConsoleSession s, String page, String action, Map<String, String> form) throws Exception {
        var m = new HashMap<>(form);
        m.put("_csrf", ConsoleSession.csrf(s.get(page).body()));
        return s.post(action, m);
    }

    /** The table row of one inbound message. */
    private static String row(String html, long id) {
        int start = html.indexOf("id=\"inbound-" + id + "\"");
        assertThat(start).as("message " + id + " listed").isPositive();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private long reporters(String name) {
        return jdbc.sql("select count(*) from feedback_reporter where name = ?").param(name).query(Long.class).single();
    }

    /** One message through the real inbound SMTP listener, from a chosen loopback address. */
    private void send(String localAddress, String mailFrom, byte[] raw) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(InboundSmtpPort.of(context)));
        p.put("mail.smtp.localaddress", localAddress);
        p.put("mail.smtp.localhost", "mx.forger.example");
        p.put("mail.smtp.from", mailFrom);
        p.put("mail.smtp.timeout", "20000");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            t.sendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), new Address[] {new InternetAddress(FBL)});
        }
    }
}
