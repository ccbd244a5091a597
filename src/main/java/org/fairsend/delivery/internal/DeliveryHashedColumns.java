package org.fairsend.delivery.internal;

import org.fairsend.platform.HashedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery module's keyed address hashes, re-keyed once on an install made before they were keyed. */
@Configuration(proxyBeanMethods = false)
class DeliveryHashedColumns {

    @Bean
    HashedColumn sendLogRecipientHash() {
        return new HashedColumn("send_log", "recipient_hash");
    }

    @Bean
    HashedColumn voiceRefusalRecipientHash() {
        return new HashedColumn("voice_refusal", "recipient_hash");
    }
}
