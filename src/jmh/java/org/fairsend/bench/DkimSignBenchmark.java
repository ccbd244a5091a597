package org.fairsend.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.fairsend.accounts.DkimSigningKeys;
import org.fairsend.delivery.dkim.DkimCrypto;
import org.fairsend.delivery.dkim.DkimSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DKIM signer alone on an already rendered ~4 KB message ({@code sign}), against the bare RSA-SHA256 signature of
 * the same provider over 700 bytes ({@code bareRsa}): the difference is what canonicalisation, the body hash and the
 * header record cost. Not run by bench/render; the command is in bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx512m"})
@Threads(1)
public class DkimSignBenchmark {

    @Param({"jdk", "native"})
    public String crypto;

    private DkimSigner signer;
    private DkimSigningKeys keys;
    private byte[] message;
    private Signature bare;
    private PrivateKey bareKey;
    private final byte[] headerBytes = new byte[700];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PrivateKey key = g.generateKeyPair().getPrivate();
        keys = new DkimSigningKeys("bench-boulangerie.example", "fs2026", key, null, null);
        DkimCrypto c = DkimCrypto.select(crypto.equals("jdk") ? DkimCrypto.Setting.JDK : DkimCrypto.Setting.AUTO);
        if (crypto.equals("native") && c.implementation() != DkimCrypto.Implementation.NATIVE) throw new IllegalStateException(c.description());
        signer = new DkimSigner(Clock.systemUTC(), c);
        String html = "<html><body><h1>Bonjour Marie</h1>"
                + "<p>Notre pain au levain de Lyon est cuit chaque matin au feu de bois, avec une farine de meule.</p>\r\n".repeat(25)
                + "<p><a href=\"https://fairsend.example/c/abc\">Voir le pain</a></p></body></html>\r\n";
        message = ("From: \"Bench Boulangerie\" <lettre@bench-boulangerie.example>\r\nTo: contact1@domain1.example\r\n"
                + "Subject: Le pain de Lyon\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\nMessage-ID: <1.abcdef@bounces.example>\r\n"
                + "List-Unsubscribe: <https://fairsend.example/u/abc>, <mailto:u-1-abc@bounces.example>\r\n"
                + "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html).getBytes(StandardCharsets.UTF_8);
        if (crypto.equals("jdk")) {
            bare = Signature.getInstance("SHA256withRSA");
            bareKey = key;
        } else {
            bare = Signature.getInstance("SHA256withRSA", AmazonCorrettoCryptoProvider.INSTANCE);
            bareKey = (PrivateKey) KeyFactory.getInstance("RSA", AmazonCorrettoCryptoProvider.INSTANCE).translateKey(key);
        }
    }

    @Benchmark
    public byte[] sign() {
        return signer.sign(message, keys);
    }

    @Benchmark
    public byte[] bareRsa() throws Exception {
        bare.initSign(bareKey);
        bare.update(headerBytes);
        return bare.sign();
    }
}
