package org.fairsend.suppression.internal;

import org.fairsend.platform.HashedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The suppression module's keyed address hashes, re-keyed once on an install made before they were keyed. */
@Configuration(proxyBeanMethods = false)
class SuppressionHashedColumns {

    @Bean
    HashedColumn suppressionAddressHash() {
        return new HashedColumn("suppression", "address_hash");
    }
}
