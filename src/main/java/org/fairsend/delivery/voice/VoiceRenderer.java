package org.fairsend.delivery.voice;

import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.VoiceTemplate;
import org.fairsend.platform.Channel;
import org.springframework.stereotype.Component;

/**
 * Renders a voicemail drop: the same recording and caller number for every recipient (a recording is not
 * personalised); the provider learns the recipient from the message itself.
 */
@Component
class VoiceRenderer implements ChannelRenderer {

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public Compiled compile(MessageTemplate template) {
        VoiceTemplate t = (VoiceTemplate) template;
        if (t.callerNumber() == null || t.audioUrl() == null) throw new IllegalStateException("a voice drop needs a caller number and a recording");
        RenderedContent.Voice voice = new RenderedContent.Voice(t.callerNumber(), t.audioUrl(), t.format(), t.durationMillis(),
                t.audioSha256(), t.transcript());
        return recipient -> voice;
    }
}
