package org.fairsend.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What only a voice campaign has: the recording it leaves and the caller number it shows,
 * and the account's recordings. The rest of a voice campaign is a campaign like any other ({@link CampaignService}).
 */
public interface VoiceCampaigns {

    /**
     * A voice campaign's recording and caller number ({@code callerNumberId} null: the platform's own), and the
     * number it would show now ({@code callerNumber}, null when none can be shown).
     */
    record Settings(UUID campaignId, UUID voiceMessageId, UUID callerNumberId, String callerNumber, String callerSource) {}

    /** A recording of the account: its length, format and the transcript reviewed by the preflight. */
    record Recording(UUID id, String name, String format, long durationMillis, String transcript, Instant createdAt) {}

    /** The settings of a voice campaign; {@code NotFound} for a campaign of another channel. */
    Settings settings(Campaign c);

    /** Chooses the recording and caller number (both the account's own, R-21); only a draft or scheduled campaign. */
    Settings update(Campaign c, UUID voiceMessageId, UUID callerNumberId);

    /** Stores a WAV or MP3 recording with its transcript; a file that is not one is refused with the field. */
    Recording upload(UUID accountId, String name, String transcript, byte[] audio, String actor);

    List<Recording> recordings(UUID accountId);
}
