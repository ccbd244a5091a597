package org.fairsend.consent.internal;

import org.fairsend.platform.HashedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consent ledger's keyed address hashes, re-keyed once on an install made before they were keyed. */
@Configuration(proxyBeanMethods = false)
class ConsentHashedColumns {

    @Bean
    HashedColumn consentRecordAddressHash() {
        return new HashedColumn("consent_record", "address_hash");
    }
}
