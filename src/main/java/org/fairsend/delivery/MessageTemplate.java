package org.fairsend.delivery;

import org.fairsend.platform.Channel;

/**
 * A message as its author wrote it, one record per channel; delivery snapshots it into the run (or the
 * transactional queue row) as JSON and hands it to that channel's {@link ChannelRenderer}. A channel adds
 * its record to {@code permits} and to {@link #type(Channel)}.
 */
public sealed interface MessageTemplate permits EmailTemplate, SmsTemplate, VoiceTemplate {

    Channel channel();

    /** Marketing (consent, unsubscribe, sending hours) or transactional. */
    boolean marketing();

    /** What the evidence pack shows as the message's subject (an email's subject, the start of an SMS). */
    String summary();

    /** What the evidence pack shows as its sender (From, TPOA, caller number). */
    String senderLabel();

    /** The record a channel's snapshot is read back as. */
    static Class<? extends MessageTemplate> type(Channel channel) {
        return switch (channel) {
            case EMAIL -> EmailTemplate.class;
            case SMS -> SmsTemplate.class;
            case VOICE -> VoiceTemplate.class;
        };
    }
}
