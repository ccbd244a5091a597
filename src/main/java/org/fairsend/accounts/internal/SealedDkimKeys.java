package org.fairsend.accounts.internal;

import org.fairsend.platform.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sealed DKIM private keys of sender domains, re-sealed by {@code fairsend secrets reseal} after a rotation. */
@Configuration(proxyBeanMethods = false)
class SealedDkimKeys {

    @Bean
    SealedColumn sealedDkimRsaKeys() {
        return new SealedColumn("sender_domain", "id", "rsa_private_key", SenderDomainService.PURPOSE_RSA);
    }

    @Bean
    SealedColumn sealedDkimEd25519Keys() {
        return new SealedColumn("sender_domain", "id", "ed_private_key", SenderDomainService.PURPOSE_ED);
    }
}
