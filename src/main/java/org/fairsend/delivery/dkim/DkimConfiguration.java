package org.fairsend.delivery.dkim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses DKIM's RSA implementation once, at start, and says which. */
@Configuration(proxyBeanMethods = false)
class DkimConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DkimConfiguration.class);

    @Bean
    DkimCrypto dkimCrypto(DkimProperties props) {
        DkimCrypto crypto = DkimCrypto.select(props.provider());
        if (props.provider() == DkimCrypto.Setting.AUTO && crypto.implementation() == DkimCrypto.Implementation.JDK) {
            log.warn("DKIM RSA signatures: {}", crypto.description());
        } else {
            log.info("DKIM RSA signatures: {}", crypto.description());
        }
        return crypto;
    }
}
