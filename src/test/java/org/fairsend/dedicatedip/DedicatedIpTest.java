package org.fairsend.dedicatedip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairsend.campaigns.EmailSetup;
import org.fairsend.support.Api;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.ShiftedClock;
import org.fairsend.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, dedicated IPs, through the API and real SMTP (GreenMail): an account asks for a dedicated address for its
 * verified sender domains, the operator assigns one of the pool, and while the warm-up plan runs (policy
 * {@code dedicatedIp}) the account's email leaves from that address up to the day's cap of the recipient's mailbox
 * provider, the rest from the shared addresses at once; the send log records each message's source address, GreenMail
 * sees the same one as the connecting client. The dedicated addresses are loopback addresses (127.0.0.x) the transport
 * binds to; the shared one is the host's own (127.0.0.1 toward GreenMail).
 */
@PostgresTest
@Import(ShiftedClock.AsPrimary.class)
class DedicatedIpTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(TestMail.SMTP).withPerMethodLifecycle(false);

    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired ShiftedClock clock;

    @AfterEach
    void realTimeAndDefaultPolicy() {
        clock.reset();
        EmailSetup.defaultPolicy(fixtures.operator());
    }

    @Test
    void anAccountAsksTheOperatorAssignsRejectsAndReleasesEachStepAuditedAndScoped() {
        Api op = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, op);
        Api api = s.account().api();

        // R-9: only the account's verified sender domains send from a dedicated address
        var refused = api.post("/api/dedicated-ips", Map.of("monthlyVolume", 200000, "domains", List.of(s.domain(), "not-mine.example"),
                "note", "newsletter and order mails"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("domains[1]").contains("R-9").contains("not-mine.example");
        var noVolume = api.post("/api/dedicated-ips", Map.of("domains", List.of(s.domain())));
        assertThat(noVolume.status()).isEqualTo(422);
        assertThat(noVolume.body()).contains("monthlyVolume");
        assertThat(api.get("/api/dedicated-ips").json().size()).isZero();

        var asked = api.post("/api/dedicated-ips", Map.of("monthlyVolume", 200000, "domains", List.of(s.domain().toUpperCase()),
                "note", "newsletter and order mails"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String id = asked.json().get("request").get("id").asString();
        assertThat(asked.json().get("request").get("status").asString()).isEqualTo("REQUESTED");
        assertThat(asked.json().get("request").get("domains").get(0).asString()).isEqualTo(s.domain());
        // one open request at a time
        assertThat(api.post("/api/dedicated-ips", Map.of("monthlyVolume", 1000, "domains", List.of(s.domain()))).status()).isEqualTo(409);

        // another account sees nothing of it; an account key is no operator
        var other = fixtures.account();
        assertThat(other.api().get("/api/dedicated-ips/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("/api/dedicated-ips/" + id + "/progress").status()).isEqualTo(404);
        assertThat(api.post("/api/operator/dedicated-ips/" + id + "/assign", Map.of("address", "127.0.0.2")).status()).isEqualTo(403);
        assertThat(api.post("/api/operator/dedicated-ip-pool", Map.of("address", "127.0.0.2")).status()).isEqualTo(403);
        assertThat(api.get("/api/operator/dedicated-ips").status()).isEqualTo(403);

        // the operator's desk lists it; an address must be in the pool first
        assertThat(ids(op.get("/api/operator/dedicated-ips?status=requested").json())).contains(id);
        var notInPool = op.post("/api/operator/dedicated-ips/" + id + "/assign", Map.of("address", "127.0.0.2", "reason", "volume fits"));
        assertThat(notInPool.status()).isEqualTo(422);
        assertThat(notInPool.body()).contains("address").contains("not an address of the pool");
        var badIp = op.post("/api/operator/dedicated-ip-pool", Map.of("address", "mail.example.com"));
        assertThat(badIp.status()).isEqualTo(422);
        assertThat(badIp.body()).contains("ip-literal");
        var added = op.post("/api/operator/dedicated-ip-pool", Map.of("address", "127.0.0.2", "note", "rack 1"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(op.post("/api/operator/dedicated-ip-pool", Map.of("address", "127.0.0.2")).status()).isEqualTo(409);

        var assigned = op.post("/api/operator/dedicated-ips/" + id + "/assign", Map.of("address", "127.0.0.2", "reason", "volume fits"));
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        // the warm-up starts today: assigned, then warming, both in the trail
        assertThat(assigned.json().get("request").get("status").asString()).isEqualTo("WARMING");
        JsonNode mine = api.get("/api/dedicated-ips/" + id).json();
        assertThat(mine.get("request").get("address").asString()).isEqualTo("127.0.0.2");
        assertThat(actions(mine.get("history"))).containsExactly("REQUESTED", "ASSIGNED", "WARMUP_STARTED");
        assertThat(mine.get("history").get(1).get("actor").asString()).startsWith("operator-key:");
        assertThat(mine.get("history").get(1).get("detail").asString()).contains("volume fits");
        assertThat(mine.get("progress").get("day").asInt()).isEqualTo(1);

        // the address serves one account: another account's request cannot have it; that one is rejected with a reason
        var s2 = EmailSetup.verifiedSender(fixtures, op);
        String id2 = s2.account().api().post("/api/dedicated-ips", Map.of("monthlyVolume", 5000, "domains", List.of(s2.domain())))
                .json().get("request").get("id").asString();
        var taken = op.post("/api/operator/dedicated-ips/" + id2 + "/assign", Map.of("address", "127.0.0.2"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("already assigned");
        assertThat(op.post("/api/operator/dedicated-ips/" + id2 + "/reject", Map.of()).status()).isEqualTo(422);
        var rejected = op.post("/api/operator/dedicated-ips/" + id2 + "/reject", Map.of("reason", "5,000 a month is too little to warm an address"));
        assertThat(rejected.status()).isEqualTo(200);
        JsonNode theirs = s2.account().api().get("/api/dedicated-ips/" + id2).json();
        assertThat(theirs.get("request").get("status").asString()).isEqualTo("REJECTED");
        assertThat(theirs.get("request").get("decisionReason").asString()).contains("too little");
        assertThat(actions(theirs.get("history"))).containsExactly("REQUESTED", "REJECTED");
        // each decision is mailed to the account's contact address, with the operator's reason
        assertThat(mailTo(s2.account().account().contactEmail(), "Your dedicated IP: rejected")).contains("too little to warm an address");
        assertThat(mailTo(s.account().account().contactEmail(), "Your dedicated IP: assigned")).contains("127.0.0.2").contains("volume fits");

        // released with a reason: the address is free again
        assertThat(holder(op, "127.0.0.2")).isEqualTo(s.account().id().toString());
        var released = op.post("/api/operator/dedicated-ips/" + id + "/release", Map.of("reason", "the account stopped its newsletter"));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().get("request").get("status").asString()).isEqualTo("RELEASED");
        assertThat(holder(op, "127.0.0.2")).isNull();
        assertThat(actions(api.get("/api/dedicated-ips/" + id).json().get("history"))).endsWith("RELEASED");
        assertThat(op.post("/api/operator/dedicated-ips/" + id + "/release", Map.of("reason", "again")).status()).isEqualTo(409);
        // and the account may ask again
        assertThat(api.post("/api/dedicated-ips", Map.of("monthlyVolume", 300000, "domains", List.of(s.domain()))).status()).isEqualTo(201);
    }

    @Test
    void whileWarmingTheDaysCapPerProviderLeavesFromTheDedicatedAddressAndTheRestFromTheSharedOnes() throws Exception {
        Api op = fixtures.operator();
        var policy = op.put("/api/operator/policy", Map.of("reason", "test: a three-day warm-up", "policy", Map.of("dedicatedIp", Map.of(
                "days", 3, "warmup", List.of(Map.of("fromDay", 1, "caps", Map.of("gmail", 3, "other", 0)),
                        Map.of("fromDay", 2, "caps", Map.of("gmail", 5, "other", 1)))))));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        var s = EmailSetup.verifiedSender(fixtures, op);
        Api api = s.account().api();
        String id = api.post("/api/dedicated-ips", Map.of("monthlyVolume", 100000, "domains", List.of(s.domain())))
                .json().get("request").get("id").asString();
        assertThat(op.post("/api/operator/dedicated-ip-pool", Map.of("address", "127.0.0.3")).status()).isEqualTo(201);
        assertThat(op.post("/api/operator/dedicated-ips/" + id + "/assign", Map.of("address", "127.0.0.3", "reason", "ok")).status()).isEqualTo(200);
        String tag = s.account().id().toString().substring(0, 8);

        // day 1: gmail's cap is 3, other's 0
        send(s, tag + "-d1-g", "gmail.com", 5);
        send(s, tag + "-d1-o", "boulangerie-clients.example", 2);
        awaitSent(s, 7);
        assertThat(sources(s, tag + "-d1-g")).isEqualTo(Map.of("127.0.0.3", 3L, "127.0.0.1", 2L));
        assertThat(sources(s, tag + "-d1-o")).isEqualTo(Map.of("127.0.0.1", 2L));
        // the receiving server saw the same client addresses
        assertThat(clients(tag + "-d1-g")).isEqualTo(Map.of("127.0.0.3", 3L, "127.0.0.1", 2L));

        JsonNode p = api.get("/api/dedicated-ips/" + id + "/progress").json();
        assertThat(p.get("day").asInt()).isEqualTo(1);
        assertThat(p.get("days").asInt()).isEqualTo(3);
        assertThat(provider(p, "gmail")).isEqualTo("3/3/2");
        assertThat(provider(p, "other")).isEqualTo("0/0/2");
        assertThat(provider(p, "orange")).isEqualTo("-/0/0"); // no cap named: none
        assertThat(p.get("overflowToday").asLong()).isEqualTo(4);
        // the operator sees the same
        assertThat(provider(op.get("/api/operator/dedicated-ips/" + id + "/progress").json(), "gmail")).isEqualTo("3/3/2");

        // the next day the caps grow: gmail 5, other 1
        clock.setNow(Instant.now().plus(Duration.ofDays(1)));
        p = api.get("/api/dedicated-ips/" + id + "/progress").json();
        assertThat(p.get("day").asInt()).isEqualTo(2);
        assertThat(provider(p, "gmail")).isEqualTo("5/0/0");
        send(s, tag + "-d2-g", "gmail.com", 6);
        send(s, tag + "-d2-o", "boulangerie-clients.example", 2);
        awaitSent(s, 15);
        assertThat(sources(s, tag + "-d2-g")).isEqualTo(Map.of("127.0.0.3", 5L, "127.0.0.1", 1L));
        assertThat(sources(s, tag + "-d2-o")).isEqualTo(Map.of("127.0.0.3", 1L, "127.0.0.1", 1L));
        p = api.get("/api/dedicated-ips/" + id + "/progress").json();
        assertThat(provider(p, "gmail")).isEqualTo("5/5/1");
        assertThat(p.get("overflowToday").asLong()).isEqualTo(2);
        assertThat(p.get("dedicatedSoFar").asLong()).isEqualTo(9);
        assertThat(p.get("overflowSoFar").asLong()).isEqualTo(6);

        // past the plan's three days the address is warm and carries all the account's email
        clock.setNow(Instant.now().plus(Duration.ofDays(4)));
        JsonNode r = api.get("/api/dedicated-ips/" + id).json();
        assertThat(r.get("request").get("status").asString()).isEqualTo("WARM");
        assertThat(actions(r.get("history"))).containsExactly("REQUESTED", "ASSIGNED", "WARMUP_STARTED", "WARM");
        assertThat(r.get("history").get(3).get("actor").asString()).isEqualTo("system");
        send(s, tag + "-d5-o", "boulangerie-clients.example", 3);
        awaitSent(s, 18);
        assertThat(sources(s, tag + "-d5-o")).isEqualTo(Map.of("127.0.0.3", 3L));

        // the evidence of a message names its source address
        var evidence = api.get("/api/evidence?address=" + tag + "-d5-o1@boulangerie-clients.example");
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(200);
        assertThat(evidence.body()).contains("\"sourceAddress\":\"127.0.0.3\"");
        op.post("/api/operator/dedicated-ips/" + id + "/release", Map.of("reason", "end of test"));
    }

    @Test
    void anAddressThisHostCannotSendFromDoesNotHoldTheMailItLeavesThroughTheSharedAddresses() {
        Api op = fixtures.operator();
        var s = EmailSetup.verifiedSender(fixtures, op);
        String id = s.account().api().post("/api/dedicated-ips", Map.of("monthlyVolume", 100000, "domains", List.of(s.domain())))
                .json().get("request").get("id").asString();
        // a documentation address (RFC 5737) configured on no interface here: binding to it fails locally, nothing is sent to it
        assertThat(op.post("/api/operator/dedicated-ip-pool", Map.of("address", "192.0.2.77", "note", "not configured yet")).status()).isEqualTo(201);
        assertThat(op.post("/api/operator/dedicated-ips/" + id + "/assign", Map.of("address", "192.0.2.77", "reason", "ok")).status()).isEqualTo(200);
        String tag = s.account().id().toString().substring(0, 8);
        send(s, tag + "-nb-g", "gmail.com", 2);
        awaitSent(s, 2);
        assertThat(sources(s, tag + "-nb-g")).isEqualTo(Map.of("127.0.0.1", 2L));
        op.post("/api/operator/dedicated-ips/" + id + "/release", Map.of("reason", "end of test"));
    }

    private static void send(EmailSetup.Sending s, String localPrefix, String domain, int n) {
        for (int i = 1; i <= n; i++) {
            var r = s.account().api().post("/api/messages/email", Map.of("to", localPrefix + i + "@" + domain, "category", "order",
                    "subject", "Votre commande n°" + i, "text", "Votre commande est prête.",
                    "fromName", s.account().account().tradeName(), "fromAddress", "commandes@" + s.domain()));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
    }

    private void awaitSent(EmailSetup.Sending s, long n) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                "select count(*) from send_log where account_id = ? and outcome = 'sent'").param(s.account().id()).query(Long.class).single() >= n);
    }

    /** How many of the messages to {@code localPrefix*} the send log records as sent from each source address. */
    private Map<String, Long> sources(EmailSetup.Sending s, String localPrefix) {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("select source_address, count(*) from send_log where account_id = ? and outcome = 'sent' and recipient like ? group by source_address")
                .params(s.account().id(), localPrefix + "%")
                .query(rs -> {
                    out.put(String.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return out;
    }

    /** The client address GreenMail's Received header names, per message to {@code localPrefix*}. */
    private static Map<String, Long> clients(String localPrefix) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            String to = m.getAllRecipients()[0].toString();
            if (!to.startsWith(localPrefix)) continue;
            String received = m.getHeader("Received")[0];
            var match = java.util.regex.Pattern.compile("from /?(?:[^ /]*/)?(\\d+\\.\\d+\\.\\d+\\.\\d+)").matcher(received);
            assertThat(match.find()).as(received).isTrue();
            out.merge(match.group(1), 1L, Long::sum);
        }
        return out;
    }

    /** The text of the platform's mail to {@code to} whose subject contains {@code subject}, once it arrived. */
    private static String mailTo(String to, String subject) {
        var found = new java.util.concurrent.atomic.AtomicReference<String>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (MimeMessage m : mail.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equalsIgnoreCase(to) && m.getSubject().contains(subject)) {
                    found.set(TestMail.body(m));
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** "cap/dedicated/overflow" of a provider today ("-" for no cap). */
    private static String provider(JsonNode progress, String name) {
        for (JsonNode p : progress.get("providers")) {
            if (p.get("provider").asString().equals(name)) {
                return (p.get("cap") == null || p.get("cap").isNull() ? "-" : p.get("cap").asString()) + "/" + p.get("dedicated").asLong() + "/" + p.get("overflow").asLong();
            }
        }
        return null;
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asString()));
        return out;
    }

    private static List<String> actions(JsonNode history) {
        List<String> out = new ArrayList<>();
        history.forEach(n -> out.add(n.get("action").asString()));
        return out;
    }

    private static String holder(Api op, String address) {
        for (JsonNode p : op.get("/api/operator/dedicated-ip-pool").json()) {
            if (p.get("address").asString().equals(address)) return p.get("heldBy") == null || p.get("heldBy").isNull() ? null : p.get("heldBy").asString();
        }
        throw new AssertionError("not in the pool: " + address);
    }
}
