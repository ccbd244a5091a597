package org.fairsend.delivery;

import org.fairsend.platform.Channel;

/**
 * An email as the author wrote it (Jinja placeholders such as {@code {{ contact.first_name }}},
 * {@code {{ unsubscribe_url }}}, {@code {{ why_you_receive_this }}}), and how to send it.
 *
 * @param text the text part; derived from the HTML when null
 * @param marketing false for transactional mail (no unsubscribe footer, no tracking of opens)
 */
public record EmailTemplate(String subject, String preheader, String html, String text, String fromName,
        String fromAddress, String replyTo, boolean marketing, boolean trackOpens, boolean trackClicks,
        boolean platformFooter) implements MessageTemplate {

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String summary() {
        return subject;
    }

    @Override
    public String senderLabel() {
        return fromName + " <" + fromAddress + ">";
    }
}
