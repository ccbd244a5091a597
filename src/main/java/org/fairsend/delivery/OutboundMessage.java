package org.fairsend.delivery;

import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * A rendered message on its way to a transport.
 *
 * @param id the message id (VERP tag, Message-ID, the key of every later bounce, receipt or click)
 * @param campaignId null for a transactional one-off
 * @param recipient the normalised address or number
 * @param attempt 1 for the first try
 * @param lastCheck asked by the transport at the last moment; see {@link LastMileCheck}
 */
public record OutboundMessage(long id, UUID accountId, UUID campaignId, Channel channel, String recipient, int attempt,
        RenderedContent content, LastMileCheck lastCheck) {

    /**
     * The last-mile gate, for the transport to ask right before it writes the message (after any wait for a
     * connection or a window slot): null when the message may leave, else why not.
     */
    @FunctionalInterface
    public interface LastMileCheck {
        DeliveryResult.Withholding blockReason();
    }
}
