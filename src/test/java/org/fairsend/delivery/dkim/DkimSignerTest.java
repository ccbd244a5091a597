package org.fairsend.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fairsend.accounts.DkimSigningKeys;
import org.fairsend.support.Dkimpy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signer's output checked by an independent verifier: Python's dkimpy (Debian {@code python3-dkim}),
 * given the public keys through its {@code dnsfunc}. A missing dkimpy fails the test; it is never skipped.
 */
class DkimSignerTest {

    static final String DOMAIN = "boulangerie-test.fr";
    static KeyPair rsa;
    static KeyPair ed;
    static String rsaTxt;
    static String edTxt;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        rsaTxt = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded());
        byte[] spki = ed.getPublic().getEncoded();
        edTxt = "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    static DkimSigningKeys rsaOnly() {
        return new DkimSigningKeys(DOMAIN, "fs202607", rsa.getPrivate(), null, null);
    }

    static DkimSigningKeys both() {
        return new DkimSigningKeys(DOMAIN, "fs202607", rsa.getPrivate(), "fs202607e", ed.getPrivate());
    }

    static String message() {
        String html = "<html><body><p>Bonjour Marie,</p><p>Nos croissants du dimanche sont de retour.</p>"
                + "<p><a href=\"https://fairsend.example/u/abc\">Se d\u00e9sabonner</a></p></body></html>\r\n";
        return "From: \"Boulangerie Test\" <news@" + DOMAIN + ">\r\n"
                + "To: marie@example.org\r\n"
                + "Subject: =?UTF-8?Q?Les_croissants_du_dimanche?=\r\n"
                + "Date: Tue, 14 Jul 2026 09:30:00 +0200\r\n"
                + "Message-ID: <0190a1b2-c3d4@fairsend.example>\r\n"
                + "List-Unsubscribe: <https://fairsend.example/u/abc>,\r\n <mailto:unsub-abc@bounces.fairsend.example>\r\n"
                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
                + "MIME-Version: 1.0\r\n"
                + "X-Campaign:    42   \r\n"
                + "Content-Type: multipart/alternative;\r\n\tboundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Bonjour Marie,  \r\nNos croissants du dimanche sont de retour.\r\n\r\n"
                + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + html.repeat(20)
                + "--b1--\r\n\r\n\r\n";
    }

    /** The RSA signature from the JDK's provider and from the native one (the JDK's where the native one cannot load). */
    static List<DkimCrypto> cryptos() {
        return List.of(DkimCrypto.jdk(), DkimCrypto.select(DkimCrypto.Setting.AUTO));
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void rsaSignatureIsAcceptedByDkimpy(DkimCrypto crypto) {
        byte[] signed = new DkimSigner(Clock.systemUTC(), crypto).sign(message().getBytes(StandardCharsets.UTF_8), rsaOnly());
        String head = new String(signed, 0, 800, StandardCharsets.US_ASCII);
        assertThat(head).startsWith("DKIM-Signature:").contains("a=rsa-sha256").contains("c=relaxed/relaxed")
                .contains("d=" + DOMAIN).contains("s=fs202607");
        String h = head.replaceAll("(?s).*h=([^;]*);.*", "$1").replaceAll("\\s", "");
        assertThat(h).isEqualTo("from:from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type");
        assertThat(verify(signed)).containsExactly(true);
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void ed25519SecondSignatureIsAcceptedByDkimpy(DkimCrypto crypto) {
        byte[] signed = new DkimSigner(Clock.systemUTC(), crypto).sign(message().getBytes(StandardCharsets.UTF_8), both());
        assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("a=ed25519-sha256").contains("s=fs202607e");
        assertThat(verify(signed)).containsExactly(true, true);
    }

    @Test
    void bareLineFeedsAreSignedAsCrlf() throws Exception {
        byte[] lf = message().replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(verify(new DkimSigner().sign(lf, both()))).containsExactly(true, true);
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void changingASignedHeaderOrTheBodyBreaksEverySignature(DkimCrypto crypto) throws Exception {
        String signed = new String(new DkimSigner(Clock.systemUTC(), crypto).sign(message().getBytes(StandardCharsets.UTF_8), both()),
                StandardCharsets.UTF_8);

        String subject = signed.replace("Les_croissants_du_dimanche", "Les_croissants_du_lundi");
        assertThat(verify(subject.getBytes(StandardCharsets.UTF_8))).containsExactly(false, false);

        String body = signed.replace("sont de retour", "sont en promo");
        assertThat(verify(body.getBytes(StandardCharsets.UTF_8))).containsExactly(false, false);

        String unsubscribe = signed.replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click", "List-Unsubscribe-Post: nothing");
        assertThat(verify(unsubscribe.getBytes(StandardCharsets.UTF_8))).containsExactly(false, false);

        // From is oversigned: a second From added above the first breaks the signature
        int at = signed.indexOf("From: ");
        String extraFrom = signed.substring(0, at) + "From: ceo@" + DOMAIN + "\r\n" + signed.substring(at);
        assertThat(verify(extraFrom.getBytes(StandardCharsets.UTF_8))).containsExactly(false, false);

        // an unsigned header may be added; relaxed canonicalisation tolerates re-folding
        String tolerated = signed.replace("X-Campaign:    42   ", "X-Campaign: 43").replace("MIME-Version: 1.0", "MIME-Version:   1.0 ");
        assertThat(verify(tolerated.getBytes(StandardCharsets.UTF_8))).containsExactly(true, true);
    }

    @Test
    void theNativeAndTheJdkProviderSignTheSameBytes() {
        // RSASSA-PKCS1-v1_5 is deterministic: at the same instant, both give the same message to the byte
        Clock fixed = Clock.fixed(Instant.parse("2026-07-14T07:30:00Z"), ZoneOffset.UTC);
        byte[] msg = message().getBytes(StandardCharsets.UTF_8);
        DkimCrypto nativeCrypto = DkimCrypto.select(DkimCrypto.Setting.AUTO);
        byte[] jdk = new DkimSigner(fixed, DkimCrypto.jdk()).sign(msg, both());
        byte[] nat = new DkimSigner(fixed, nativeCrypto).sign(msg, both());
        assertThat(new String(nat, StandardCharsets.UTF_8)).as(nativeCrypto.description()).isEqualTo(new String(jdk, StandardCharsets.UTF_8));
        // and again with the native provider's key already translated (kept per key)
        assertThat(new DkimSigner(fixed, nativeCrypto).sign(msg, both())).isEqualTo(jdk);
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void signaturesFromManyThreadsAtOnceAreAllRight(DkimCrypto crypto) throws Exception {
        // the signature objects are reused and the native key is shared: threads signing together must not mix them
        Clock fixed = Clock.fixed(Instant.parse("2026-07-14T07:30:00Z"), ZoneOffset.UTC);
        byte[] msg = message().getBytes(StandardCharsets.UTF_8);
        byte[] other = message().replace("Marie", "Jean").getBytes(StandardCharsets.UTF_8);
        DkimSigner signer = new DkimSigner(fixed, crypto);
        byte[] expected = new DkimSigner(fixed, DkimCrypto.jdk()).sign(msg, rsaOnly());
        byte[] expectedOther = new DkimSigner(fixed, DkimCrypto.jdk()).sign(other, rsaOnly());
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean odd = t % 2 == 1;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        if (!Arrays.equals(signer.sign(odd ? other : msg, rsaOnly()), odd ? expectedOther : expected)) return false;
                    }
                    return true;
                }));
            }
            for (var r : results) assertThat(r.get()).isTrue();
        }
        assertThat(verify(expectedOther)).containsExactly(true);
    }

    @ParameterizedTest
    @MethodSource("cryptos")
    void domainsSigningInTurnKeepTheirKeys(DkimCrypto crypto) throws Exception {
        // one reused signature object switching between two domains' keys, again and again (a campaign of each)
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair other = g.generateKeyPair();
        DkimSigningKeys otherKeys = new DkimSigningKeys("autre-boulangerie.fr", "fs1", other.getPrivate(), null, null);
        String otherTxt = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(other.getPublic().getEncoded());
        String msg = message();
        String otherMsg = msg.replace("news@" + DOMAIN, "news@autre-boulangerie.fr");
        DkimSigner signer = new DkimSigner(Clock.systemUTC(), crypto);
        for (int i = 0; i < 3; i++) {
            assertThat(verify(signer.sign(msg.getBytes(StandardCharsets.UTF_8), rsaOnly()))).containsExactly(true);
            assertThat(Dkimpy.verify(signer.sign(otherMsg.getBytes(StandardCharsets.UTF_8), otherKeys),
                    Map.of("fs1._domainkey.autre-boulangerie.fr", otherTxt))).containsExactly(true);
        }
    }

    @Test
    void aMessageWithoutFromIsRefused() {
        byte[] noFrom = "To: x@example.org\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DkimSigner().sign(noFrom, rsaOnly()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("From");
    }

    List<Boolean> verify(byte[] signed) {
        return Dkimpy.verify(signed, Map.of("fs202607._domainkey." + DOMAIN, rsaTxt, "fs202607e._domainkey." + DOMAIN, edTxt));
    }
}
