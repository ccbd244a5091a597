package org.fairsend.accounts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The resolver the sender-domain DNS checks ask.
 *
 * @param resolver {@code host} or {@code host:port} ({@code [v6]:port} for IPv6); blank = the system's resolvers
 * @param timeout per query
 */
@ConfigurationProperties("fairsend.dns")
record DnsProperties(String resolver, Duration timeout) {
    DnsProperties {
        if (resolver != null && resolver.isBlank()) resolver = null;
        if (timeout == null) timeout = Duration.ofSeconds(3);
    }
}
