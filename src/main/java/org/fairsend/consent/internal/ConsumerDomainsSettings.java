package org.fairsend.consent.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * what the operator adds to the consumer mailbox list ({@link ConsumerDomains}) without a release:
 * {@code fairsend.consent.consumer-domains.extra} (entries separated by commas, in the list's format:
 * {@code example.net} or {@code brand.*}) and {@code fairsend.consent.consumer-domains.file} (a file in the
 * list's format). Both add to the built-in list, never remove from it. Read at start-up; a malformed entry
 * stops the start with the line to fix.
 */
@Component
class ConsumerDomainsSettings {

    private static final Logger log = LoggerFactory.getLogger(ConsumerDomainsSettings.class);

    private final ConsumerDomains list;

    ConsumerDomainsSettings(ConsumerDomainsProperties props) {
        ConsumerDomains list = ConsumerDomains.builtIn();
        if (props.extra() != null && !props.extra().isEmpty()) {
            list = list.plus(ConsumerDomains.parse(props.extra(), "fairsend.consent.consumer-domains.extra"));
        }
        if (props.file() != null && !props.file().isBlank()) {
            Path path = Path.of(props.file().strip());
            try {
                list = list.plus(ConsumerDomains.parse(Files.readAllLines(path, StandardCharsets.UTF_8), path.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("fairsend.consent.consumer-domains.file: cannot read " + path, e);
            }
        }
        this.list = list;
        log.info("consent: {} consumer mailbox domains and brands refuse the B2B basis (X-8)", list.size());
    }

    ConsumerDomains list() {
        return list;
    }
}
