package org.fairsend.delivery.email;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outgoing email settings.
 *
 * @param relays the SMTP relays (MTAs) Fairsend hands messages to; the first is used, the others take
 *     over when it cannot be reached
 * @param perDomainConcurrency at most this many simultaneous deliveries to one recipient domain (per node)
 * @param sign whether to DKIM-sign (on by default; the benchmark measures both)
 * @param domainRate messages per second to one recipient domain, for every node together (issue 18)
 */
@ConfigurationProperties("fairsend.email")
public record EmailProperties(List<Relay> relays, Integer perDomainConcurrency, Boolean sign, DomainRate domainRate) {

    public EmailProperties {
        if (relays == null || relays.isEmpty()) relays = List.of(new Relay(null, null, null, null, null, null, null, null));
        if (perDomainConcurrency == null) perDomainConcurrency = 50;
        if (sign == null) sign = true;
        if (domainRate == null) domainRate = new DomainRate(null, null, null);
    }

    /**
     * One relay.
     *
     * @param starttls {@code true}: use STARTTLS when the server offers it; {@code required}: refuse to
     *     send in clear
     * @param ratePerSecond messages per second handed to this relay by every node together (0: no cap; issue 18)
     */
    public record Relay(String host, Integer port, String username, String password, String starttls, Integer maxConnections,
            Integer timeoutSeconds, Integer ratePerSecond) {
        public Relay {
            if (host == null || host.isBlank()) host = "localhost";
            if (port == null) port = 25;
            if (starttls == null || starttls.isBlank()) starttls = "true";
            if (maxConnections == null) maxConnections = 32;
            if (timeoutSeconds == null) timeoutSeconds = 60;
            if (ratePerSecond == null) ratePerSecond = 0;
            if (ratePerSecond < 0) throw new IllegalArgumentException("fairsend.email.relays[].rate-per-second must not be negative");
        }
    }

    /**
     * The cap on messages per second to one recipient domain, shared by every node (issue 18): the big mailbox
     * providers throttle or defer a sender that goes faster than they accept.
     *
     * @param perSecond the cap of every domain without one of its own (0: no cap)
     * @param domains caps of their own, by domain ({@code fairsend.email.domain-rate.domains[gmail.com]=20}; 0: no cap)
     * @param maxWait how long a message waits for its domain's turn before it is deferred (retried later, 4.4.5)
     */
    public record DomainRate(Integer perSecond, Map<String, Integer> domains, Duration maxWait) {
        public DomainRate {
            if (perSecond == null) perSecond = 0;
            if (perSecond < 0) throw new IllegalArgumentException("fairsend.email.domain-rate.per-second must not be negative");
            Map<String, Integer> normalised = new HashMap<>();
            if (domains != null) {
                domains.forEach((d, n) -> {
                    if (n == null || n < 0) throw new IllegalArgumentException("fairsend.email.domain-rate.domains[" + d + "] must be 0 or more");
                    normalised.put(d.strip().toLowerCase(Locale.ROOT), n);
                });
            }
            domains = Map.copyOf(normalised);
            if (maxWait == null) maxWait = Duration.ofMinutes(5);
        }

        /** The cap for {@code domain} (0: none). */
        int of(String domain) {
            return domains.getOrDefault(domain.toLowerCase(Locale.ROOT), perSecond);
        }
    }
}
