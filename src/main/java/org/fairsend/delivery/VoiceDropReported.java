package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * The voice provider reported what became of a drop (published inside the transaction that records it):
 * {@code delivered} (left on the voicemail), {@code no_voicemail}, {@code failed}, or {@code opted_out} (the
 * recipient pressed the opt-out key or called the objection number: the feedback module unsubscribes the
 * number from voice at once).
 */
public record VoiceDropReported(long messageId, UUID accountId, UUID campaignId, String recipient, String recipientHash,
        VoiceDropStatus status, String detail, Instant at) {}
