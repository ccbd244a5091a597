package org.fairsend.consent.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * consumer mailbox domains the operator adds to the built-in list ({@link ConsumerDomainsSettings}).
 *
 * @param extra entries in the list's format ({@code example.net}, {@code brand.*})
 * @param file a file in the list's format, read at start-up
 */
@ConfigurationProperties("fairsend.consent.consumer-domains")
record ConsumerDomainsProperties(List<String> extra, String file) {}
