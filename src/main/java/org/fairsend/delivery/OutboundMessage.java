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
 */
public record OutboundMessage(long id, UUID accountId, UUID campaignId, Channel channel, String recipient, int attempt,
        RenderedContent content) {}
