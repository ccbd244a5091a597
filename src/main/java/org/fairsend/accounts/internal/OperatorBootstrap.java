package org.fairsend.accounts.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At the first start of the server, when no operator key exists, creates one and writes it to
 * {@code fairsend.operator-key-file} (owner-only, beside the data by default); the log names the file, never the
 * key. Only the key's hash is stored: a lost key is replaced with {@code fairsend account create --operator}, which
 * prints the new key to the terminal of whoever ran it. When the file cannot be written no key is created, and the
 * log says how to make one.
 */
@Component
@ConditionalOnProperty(name = "fairsend.mode", havingValue = "serve", matchIfMissing = true)
class OperatorBootstrap {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);
    private final ApiKeys keys;
    private final FairsendProperties props;

    OperatorBootstrap(ApiKeys keys, FairsendProperties props) {
        this.keys = keys;
        this.props = props;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureOperatorKey() {
        if (keys.anyOperatorKey()) return;
        Path file = props.operatorKeyFile().toAbsolutePath().normalize();
        ApiKeys.CreatedKey k = keys.createOperatorKey("bootstrap");
        try {
            OwnerOnlyFiles.replace(file, k.secret());
        } catch (IOException | RuntimeException e) {
            keys.revoke(k.info().id());
            log.error("could not write the first operator key to {} ({}): none was created. Set fairsend.operator-key-file "
                    + "(FAIRSEND_OPERATOR_KEY_FILE) to a writable path, or create one with `fairsend account create --operator`", file,
                    e.toString());
            return;
        }
        log.info("operator key {} created at first start and written to {} (readable by its owner only); use it as "
                + "'Authorization: Bearer <key>', then store it elsewhere and delete the file", k.info().displayPrefix(), file);
    }
}
