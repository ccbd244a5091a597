package org.fairsend.platform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring tokens ({@code payload.expiry.signature}, HMAC-SHA256) for links that act without a
 * login: double opt-in confirmation, unsubscribe, tracking. The key is {@code fairsend.secret}, or one
 * generated at first use and kept in the database so links survive restarts.
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

    private final JdbcClient jdbc;
    private final Clock clock;
    private final FairsendProperties props;
    private volatile byte[] key;

    Tokens(JdbcClient jdbc, Clock clock, FairsendProperties props) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.props = props;
    }

    /** Signs {@code purpose:payload}, valid until {@code expiresAt}. The payload must not contain '.'. */
    public String sign(String purpose, String payload, Instant expiresAt) {
        if (payload.contains(".")) throw new IllegalArgumentException("payload contains '.'");
        String exp = Long.toString(expiresAt.getEpochSecond(), 36);
        return payload + "." + exp + "." + mac(purpose + ":" + payload + "." + exp);
    }

    /** The payload of a valid token for {@code purpose}, or {@link InvalidToken}. */
    public String verify(String purpose, String token) {
        if (token == null || token.length() > 2000) throw new InvalidToken(Failure.MALFORMED);
        String[] parts = token.split("\\.");
        if (parts.length != 3) throw new InvalidToken(Failure.MALFORMED);
        String expected = mac(purpose + ":" + parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidToken(Failure.FORGED);
        }
        long exp;
        try {
            exp = Long.parseLong(parts[1], 36);
        } catch (NumberFormatException e) {
            throw new InvalidToken(Failure.MALFORMED);
        }
        if (clock.instant().getEpochSecond() > exp) throw new InvalidToken(Failure.EXPIRED);
        return parts[0];
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k != null) return k;
        synchronized (this) {
            if (key == null) key = loadKey();
            return key;
        }
    }

    private byte[] loadKey() {
        if (props.secret() != null && !props.secret().isBlank()) return props.secret().getBytes(StandardCharsets.UTF_8);
        Optional<String> stored = jdbc.sql("select setting_value from platform_setting where name = 'token-secret'").query(String.class).optional();
        if (stored.isPresent()) return stored.get().getBytes(StandardCharsets.UTF_8);
        String fresh = Hashing.randomToken(32);
        try {
            jdbc.sql("insert into platform_setting (name, setting_value, created_at) values ('token-secret', ?, ?)")
                    .params(fresh, Timestamp.from(clock.instant())).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another node generated it first
        }
        return jdbc.sql("select setting_value from platform_setting where name = 'token-secret'").query(String.class).single()
                .getBytes(StandardCharsets.UTF_8);
    }
}
