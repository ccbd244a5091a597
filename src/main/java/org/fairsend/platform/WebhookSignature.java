package org.fairsend.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Fairsend signs the HTTP calls it exchanges with telephony and voice providers: {@code sha256=} and the
 * hex HMAC-SHA256 of {@code timestamp "." body}, sent as {@code X-Fairsend-Signature} beside
 * {@code X-Fairsend-Timestamp}. One scheme for every provider webhook that has no format of its own.
 */
public final class WebhookSignature {

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
}
