package org.fairsend.delivery;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * Turns a channel's {@link MessageTemplate} into what its {@link ChannelPort} sends, one per channel (like the
 * ports). A template is compiled once per run (parsed placeholders, prepared links) and rendered per recipient.
 */
public interface ChannelRenderer {

    Channel channel();

    Compiled compile(MessageTemplate template);

    /** A template prepared for many recipients. */
    interface Compiled {
        RenderedContent render(Recipient recipient);
    }

    /**
     * Who one message is for.
     *
     * @param data a campaign's recipient as {@link RecipientBindings} (seen as {@code contact}), or a
     *     transactional message's own data (seen at the top level)
     * @param whyYouReceiveThis the consent statement for marketing messages, else null
     * @param senderName the account's display name
     * @param language the language the recipient reads (issue 20: the contact's, else the account's, else English), for
     *     the platform's own words (footer, opt-out mention); the author's content is as written
     * @param legalIdentity the sender's legal name and postal address, named in a marketing email's footer; the
     *     partner's for a rented audience (the messages leave under its account)
     */
    record Recipient(long messageId, UUID accountId, String senderName, String address, Map<String, Object> data,
            String whyYouReceiveThis, Locale language, String legalIdentity) {

        /** A recipient in English with no legal identity to name (previews, tests). */
        public Recipient(long messageId, UUID accountId, String senderName, String address, Map<String, Object> data,
                String whyYouReceiveThis) {
            this(messageId, accountId, senderName, address, data, whyYouReceiveThis, Locale.ENGLISH, null);
        }
    }
}
