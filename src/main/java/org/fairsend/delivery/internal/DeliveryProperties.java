package org.fairsend.delivery.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery engine settings. (The former {@code fairsend.delivery.lease} is gone, issue 18: a node's claims are its
 * own as long as its heartbeat lives, {@code fairsend.cluster.node-timeout}.)
 *
 * @param workers loops that claim and check batches for the senders
 * @param batchSize messages claimed at once; about two batches wait claimed ahead of the senders
 * @param parallelSends messages on the wire at once (virtual sender threads); raised to a port's {@code maxInFlight}
 *     when that is more (the SMPP port: its sessions' windows together)
 * @param retryDelays waits between attempts after a temporary failure; the message expires after the last
 * @param accountRatePerSecond the shared per-account rate limit (0: none)
 */
@ConfigurationProperties("fairsend.delivery")
public record DeliveryProperties(Integer workers, Integer batchSize, Integer parallelSends,
        List<Duration> retryDelays, Integer accountRatePerSecond, Duration idlePoll) {

    public DeliveryProperties {
        if (workers == null) workers = 4;
        if (batchSize == null) batchSize = 250;
        if (parallelSends == null) parallelSends = 32;
        if (retryDelays == null || retryDelays.isEmpty()) {
            retryDelays = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
                    Duration.ofHours(4), Duration.ofHours(12), Duration.ofHours(24));
        }
        if (accountRatePerSecond == null) accountRatePerSecond = 0;
        if (idlePoll == null) idlePoll = Duration.ofMillis(250);
    }
}
