package org.fairsend.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encryption at rest for secrets Fairsend must be able to read back (DKIM private keys): AES-256-GCM with a
 * key derived from the platform secret ({@link PlatformSecret}: {@code FAIRSEND_SECRET}, or the embedded
 * default's key file). The sealed form is {@code v1:} + base64(12-byte nonce | ciphertext+tag); the purpose is
 * bound as associated data, so a value sealed for one purpose does not open for another. During a rotation a
 * value sealed with {@code FAIRSEND_PREVIOUS_SECRET} still opens, and {@link #resealed} gives its form under the
 * new secret ({@code fairsend secrets reseal} rewrites every {@link SealedColumn}).
 */
@Component
public class Secrets {

    private static final String PREFIX = "v1:";
    private static final String KEY_PURPOSE = "aes-gcm-at-rest";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tokens tokens;
    private volatile SecretKeySpec key;
    private volatile List<SecretKeySpec> previousKeys;

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
        try {
            return open(key(), purpose, sealed);
        } catch (AEADBadTagException current) {
            for (SecretKeySpec previous : previousKeys()) {
                try {
                    return open(previous, purpose, sealed);
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    // not this one either: try the next, then give up below
                }
            }
            throw cannotOpen(purpose, current);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw cannotOpen(purpose, e);
        }
    }

    /**
     * The value sealed again under the current secret when it was sealed under the previous one; empty when it is
     * already sealed under the current one. Throws when neither secret opens it.
     */
    public Optional<String> resealed(String purpose, String sealed) {
        try {
            open(key(), purpose, sealed);
            return Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of(seal(purpose, open(purpose, sealed)));
        }
    }

    private static byte[] open(SecretKeySpec key, String purpose, String sealed) throws GeneralSecurityException {
        if (sealed == null || !sealed.startsWith(PREFIX)) throw new IllegalArgumentException("not a sealed value");
        byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        if (all.length < 12 + 16) throw new IllegalArgumentException("truncated sealed value");
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
        c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return c.doFinal(all, 12, all.length - 12);
    }

    private static IllegalStateException cannotOpen(String purpose, Exception e) {
        return new IllegalStateException("cannot decrypt a sealed " + purpose
                + " (was FAIRSEND_SECRET changed without FAIRSEND_PREVIOUS_SECRET, or the key file replaced?)", e);
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            k = new SecretKeySpec(tokens.derivedKey(KEY_PURPOSE), "AES");
            key = k;
        }
        return k;
    }

    private List<SecretKeySpec> previousKeys() {
        List<SecretKeySpec> k = previousKeys;
        if (k == null) {
            k = tokens.previousDerivedKeys(KEY_PURPOSE).stream().map(b -> new SecretKeySpec(b, "AES")).toList();
            previousKeys = k;
        }
        return k;
    }
}
