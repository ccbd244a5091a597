package org.fairsend.accounts.internal;

import org.fairsend.accounts.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At the first start of the server, when no operator key exists, creates one and prints it once. Only its
 * hash is stored: a lost key is replaced with {@code fairsend account create --operator}.
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class OperatorBootstrap {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);
    private final ApiKeys keys;

    OperatorBootstrap(ApiKeys keys) {
        this.keys = keys;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureOperatorKey() {
        if (keys.anyOperatorKey()) return;
        ApiKeys.CreatedKey k = keys.createOperatorKey("bootstrap");
        String banner = """

                ==================================================================
                 Fairsend operator API key (shown once, stored hashed):
                   %s
                 Use it as:  Authorization: Bearer <key>
                ==================================================================
                """.formatted(k.secret());
        System.out.println(banner);
        log.info("operator key {} created at first start", k.info().displayPrefix());
    }
}
