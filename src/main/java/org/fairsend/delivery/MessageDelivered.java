package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The network proved a message reached the person (issue 20): an SMS whose first final delivery receipt says
 * {@code DELIVRD}. Published inside the transaction that applies the receipt to the message (so a registry listener
 * of it is never lost), once per message. Email has no such proof (the receiving server's 250 is {@link MessageSent});
 * a voice drop left on the voicemail is {@link VoiceDropReported} with {@link VoiceDropStatus#DELIVERED}.
 *
 * @param at when the network says it was delivered (the receipt's done date), else when the receipt was applied
 */
public record MessageDelivered(long messageId, UUID accountId, UUID campaignId, Channel channel, Instant at) {}
