package org.fairsend.accounts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Integration secrets (issue 13).
 *
 * @param secretGrace how long a replaced secret keeps authenticating webhooks after a rotation, so the provider's
 *     side can be updated without losing calls
 */
@ConfigurationProperties("fairsend.integrations")
record IntegrationProperties(Duration secretGrace) {

    IntegrationProperties {
        if (secretGrace == null || secretGrace.isNegative()) secretGrace = Duration.ofHours(24);
    }
}
