package org.fairsend.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyPairGeneratorSpi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * DKIM's RSA implementation is chosen at start: the native provider when it loads here and signs as the JDK does,
 * the JDK's otherwise or when {@code fairsend.dkim.provider=jdk}; never installed for the rest of the JVM.
 */
class DkimCryptoTest {

    @Test
    void autoTakesTheNativeProviderWhereItsLibraryLoads() {
        DkimCrypto crypto = DkimCrypto.select(DkimCrypto.Setting.AUTO);
        boolean linuxX64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (linuxX64) {
            // the dependency ships the linux-x86_64 library: here it must load and pass, or signing is 3-4x slower
            assertThat(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError()).isNull();
            assertThat(crypto.implementation()).as(crypto.description()).isEqualTo(DkimCrypto.Implementation.NATIVE);
            assertThat(crypto.description()).contains("AmazonCorrettoCryptoProvider");
        } else {
            assertThat(crypto.implementation()).isEqualTo(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null
                    ? DkimCrypto.Implementation.NATIVE : DkimCrypto.Implementation.JDK);
        }
    }

    @Test
    void jdkWhenAskedFor() {
        DkimCrypto crypto = DkimCrypto.select(DkimCrypto.Setting.JDK);
        assertThat(crypto.implementation()).isEqualTo(DkimCrypto.Implementation.JDK);
        assertThat(crypto.description()).contains("fairsend.dkim.provider=jdk");
    }

    @Test
    void aNativeLibraryThatCannotLoadLeavesTheJdk() {
        // what another OS or architecture looks like: the library for linux-x86_64 does not link
        DkimCrypto crypto = DkimCrypto.select(DkimCrypto.Setting.AUTO, () -> {
            throw new UnsatisfiedLinkError("libamazonCorrettoCryptoProvider.so: wrong ELF class");
        });
        assertThat(crypto.implementation()).isEqualTo(DkimCrypto.Implementation.JDK);
        assertThat(crypto.description()).contains("not usable").contains("wrong ELF class");
    }

    @Test
    void aNativeProviderThatSignsWronglyIsNotUsed() {
        DkimCrypto crypto = DkimCrypto.select(DkimCrypto.Setting.AUTO, WrongSigner::new);
        assertThat(crypto.implementation()).isEqualTo(DkimCrypto.Implementation.JDK);
        assertThat(crypto.description()).contains("differs from the JDK's");
    }

    @Test
    void theRestOfTheJvmKeepsItsProviders() throws Exception {
        String rsaBefore = Signature.getInstance("SHA256withRSA").getProvider().getName();
        String tlsBefore = SSLContext.getDefault().getProvider().getName();
        DkimCrypto.select(DkimCrypto.Setting.AUTO);
        assertThat(Security.getProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME)).isNull();
        assertThat(Arrays.stream(Security.getProviders()).map(Provider::getName)).doesNotContain(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo(rsaBefore).isNotEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(SSLContext.getDefault().getProvider().getName()).isEqualTo(tlsBefore).isEqualTo("SunJSSE");
    }

    /** A provider whose RSA keys work but whose SHA256withRSA flips a bit of every signature. */
    static final class WrongSigner extends Provider {
        WrongSigner() {
            super("WrongSigner", "1.0", "signs wrongly");
            putService(new Service(this, "KeyPairGenerator", "RSA", "jdk", null, null) {
                @Override
                public Object newInstance(Object param) {
                    return new KeyPairGeneratorSpi() {
                        @Override
                        public void initialize(int keysize, SecureRandom random) {}

                        @Override
                        public KeyPair generateKeyPair() {
                            try {
                                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                                g.initialize(2048);
                                return g.generateKeyPair();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    };
                }
            });
            putService(new Service(this, "KeyFactory", "RSA", "jdk", null, null) {
                @Override
                public Object newInstance(Object param) {
                    return new java.security.KeyFactorySpi() {
                        @Override
                        protected PublicKey engineGeneratePublic(java.security.spec.KeySpec spec) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        protected PrivateKey engineGeneratePrivate(java.security.spec.KeySpec spec) throws java.security.spec.InvalidKeySpecException {
                            try {
                                return java.security.KeyFactory.getInstance("RSA").generatePrivate(spec);
                            } catch (java.security.NoSuchAlgorithmException e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        protected <T extends java.security.spec.KeySpec> T engineGetKeySpec(java.security.Key key, Class<T> spec) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        protected java.security.Key engineTranslateKey(java.security.Key key) {
                            return key;
                        }
                    };
                }
            });
            putService(new Service(this, "Signature", "SHA256withRSA", "jdk", null, null) {
                @Override
                public Object newInstance(Object param) {
                    return new SignatureSpi() {
                        private final Signature jdk;

                        {
                            try {
                                jdk = Signature.getInstance("SHA256withRSA");
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }

                        @Override
                        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
                            jdk.initVerify(key);
                        }

                        @Override
                        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
                            jdk.initSign(key);
                        }

                        @Override
                        protected void engineUpdate(byte b) throws SignatureException {
                            jdk.update(b);
                        }

                        @Override
                        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
                            jdk.update(b, off, len);
                        }

                        @Override
                        protected byte[] engineSign() throws SignatureException {
                            byte[] s = jdk.sign();
                            s[s.length - 1] ^= 1;
                            return s;
                        }

                        @Override
                        protected boolean engineVerify(byte[] sig) throws SignatureException {
                            return jdk.verify(sig);
                        }

                        @Override
                        @Deprecated
                        protected void engineSetParameter(String param, Object value) {
                            throw new InvalidParameterException();
                        }

                        @Override
                        @Deprecated
                        protected Object engineGetParameter(String param) {
                            throw new InvalidParameterException();
                        }
                    };
                }
            });
        }
    }
}
