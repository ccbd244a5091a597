package org.fairsend.delivery.voice;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The voice provider (README, "Settings").
 *
 * @param endpoint the URL each drop is POSTed to as JSON; blank: no voice transport (voice messages wait)
 * @param auth {@code bearer} (an {@code Authorization: Bearer <token>} header) or {@code hmac}
 *     ({@code X-Fairsend-Timestamp} and {@code X-Fairsend-Signature: sha256=<hex HMAC-SHA256 of
 *     timestamp "." body>} with {@code secret})
 * @param token the bearer token
 * @param secret the HMAC key
 * @param connectTimeout connecting to the provider
 * @param requestTimeout waiting for its answer; a time-out is a temporary failure (retried)
 * @param callbackSecret the key status callbacks are signed with (same HMAC scheme), or, with
 *     {@code callbackToken}, the bearer token they carry; at least one is needed for callbacks to be accepted
 * @param callbackToken the bearer token status callbacks carry
 * @param callbackMaxSkew how far a signed callback's timestamp may be from now
 * @param ratePerSecond drops per second sent to the provider by every node together (0: no cap; issue 18)
 */
@ConfigurationProperties("fairsend.voice.provider")
public record VoiceProviderProperties(String endpoint, String auth, String token, String secret, Duration connectTimeout,
        Duration requestTimeout, String callbackSecret, String callbackToken, Duration callbackMaxSkew, Integer ratePerSecond) {

    public VoiceProviderProperties {
        endpoint = blank(endpoint);
        auth = blank(auth) == null ? "bearer" : auth.strip().toLowerCase(Locale.ROOT);
        if (!auth.equals("bearer") && !auth.equals("hmac")) throw new IllegalArgumentException("fairsend.voice.provider.auth is bearer or hmac");
        token = blank(token);
        secret = blank(secret);
        if (connectTimeout == null) connectTimeout = Duration.ofSeconds(5);
        if (requestTimeout == null) requestTimeout = Duration.ofSeconds(10);
        callbackSecret = blank(callbackSecret);
        callbackToken = blank(callbackToken);
        if (callbackMaxSkew == null) callbackMaxSkew = Duration.ofMinutes(5);
        if (ratePerSecond == null) ratePerSecond = 0;
        if (ratePerSecond < 0) throw new IllegalArgumentException("fairsend.voice.provider.rate-per-second must not be negative");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
