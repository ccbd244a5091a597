package org.fairsend.accounts.internal;

import java.util.List;
import org.fairsend.platform.SealedColumn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The accounts module's sealed columns, re-sealed by {@code fairsend secrets reseal} after a rotation of the platform
 * secret: the DKIM private keys of sender domains, and the integration secrets (sealed for
 * {@code integration-secret:<scope>:<integration>}, see {@link JdbcIntegrationSecrets}).
 */
@Configuration(proxyBeanMethods = false)
class AccountsSealedColumns {

    @Bean
    SealedColumn sealedDkimRsaKeys() {
        return new SealedColumn("sender_domain", "id", "rsa_private_key", DkimKeys.PURPOSE_RSA);
    }

    @Bean
    SealedColumn sealedDkimEd25519Keys() {
        return new SealedColumn("sender_domain", "id", "ed_private_key", DkimKeys.PURPOSE_ED);
    }

    @Bean
    SealedColumn sealedIntegrationSecrets() {
        return new SealedColumn("integration_secret", List.of("scope", "integration"), "current_secret", "integration-secret",
                List.of("scope", "integration"));
    }

    @Bean
    SealedColumn sealedPreviousIntegrationSecrets() {
        return new SealedColumn("integration_secret", List.of("scope", "integration"), "previous_secret", "integration-secret",
                List.of("scope", "integration"));
    }
}
