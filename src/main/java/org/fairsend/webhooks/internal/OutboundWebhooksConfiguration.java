package org.fairsend.webhooks.internal;

import org.fairsend.platform.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The endpoints' signing secrets are sealed by the platform secret; {@code fairsend secrets reseal} re-seals them. */
@Configuration(proxyBeanMethods = false)
class OutboundWebhooksConfiguration {

    @Bean
    SealedColumn sealedWebhookEndpointSecrets() {
        return new SealedColumn("webhook_endpoint", "id", "secret", OutboundDispatcher.SEAL_PURPOSE);
    }
}
