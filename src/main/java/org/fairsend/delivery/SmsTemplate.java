package org.fairsend.delivery;

import org.fairsend.platform.Channel;

/**
 * An SMS as the author wrote it (Jinja placeholders such as {@code {{ contact.first_name }}}).
 *
 * @param sender the personalised alphanumeric sender (TPOA, R-18, X-6) approved for the account, or null for
 *     the platform's short code; with a personalised sender a marketing SMS gets {@code STOP au <short code>}
 *     appended when rendered
 */
public record SmsTemplate(String text, String sender, boolean marketing) implements MessageTemplate {

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String summary() {
        if (text == null) return null;
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    @Override
    public String senderLabel() {
        return sender == null || sender.isBlank() ? "short code" : sender;
    }
}
