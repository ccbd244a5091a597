package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * One message delivery handled: its account, campaign (null for a transactional one), channel, contact and
 * normalised recipient; {@code sentAt} when it left (null while not sent).
 */
public record SentMessage(long id, UUID accountId, UUID campaignId, Channel channel, UUID contactId, String recipient,
        String status, Instant sentAt) {}
