package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/** A message was accepted by the next hop. Published after its send-log row is committed. */
public record MessageSent(long messageId, UUID accountId, UUID campaignId, Channel channel, String recipientHash,
        Instant at) {}
