package org.fairsend.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Fairsend signs the HTTP calls it exchanges with telephony, voice and SMS providers: {@code sha256=} and the
 * hex HMAC-SHA256 of {@code timestamp "." body}, sent as {@code X-Fairsend-Signature} beside
 * {@code X-Fairsend-Timestamp} (seconds since the epoch). One scheme for every provider webhook that has no format of
 * its own, and one check ({@link #refusal}) for every webhook that receives it.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Fairsend-Signature";
    public static final String TIMESTAMP_HEADER = "X-Fairsend-Timestamp";

    private WebhookSignature() {}

    /** The signature header value, {@code sha256=<hex>}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is the signature of this body at this timestamp, compared in constant time. */
    public static boolean matches(String secret, String timestamp, byte[] body, String signature) {
        if (secret == null || signature == null || timestamp == null) return false;
        return MessageDigest.isEqual(sign(secret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII),
                signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code given} equals one of the secrets, each compared in constant time (a bearer token). */
    public static boolean equalsAny(Collection<String> secrets, String given) {
        if (given == null) return false;
        byte[] g = given.strip().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String s : secrets) ok |= MessageDigest.isEqual(g, s.getBytes(StandardCharsets.UTF_8));
        return ok;
    }

    /**
     * Why a call is not authenticated, or null when it is: a signature by one of {@code secrets} over this body and a
     * timestamp at most {@code maxAge} from {@code now} (replay protection), or, when {@code bearerAllowed}, one of the
     * secrets as {@code Authorization: Bearer}. The reason never says which part of a secret was wrong.
     */
    public static String refusal(Collection<String> secrets, boolean bearerAllowed, String authorization, String timestamp,
            String signature, byte[] body, Instant now, Duration maxAge) {
        if (secrets.isEmpty()) return "no secret is configured for this webhook";
        if (signature != null && !signature.isBlank()) {
            if (timestamp == null || timestamp.isBlank()) return TIMESTAMP_HEADER + " is required with " + SIGNATURE_HEADER;
            long ts;
            try {
                ts = Long.parseLong(timestamp.strip());
            } catch (NumberFormatException e) {
                return TIMESTAMP_HEADER + " is the signing time in seconds since the epoch";
            }
            if (Duration.between(Instant.ofEpochSecond(ts), now).abs().compareTo(maxAge) > 0) {
                return "the signature's timestamp is too far from now (replay protection)";
            }
            boolean ok = false;
            for (String s : secrets) ok |= matches(s, timestamp, body, signature);
            return ok ? null : "invalid signature";
        }
        if (bearerAllowed && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return equalsAny(secrets, authorization.substring(7)) ? null : "invalid bearer token";
        }
        return bearerAllowed ? "missing credentials: " + SIGNATURE_HEADER + " with " + TIMESTAMP_HEADER + ", or a bearer token"
                : "unsigned call: " + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER + " are required";
    }
}
