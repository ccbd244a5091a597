package org.fairsend.accounts.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** Generates DKIM key pairs and encodes their public halves the way DKIM DNS records carry them. */
final class DkimKeyMaterial {

    private DkimKeyMaterial() {}

    /** A new key pair: the public key as the DKIM {@code p=} value and the private key as PKCS#8 DER. */
    record Generated(String publicKeyDns, byte[] privatePkcs8) {}

    /** RSA-2048; {@code p=} is the base64 DER SubjectPublicKeyInfo (what {@code openssl rsa -pubout} prints). */
    static Generated rsa2048() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            return new Generated(Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()), kp.getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ed25519; {@code p=} is the base64 of the raw 32-byte public key (RFC 8463 section 4). */
    static Generated ed25519() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = kp.getPublic().getEncoded(); // 12-byte algorithm header + 32-byte key
            byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
            return new Generated(Base64.getEncoder().encodeToString(raw), kp.getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey privateKey(String algorithm, byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored " + algorithm + " key is unreadable", e);
        }
    }
}
