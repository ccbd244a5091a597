package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * A message was stopped before the wire (a blockade: suppressed, unsubscribed, account or channel
 * suspended, campaign stopped, quiet hours expired...). Published after its send-log row is committed.
 */
public record MessageBlocked(long messageId, UUID accountId, UUID campaignId, Channel channel, String recipientHash,
        String reason, Instant at) {}
