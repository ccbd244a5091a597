package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The network reported what became of a sent message (an SMPP delivery receipt, a voice provider's callback):
 * {@code status} is {@code delivered}, {@code expired}, {@code undeliverable} or {@code rejected}; published after
 * the message's row and the send log are updated.
 */
public record DeliveryReceiptRecorded(long messageId, UUID accountId, UUID campaignId, Channel channel, String recipientHash,
        String status, String detail, Instant at) {}
