package org.fairsend.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encryption at rest for secrets Fairsend must be able to read back (DKIM private keys): AES-256-GCM with a
 * key derived from the platform secret ({@code fairsend.secret}, or the one generated and kept in the
 * database, see {@link Tokens}). The sealed form is {@code v1:} + base64(12-byte nonce | ciphertext+tag);
 * the purpose is bound as associated data, so a value sealed for one purpose does not open for another.
 */
@Component
public class Secrets {

    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tokens tokens;
    private volatile SecretKeySpec key;

    Secrets(Tokens tokens) {
        this.tokens = tokens;
    }

    public String seal(String purpose, byte[] plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain);
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    public byte[] open(String purpose, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) throw new IllegalStateException("not a sealed value");
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(all, 12, all.length - 12);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a sealed " + purpose + " (was fairsend.secret changed?)", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(tokens.derivedKey("aes-gcm-at-rest"), "AES");
            key = k;
        }
        return k;
    }
}
