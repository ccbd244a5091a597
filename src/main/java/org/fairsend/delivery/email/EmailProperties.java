package org.fairsend.delivery.email;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outgoing email settings.
 *
 * @param relays the SMTP relays (MTAs) Fairsend hands messages to; the first is used, the others take
 *     over when it cannot be reached
 * @param perDomainConcurrency at most this many simultaneous deliveries to one recipient domain
 * @param sign whether to DKIM-sign (on by default; the benchmark measures both)
 */
@ConfigurationProperties("fairsend.email")
public record EmailProperties(List<Relay> relays, Integer perDomainConcurrency, Boolean sign) {

    public EmailProperties {
        if (relays == null || relays.isEmpty()) relays = List.of(new Relay(null, null, null, null, null, null, null));
        if (perDomainConcurrency == null) perDomainConcurrency = 50;
        if (sign == null) sign = true;
    }

    /**
     * One relay.
     *
     * @param starttls {@code true}: use STARTTLS when the server offers it; {@code required}: refuse to
     *     send in clear
     */
    public record Relay(String host, Integer port, String username, String password, String starttls, Integer maxConnections,
            Integer timeoutSeconds) {
        public Relay {
            if (host == null || host.isBlank()) host = "localhost";
            if (port == null) port = 25;
            if (starttls == null || starttls.isBlank()) starttls = "true";
            if (maxConnections == null) maxConnections = 32;
            if (timeoutSeconds == null) timeoutSeconds = 60;
        }
    }
}
