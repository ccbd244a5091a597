package org.fairsend.calltracking.internal;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Call tracking settings.
 *
 * @param webhookToken the bearer token the telephony provider sends ({@code Authorization: Bearer ...}); empty:
 *     bearer authentication off
 * @param webhookSecret the HMAC-SHA256 key of signed webhooks ({@code X-Fairsend-Signature}); empty: off. With
 *     neither set, every provider webhook is refused.
 * @param webhookMaxAge the oldest signature timestamp accepted (replay protection)
 * @param emailDomain the domain of the per-medium inbound addresses ({@code ct-<token>@<domain>}); its MX points
 *     at the inbound SMTP listener
 * @param reportCron when recurring reports are sent, read in the policy's time zone ({@link org.fairsend.policy.PolicyTime#cron}); each
 *     completed week or month is sent once
 */
@ConfigurationProperties("fairsend.calltracking")
record CalltrackingProperties(String webhookToken, String webhookSecret, Duration webhookMaxAge, String emailDomain,
        String reportCron) {

    CalltrackingProperties {
        if (webhookToken != null && webhookToken.isBlank()) webhookToken = null;
        if (webhookSecret != null && webhookSecret.isBlank()) webhookSecret = null;
        if (webhookMaxAge == null) webhookMaxAge = Duration.ofMinutes(5);
        emailDomain = emailDomain == null || emailDomain.isBlank() ? "track.fairsend.localhost"
                : emailDomain.strip().toLowerCase(Locale.ROOT);
        if (reportCron == null || reportCron.isBlank()) reportCron = "0 0 7 * * *";
    }
}
