package org.fairsend.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Platform-wide settings.
 *
 * @param mode {@code serve} (HTTP server, schedulers, listeners) or {@code cli} (a one-off command)
 * @param publicUrl the base URL people reach Fairsend at: links in confirmation mails and hosted forms
 * @param secret the key that signs tokens (confirmation and unsubscribe links); generated and kept in the
 *     database when empty
 * @param platformFrom the From address of the platform's own mail (confirmations, notices)
 */
@ConfigurationProperties("fairsend")
public record FairsendProperties(String mode, String publicUrl, String secret, String platformFrom) {

    public FairsendProperties {
        if (mode == null || mode.isBlank()) mode = "serve";
        if (publicUrl == null || publicUrl.isBlank()) publicUrl = "http://localhost:8080";
        while (publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        if (platformFrom == null || platformFrom.isBlank()) platformFrom = "no-reply@fairsend.localhost";
    }
}
