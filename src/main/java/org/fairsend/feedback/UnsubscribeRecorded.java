package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/** A recipient unsubscribed (source one-click, link, mailto or preference-centre); published inside the recording transaction. */
public record UnsubscribeRecorded(long unsubscribeId, Long messageId, UUID accountId, UUID campaignId, Channel channel, String recipientHash, UnsubscribeSource source, Instant at) {}
