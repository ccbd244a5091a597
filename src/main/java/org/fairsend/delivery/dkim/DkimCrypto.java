package org.fairsend.delivery.dkim;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the RSA-SHA256 signature of DKIM is computed: natively (Amazon Corretto Crypto Provider, AWS-LC) when its
 * library loads on this machine and passes its own self-tests and ours, the JDK's provider otherwise. The native
 * provider is used for this signature only: it is not installed in the JVM's provider list, so TLS, tokens and every
 * other use of the JCA keep the JDK's providers.
 *
 * <p>Our self-test signs with a fresh key through both providers and requires the same bytes (RSASSA-PKCS1-v1_5 is
 * deterministic) and a signature the JDK verifies: a native provider that loads but signs wrongly is never used.
 */
public final class DkimCrypto {

    /** {@code fairsend.dkim.provider}: {@code auto} (native when it works, the JDK's otherwise) or {@code jdk}. */
    public enum Setting { AUTO, JDK }

    /** The implementation in use. */
    public enum Implementation { NATIVE, JDK }

    private static final String ALGORITHM = "SHA256withRSA";
    /** Translated keys kept at most: one per sender domain signing at the moment; cleared when full. */
    private static final int MAX_KEYS = 1024;
    private static final int MAX_IDLE = 64;

    private final Implementation implementation;
    private final Provider provider;
    private final String description;
    private final KeyFactory keyFactory;
    private final Map<PrivateKey, PrivateKey> translated = new ConcurrentHashMap<>();
    /** Signature objects not in use, at most {@value #MAX_IDLE} (a few per core is plenty). */
    private final BlockingQueue<Signature> idle = new ArrayBlockingQueue<>(MAX_IDLE);

    private DkimCrypto(Implementation implementation, Provider provider, String description) {
        this.implementation = implementation;
        this.provider = provider;
        this.description = description;
        try {
            this.keyFactory = provider == null ? null : KeyFactory.getInstance("RSA", provider);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's provider (whichever the JVM's list gives SHA256withRSA from). */
    public static DkimCrypto jdk() {
        return new DkimCrypto(Implementation.JDK, null, "the JDK's provider");
    }

    /** The implementation for a setting: the native one when asked ({@code auto}) and it works here, the JDK's otherwise. */
    public static DkimCrypto select(Setting setting) {
        return select(setting, DkimCrypto::corretto);
    }

    /** As {@link #select(Setting)}, with the native provider from {@code nativeProvider} (which may throw when it cannot load). */
    static DkimCrypto select(Setting setting, Supplier<Provider> nativeProvider) {
        if (setting == Setting.JDK) return withReason(jdk(), "fairsend.dkim.provider=jdk");
        Provider p;
        try {
            p = nativeProvider.get();
            selfTest(p);
        } catch (RuntimeException | LinkageError | GeneralSecurityException e) {
            return withReason(jdk(), "the native provider is not usable here: " + e);
        }
        return new DkimCrypto(Implementation.NATIVE, p, p.getName() + " " + p.getVersionStr() + " (native)");
    }

    private static DkimCrypto withReason(DkimCrypto c, String reason) {
        return new DkimCrypto(c.implementation, c.provider, c.description + " (" + reason + ")");
    }

    /** Amazon Corretto Crypto Provider, if its native library loaded and its self-tests pass. */
    private static Provider corretto() {
        AmazonCorrettoCryptoProvider p = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loading = p.getLoadingError();
        if (loading != null) throw new IllegalStateException("its native library did not load: " + loading, loading);
        p.assertHealthy();
        return p;
    }

    /** The same signature as the JDK's, for a key as the application holds it (decoded by the JDK), and one the JDK verifies. */
    private static void selfTest(Provider p) throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("RSA", p).generateKeyPair();
        // DKIM keys are decoded by the JDK: sign with such a key, as in use
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
        byte[] data = "fairsend dkim self-test".getBytes(StandardCharsets.US_ASCII);
        Signature n = Signature.getInstance(ALGORITHM, p);
        n.initSign(KeyFactory.getInstance("RSA", p).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded())));
        n.update(data);
        byte[] nativeSignature = n.sign();
        Signature j = Signature.getInstance(ALGORITHM);
        j.initSign(key);
        j.update(data);
        if (!Arrays.equals(nativeSignature, j.sign())) throw new GeneralSecurityException("its RSA-SHA256 signature differs from the JDK's");
        Signature v = Signature.getInstance(ALGORITHM);
        v.initVerify(pair.getPublic());
        v.update(data);
        if (!v.verify(nativeSignature)) throw new GeneralSecurityException("its RSA-SHA256 signature does not verify");
    }

    public Implementation implementation() {
        return implementation;
    }

    /** Which provider, and why when it is the JDK's (for the log line at start). */
    public String description() {
        return description;
    }

    /**
     * A signature object ready to sign with {@code key} (an RSA key as the application holds it); give it back with
     * {@link #release} once signed. Objects are reused: looking one up in the JCA costs more than the rest of the
     * setup (and renders run on virtual threads, so a thread-local would not keep them).
     */
    Signature rsaSha256(PrivateKey key) throws GeneralSecurityException {
        Signature s = idle.poll();
        if (s == null) s = provider == null ? Signature.getInstance(ALGORITHM) : Signature.getInstance(ALGORITHM, provider);
        s.initSign(provider == null ? key : nativeKey(key)); // initSign resets whatever a previous use left
        return s;
    }

    /** Returns a signature object after a successful {@code sign()} (one that failed is dropped instead). */
    void release(Signature s) {
        idle.offer(s);
    }

    /**
     * The key in the native provider's own form, made once per key (keys are held once per sender domain). Decoded from
     * its PKCS#8 form, not {@code translateKey}: the native provider marks a translated key ephemeral and destroys it
     * when a signature object it was used with is initialised with another key, which reused objects are.
     */
    private PrivateKey nativeKey(PrivateKey key) throws GeneralSecurityException {
        PrivateKey k = translated.get(key);
        if (k != null) return k;
        k = keyFactory.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        if (translated.size() >= MAX_KEYS) translated.clear();
        translated.put(key, k);
        return k;
    }

    @Override
    public String toString() {
        return "DkimCrypto[" + implementation + ", " + description + "]";
    }
}
