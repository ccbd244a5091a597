package org.fairsend.webhooks.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound webhook settings ({@code fairsend.outbound-webhooks.*}; the inbound provider webhooks are
 * {@code fairsend.webhooks.*}).
 *
 * @param trustedHosts hosts (names or literal addresses) exempt from the HTTPS rule and the private-address refusal:
 *     a receiver on the operator's own network, the tests' receiver on 127.0.0.1. Empty by default: every endpoint is
 *     HTTPS on a public address
 * @param allowPrivateAddresses true: private, loopback and link-local addresses are allowed for every host (an
 *     install whose accounts' systems are all inside its own network); the metadata address 169.254.169.254 stays refused
 * @param timeout connecting and waiting for the answer of one post
 * @param maxAttempts attempts before a delivery is given up (state failed)
 * @param initialBackoff wait after the first failed attempt; doubled after each further failure
 * @param maxBackoff the longest wait between two attempts
 * @param pollInterval how often the worker looks for due deliveries
 * @param batchSize deliveries posted per pass
 * @param cacheRefresh how often each node re-reads which accounts have endpoints (another node's new endpoint is
 *     seen within this delay; this node's at once)
 * @param replyTextMax the longest SMS reply text an {@code sms_reply} delivery carries (characters; a longer one is cut
 *     and marked {@code textTruncated})
 */
@ConfigurationProperties("fairsend.outbound-webhooks")
record OutboundWebhookProperties(List<String> trustedHosts, boolean allowPrivateAddresses, Duration timeout, Integer maxAttempts,
        Duration initialBackoff, Duration maxBackoff, Duration pollInterval, Integer batchSize, Duration cacheRefresh,
        Integer replyTextMax) {

    OutboundWebhookProperties {
        trustedHosts = trustedHosts == null ? List.of()
                : trustedHosts.stream().map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (timeout == null) timeout = Duration.ofSeconds(5);
        if (maxAttempts == null || maxAttempts < 1) maxAttempts = 8;
        if (initialBackoff == null) initialBackoff = Duration.ofSeconds(30);
        if (maxBackoff == null) maxBackoff = Duration.ofHours(6);
        if (pollInterval == null) pollInterval = Duration.ofSeconds(2);
        if (batchSize == null || batchSize < 1) batchSize = 50;
        if (cacheRefresh == null) cacheRefresh = Duration.ofSeconds(10);
        if (replyTextMax == null || replyTextMax < 1) replyTextMax = 1000;
    }

    boolean trusted(String host) {
        return host != null && trustedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The wait after the {@code attempts}-th failed attempt: initial × 2^(attempts-1), at most {@link #maxBackoff}. */
    Duration backoff(int attempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
