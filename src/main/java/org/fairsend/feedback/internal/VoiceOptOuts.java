package org.fairsend.feedback.internal;

import org.fairsend.feedback.UnsubscribeSource;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.delivery.VoiceDropReported;
import org.fairsend.platform.Channel;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A recipient who pressed the opt-out key of a voicemail drop or called its objection number (the provider's
 * {@code opted_out} status) is unsubscribed from the account's voice messages at once: synchronously, inside
 * the transaction that records the callback, so the suppression, the consent withdrawal and the
 * {@link org.fairsend.feedback.UnsubscribeRecorded} event (counted by the indicators) commit with it.
 */
@Component
class VoiceOptOuts {

    private final FeedbackRecorder recorder;
    private final SentMessages messages;

    VoiceOptOuts(FeedbackRecorder recorder, SentMessages messages) {
        this.recorder = recorder;
        this.messages = messages;
    }

    @EventListener
    void on(VoiceDropReported e) {
        if (e.status() != org.fairsend.delivery.VoiceDropStatus.OPTED_OUT) return;
        SentMessage m = messages.find(e.messageId()).orElse(new SentMessage(e.messageId(), e.accountId(), e.campaignId(), Channel.VOICE,
                null, e.recipient(), "sent", null));
        recorder.unsubscribeAddress(m, Channel.VOICE, e.recipient(), UnsubscribeSource.VOICE_OPT_OUT, null, null, e.at());
    }
}
