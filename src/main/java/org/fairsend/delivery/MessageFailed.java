package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * A message failed at the transport: {@code permanent} for a 5xx or equivalent (a bounce recorded at
 * once), otherwise it gave up after its retries. Carries the peer's reply.
 */
public record MessageFailed(long messageId, UUID accountId, UUID campaignId, Channel channel, String recipient,
        String recipientHash, boolean permanent, String code, String reply, Instant at) {}
