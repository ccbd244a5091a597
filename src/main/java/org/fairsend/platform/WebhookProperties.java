package org.fairsend.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the provider webhooks ({@code /webhooks/**}, issue 13).
 *
 * @param maxBodySize the largest body a webhook reads (413 above it, answered before reading when the length is
 *     announced); the platform's request-size filter may cut earlier
 * @param refusalLogInterval at most one log line per integration per interval about refused (unauthenticated) calls,
 *     with how many were refused since; every refusal is counted in {@code fairsend.webhooks.refused}
 */
@ConfigurationProperties("fairsend.webhooks")
public record WebhookProperties(DataSize maxBodySize, Duration refusalLogInterval) {

    public WebhookProperties {
        if (maxBodySize == null || maxBodySize.toBytes() <= 0) maxBodySize = DataSize.ofMegabytes(2);
        if (refusalLogInterval == null) refusalLogInterval = Duration.ofSeconds(10);
    }
}
