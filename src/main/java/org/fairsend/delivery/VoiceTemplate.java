package org.fairsend.delivery;

import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * A voicemail drop as the campaign defines it: the recorded message (where the provider fetches it, its
 * format, duration and SHA-256), its transcript (what it says, R-20), and the caller number it shows (R-21,
 * a number the account declared, or the platform's own).
 *
 * @param audioUrl a signed URL of the recording on this platform, fetched by the provider
 * @param callerSource {@code declared} or {@code platform}
 */
public record VoiceTemplate(UUID voiceMessageId, String audioUrl, String format, long durationMillis, String audioSha256,
        String transcript, String callerNumber, String callerSource, boolean marketing) implements MessageTemplate {

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public String summary() {
        if (transcript == null) return null;
        return transcript.length() <= 60 ? transcript : transcript.substring(0, 60) + "…";
    }

    @Override
    public String senderLabel() {
        return callerNumber + " (" + callerSource + ")";
    }
}
