package org.fairsend.platform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring tokens ({@code payload.expiry.signature}, HMAC-SHA256) for links that act without a
 * login: double opt-in confirmation, unsubscribe, tracking, webhook URLs. The key is the platform secret
 * ({@link PlatformSecret}: {@code FAIRSEND_SECRET}, or the embedded default's key file); after a rotation a token
 * signed with {@code FAIRSEND_PREVIOUS_SECRET} still verifies, so links already mailed keep working.
 */
@Component
public class Tokens {

    /** Why a token was refused. */
    public enum Failure { MALFORMED, FORGED, EXPIRED }

    public static final class InvalidToken extends RuntimeException {
        private final Failure failure;

        public InvalidToken(Failure failure) {
            super(switch (failure) {
                case MALFORMED -> "the link is malformed";
                case FORGED -> "the link's signature is invalid";
                case EXPIRED -> "the link has expired";
            });
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    private final PlatformSecret secret;
    private final Clock clock;

    Tokens(PlatformSecret secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** Signs {@code purpose:payload}, valid until {@code expiresAt}. The payload must not contain '.'. */
    public String sign(String purpose, String payload, Instant expiresAt) {
        if (payload.contains(".")) throw new IllegalArgumentException("payload contains '.'");
        String exp = Long.toString(expiresAt.getEpochSecond(), 36);
        return payload + "." + exp + "." + mac(secret.current(), purpose + ":" + payload + "." + exp);
    }

    /** The payload of a valid token for {@code purpose}, or {@link InvalidToken}. */
    public String verify(String purpose, String token) {
        if (token == null || token.length() > 2000) throw new InvalidToken(Failure.MALFORMED);
        String[] parts = token.split("\\.");
        if (parts.length != 3) throw new InvalidToken(Failure.MALFORMED);
        String signed = purpose + ":" + parts[0] + "." + parts[1];
        byte[] given = parts[2].getBytes(StandardCharsets.US_ASCII);
        boolean valid = MessageDigest.isEqual(mac(secret.current(), signed).getBytes(StandardCharsets.US_ASCII), given)
                || secret.previous().stream().anyMatch(k -> MessageDigest.isEqual(mac(k, signed).getBytes(StandardCharsets.US_ASCII), given));
        if (!valid) throw new InvalidToken(Failure.FORGED);
        long exp;
        try {
            exp = Long.parseLong(parts[1], 36);
        } catch (NumberFormatException e) {
            throw new InvalidToken(Failure.MALFORMED);
        }
        if (clock.instant().getEpochSecond() > exp) throw new InvalidToken(Failure.EXPIRED);
        return parts[0];
    }

    private static String mac(byte[] key, String data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, data));
    }

    private static byte[] hmac(byte[] key, String data) {
        return hmacSha256(key, data.getBytes(StandardCharsets.UTF_8));
    }

    /** One Mac per thread: looking the algorithm up among the providers cost more than the MAC itself (issue 17). */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key for another purpose derived from the platform secret (HMAC-SHA256 of the purpose label under
     * the secret), so one configured secret serves token signing and encryption at rest without reusing a key.
     */
    public byte[] derivedKey(String purpose) {
        return derive(secret.current(), purpose);
    }

    /**
     * The same key derived from each secret of {@code FAIRSEND_PREVIOUS_SECRET} (newest first) while a rotation is under
     * way: what a verifier of values made before the rotation tries after {@link #derivedKey} failed.
     */
    public List<byte[]> previousDerivedKeys(String purpose) {
        return secret.previous().stream().map(k -> derive(k, purpose)).toList();
    }

    private static byte[] derive(byte[] key, String purpose) {
        return hmac(key, "fairsend-derived-key:" + purpose);
    }
}
