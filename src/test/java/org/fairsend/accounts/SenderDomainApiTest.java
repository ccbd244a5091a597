package org.fairsend.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairsend.delivery.dkim.DkimSigner;
import org.fairsend.support.Api;
import org.fairsend.support.Dkimpy;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.fairsend.support.TestDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Sender domains (R-9, X-2) through the real API, checked against a real DNS server answering over UDP. */
@PostgresTest
class SenderDomainApiTest {

    static final TestDnsServer DNS = new TestDnsServer();
    static final String SPF_INCLUDE = "include:_spf.fairsend.example";
    static final String BOUNCE = "bounces.fairsend.example";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry r) {
        r.add("fairsend.dns.resolver", DNS::address);
        r.add("fairsend.dns.timeout", () -> "2s");
        r.add("fairsend.email.spf-include", () -> SPF_INCLUDE);
        r.add("fairsend.email.bounce-domain", () -> BOUNCE);
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Autowired
    Fixtures fixtures;

    @Autowired
    SenderDomains senderDomains;

    @Autowired
    JdbcClient jdbc;

    static JsonNode record(JsonNode domain, String purpose) {
        for (JsonNode r : domain.get("dnsRecords")) if (r.get("purpose").asString().equals(purpose)) return r;
        throw new AssertionError("no " + purpose + " record in " + domain);
    }

    static JsonNode check(JsonNode domain, String record) {
        for (JsonNode r : domain.get("checks")) if (r.get("record").asString().equals(record)) return r;
        throw new AssertionError("no " + record + " check in " + domain);
    }

    /** Publishes every record Fairsend asks for, as shown by the API. */
    static void publishAll(JsonNode domain) {
        for (JsonNode r : domain.get("dnsRecords")) {
            if (r.get("type").asString().equals("CNAME")) DNS.cname(r.get("name").asString(), r.get("value").asString());
        }
        String d = domain.get("domain").asString();
        DNS.txt(record(domain, "dkim-rsa").get("name").asString(), record(domain, "dkim-rsa").get("value").asString());
        if (domain.at("/dkim/ed25519Selector").isString()) {
            DNS.txt(record(domain, "dkim-ed25519").get("name").asString(), record(domain, "dkim-ed25519").get("value").asString());
        }
        DNS.txt(d, "google-site-verification=abc", "v=spf1 mx " + SPF_INCLUDE + " -all");
        DNS.txt("_dmarc." + d, "v=DMARC1; p=quarantine; rua=mailto:dmarc@" + d);
    }

    @Test
    void createNormalisesTheDomainShowsTheRecordsAndSealsThePrivateKeys() {
        var a = fixtures.account();
        var created = a.api().post("/api/sender-domains", Map.of("domain", "  News.Fromagerie-Dupont.FR. "));
        assertThat(created.status()).isEqualTo(201);
        JsonNode d = created.json();
        assertThat(d.get("domain").asString()).isEqualTo("news.fromagerie-dupont.fr");
        assertThat(d.get("status").asString()).isEqualTo("pending");
        assertThat(d.get("verified").asBoolean()).isFalse();
        String selector = d.at("/dkim/rsaSelector").asString();
        assertThat(selector).matches("fs\\d{6}");

        JsonNode dkim = record(d, "dkim-rsa");
        assertThat(dkim.get("type").asString()).isEqualTo("TXT");
        assertThat(dkim.get("name").asString()).isEqualTo(selector + "._domainkey.news.fromagerie-dupont.fr");
        assertThat(dkim.get("value").asString()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN"); // RSA-2048 SubjectPublicKeyInfo
        assertThat(record(d, "spf").get("value").asString()).isEqualTo("v=spf1 " + SPF_INCLUDE + " ~all");
        assertThat(record(d, "dmarc").get("name").asString()).isEqualTo("_dmarc.news.fromagerie-dupont.fr");
        assertThat(record(d, "dmarc").get("value").asString()).startsWith("v=DMARC1; p=none; rua=mailto:");
        JsonNode rp = record(d, "return-path");
        assertThat(rp.get("type").asString()).isEqualTo("CNAME");
        assertThat(rp.get("name").asString()).isEqualTo("fsbounce.news.fromagerie-dupont.fr");
        assertThat(rp.get("value").asString()).isEqualTo(BOUNCE);
        assertThat(created.body()).doesNotContainIgnoringCase("private");

        String sealed = jdbc.sql("select rsa_private_key from sender_domain where id = ?")
                .param(java.util.UUID.fromString(d.get("id").asString())).query(String.class).single();
        assertThat(sealed).startsWith("v1:").doesNotContain("MII");

        // IDN to ASCII; Ed25519 on request
        var idn = a.api().post("/api/sender-domains", Map.of("domain", "Café-Dupont.fr", "ed25519", true)).json();
        assertThat(idn.get("domain").asString()).isEqualTo("xn--caf-dupont-d7a.fr");
        assertThat(idn.at("/dkim/ed25519Selector").asString()).isEqualTo(idn.at("/dkim/rsaSelector").asString() + "e");
        assertThat(record(idn, "dkim-ed25519").get("value").asString()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");

        assertThat(a.api().get("/api/sender-domains").json().size()).isEqualTo(2);
        assertThat(a.api().post("/api/sender-domains", Map.of("domain", "news.fromagerie-dupont.fr")).status()).isEqualTo(409);
    }

    @Test
    void invalidDomainsNameTheFieldAndOtherAccountsSeeNothing() {
        var a = fixtures.account();
        for (String bad : List.of("localhost", "-bad-.fr", "exa mple.fr", "a..b.fr", "x@y.fr", "http://x.fr")) {
            var r = a.api().post("/api/sender-domains", Map.of("domain", bad));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("domain");
            assertThat(r.json().at("/errors/0/rule").asString()).isEqualTo("hostname");
        }
        String id = a.api().post("/api/sender-domains", Map.of("domain", "isolation-test.fr")).json().get("id").asString();
        var other = fixtures.account();
        assertThat(other.api().get("/api/sender-domains/" + id).status()).isEqualTo(404);
        assertThat(other.api().post("/api/sender-domains/" + id + "/check", null).status()).isEqualTo(404);
        assertThat(other.api().delete("/api/sender-domains/" + id).status()).isEqualTo(404);
        assertThat(other.api().get("/api/sender-domains").json().size()).isZero();
        assertThat(a.api().delete("/api/sender-domains/" + id).status()).isEqualTo(204);
        assertThat(a.api().get("/api/sender-domains/" + id).status()).isEqualTo(404);
    }

    @Test
    void dnsCheckReportsEachRecordThenVerifiesWhenTheDkimKeyIsPublished() {
        var a = fixtures.account();
        JsonNode d = a.api().post("/api/sender-domains", Map.of("domain", "check-test.fr", "ed25519", true)).json();
        String id = d.get("id").asString();
        assertThat(d.get("checks").size()).isZero();

        JsonNode first = a.api().post("/api/sender-domains/" + id + "/check", null).json();
        for (String r : List.of("dkim-rsa", "dkim-ed25519", "spf", "dmarc", "return-path")) {
            assertThat(check(first, r).get("status").asString()).as(r).isEqualTo("missing");
        }
        assertThat(first.get("status").asString()).isEqualTo("pending");
        assertThat(first.get("lastCheckedAt").isString()).isTrue();
        assertThat(first.at("/alignment/dkimAligned").asBoolean()).isFalse();
        assertThat(first.at("/alignment/dmarcPasses").asBoolean()).isFalse();

        // wrong things published: another key, an SPF record without our include, a DMARC record without policy
        DNS.txt(record(d, "dkim-rsa").get("name").asString(), "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAother");
        DNS.txt("check-test.fr", "v=spf1 mx -all");
        DNS.txt("_dmarc.check-test.fr", "v=DMARC1; rua=mailto:x@check-test.fr");
        DNS.cname("fsbounce.check-test.fr", "bounces.elsewhere.example");
        JsonNode wrong = a.api().post("/api/sender-domains/" + id + "/check", null).json();
        for (String r : List.of("dkim-rsa", "spf", "dmarc", "return-path")) {
            assertThat(check(wrong, r).get("status").asString()).as(r).isEqualTo("mismatch");
        }
        assertThat(check(wrong, "spf").get("found").asString()).isEqualTo("v=spf1 mx -all");
        assertThat(check(wrong, "spf").get("detail").asString()).contains(SPF_INCLUDE);
        assertThat(check(wrong, "return-path").get("found").asString()).isEqualTo("bounces.elsewhere.example");
        assertThat(wrong.get("status").asString()).isEqualTo("pending");

        publishAll(d);
        JsonNode good = a.api().post("/api/sender-domains/" + id + "/check", null).json();
        for (String r : List.of("dkim-rsa", "dkim-ed25519", "spf", "dmarc", "return-path")) {
            assertThat(check(good, r).get("status").asString()).as(r).isEqualTo("ok");
        }
        assertThat(check(good, "dmarc").get("detail").asString()).isEqualTo("policy quarantine");
        assertThat(good.get("status").asString()).isEqualTo("verified");
        assertThat(good.get("verifiedBy").asString()).isEqualTo("dns-check");
        assertThat(good.at("/alignment/dkimAligned").asBoolean()).isTrue();
        // X-2: with the return-path CNAME found, the envelope sender moves to fsbounce.check-test.fr; the bounce
        // domain publishes no SPF record here, so the receiver's SPF finds none and does not pass: DMARC rests on DKIM
        assertThat(check(good, "return-path-spf").get("status").asString()).isEqualTo("missing");
        assertThat(good.at("/alignment/spfAligned").asBoolean()).isFalse();
        assertThat(good.at("/alignment/envelopeDomain").asString()).isEqualTo("fsbounce.check-test.fr");
        assertThat(good.at("/alignment/summary").asString()).contains("SPF not aligned").contains("no SPF record");
        assertThat(good.at("/alignment/dmarcPolicy").asString()).isEqualTo("quarantine");
        assertThat(good.at("/alignment/dmarcPasses").asBoolean()).isTrue();
        assertThat(senderDomains.isVerified(a.id(), "CHECK-TEST.fr")).isTrue();
    }

    @Test
    void aDomainVerifiedByOneAccountCannotBeClaimedByAnother() {
        var owner = fixtures.account();
        String id = owner.api().post("/api/sender-domains", Map.of("domain", "claimed.fr")).json().get("id").asString();
        // before verification another account may still add it (whoever proves control first wins)
        var early = fixtures.account();
        String earlyId = early.api().post("/api/sender-domains", Map.of("domain", "claimed.fr")).json().get("id").asString();

        Api op = fixtures.operator();
        assertThat(op.post("/api/operator/sender-domains/" + id + "/verify", Map.of("reason", "checked the registrant")).status()).isEqualTo(200);

        var late = fixtures.account();
        var refused = late.api().post("/api/sender-domains", Map.of("domain", "claimed.fr"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/errors/0/rule").asString()).isEqualTo("R-9");
        assertThat(late.api().post("/api/sender-domains", Map.of("domain", "mail.claimed.fr")).status()).isEqualTo(409);

        var second = op.post("/api/operator/sender-domains/" + earlyId + "/verify", Map.of("reason", "oops"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(senderDomains.isVerified(early.id(), "claimed.fr")).isFalse();
    }

    @Test
    void operatorVerifiesAndRevokesAndOnlyVerifiedDomainsHandOutSigningKeys() {
        var a = fixtures.account();
        JsonNode d = a.api().post("/api/sender-domains", Map.of("domain", "signing-test.fr", "ed25519", true)).json();
        String id = d.get("id").asString();
        assertThat(senderDomains.signingKeys(a.id(), "signing-test.fr")).isEmpty();
        assertThat(senderDomains.list(a.id())).extracting(SenderDomain::domain).containsExactly("signing-test.fr");

        assertThat(a.api().post("/api/operator/sender-domains/" + id + "/verify", Map.of("reason", "x")).status()).isEqualTo(403);
        Api op = fixtures.operator();
        var noReason = op.post("/api/operator/sender-domains/" + id + "/verify", Map.of());
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().at("/errors/0/field").asString()).isEqualTo("reason");
        JsonNode verified = op.post("/api/operator/sender-domains/" + id + "/verify", Map.of("reason", "contract signed")).json();
        assertThat(verified.get("status").asString()).isEqualTo("verified");
        assertThat(verified.get("verificationReason").asString()).isEqualTo("contract signed");
        assertThat(verified.get("verifiedBy").asString()).startsWith("operator-key:");

        // the keys the delivery module gets sign mail that an independent verifier accepts
        DkimSigningKeys keys = senderDomains.signingKeys(a.id(), "Signing-Test.FR").orElseThrow();
        assertThat(keys.hasEd25519()).isTrue();
        String msg = "From: Shop <news@signing-test.fr>\r\nTo: x@example.org\r\nSubject: hello\r\n"
                + "Date: Tue, 14 Jul 2026 09:30:00 +0200\r\nMessage-ID: <1@signing-test.fr>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello\r\n";
        byte[] signed = new DkimSigner().sign(msg.getBytes(StandardCharsets.UTF_8), keys);
        Map<String, String> zone = new HashMap<>();
        zone.put(record(d, "dkim-rsa").get("name").asString(), record(d, "dkim-rsa").get("value").asString());
        zone.put(record(d, "dkim-ed25519").get("name").asString(), record(d, "dkim-ed25519").get("value").asString());
        assertThat(Dkimpy.verify(signed, zone)).containsExactly(true, true);

        JsonNode revoked = op.post("/api/operator/sender-domains/" + id + "/unverify", Map.of("reason", "complaints")).json();
        assertThat(revoked.get("status").asString()).isEqualTo("revoked");
        assertThat(senderDomains.isVerified(a.id(), "signing-test.fr")).isFalse();
        assertThat(senderDomains.signingKeys(a.id(), "signing-test.fr")).isEmpty();

        // a revoked domain is not re-verified by a passing DNS check: only the operator lifts it
        publishAll(d);
        JsonNode checked = a.api().post("/api/sender-domains/" + id + "/check", null).json();
        assertThat(check(checked, "dkim-rsa").get("status").asString()).isEqualTo("ok");
        assertThat(checked.get("status").asString()).isEqualTo("revoked");
    }

    @Test
    void operatorSetsDedicatedSourceAddresses() throws Exception {
        var a = fixtures.account();
        Api op = fixtures.operator();
        var put = op.put("/api/operator/accounts/" + a.id() + "/source-addresses",
                Map.of("addresses", List.of("192.0.2.10", " 2001:DB8:0:0::1 ", "192.0.2.10")));
        assertThat(put.status()).isEqualTo(200);
        JsonNode acc = op.get("/api/operator/accounts/" + a.id()).json();
        assertThat(acc.get("sourceAddresses").toString()).isEqualTo("[\"192.0.2.10\",\"2001:db8:0:0:0:0:0:1\"]");
        assertThat(senderDomains.sourceAddresses(a.id()))
                .containsExactly(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("2001:db8::1"));

        for (String bad : List.of("mail.example.com", "300.1.1.1", "0.0.0.0", "224.0.0.1", "")) {
            var r = op.put("/api/operator/accounts/" + a.id() + "/source-addresses", Map.of("addresses", List.of("192.0.2.11", bad)));
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().at("/errors/0/field").asString()).isEqualTo("addresses[1]");
        }
        assertThat(a.api().put("/api/operator/accounts/" + a.id() + "/source-addresses", Map.of("addresses", List.of())).status()).isEqualTo(403);
        assertThat(op.put("/api/operator/accounts/" + a.id() + "/source-addresses", Map.of("addresses", List.of())).status()).isEqualTo(200);
        assertThat(senderDomains.sourceAddresses(a.id())).isEmpty();
    }
}
