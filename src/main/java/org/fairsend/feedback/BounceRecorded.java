package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/** A bounce was recorded (hard or soft, with its reason); published inside the recording transaction. */
public record BounceRecorded(long bounceId, Long messageId, UUID accountId, UUID campaignId, Channel channel, String recipientHash, BounceKind kind, String reason, String status, String source, Instant at) {}
