package org.fairsend.delivery;

import java.util.Optional;
import java.util.UUID;

/**
 * Read access to the messages delivery sent, for the modules that receive what comes back (bounces,
 * complaints, unsubscribes, opens and clicks). Delivery owns the {@code outbound_message} table; the others
 * ask through this port.
 */
public interface SentMessages {

    Optional<SentMessage> find(long messageId);

    /**
     * The message a Message-ID header names, only when Fairsend wrote it: {@code <id36.MAC@bounce-domain>} whose MAC
     * verifies ({@link MessageLinks#parseMessageId}). A right number with any other random part names nothing.
     */
    Optional<SentMessage> findByMessageId(String messageIdHeader);

    /**
     * The account's most recent message to a normalised address on a channel: only for a report the account's own
     * authenticated integration made (a provider webhook), never for inbound mail, whose tie must be proven.
     */
    Optional<SentMessage> latestTo(UUID accountId, org.fairsend.platform.Channel channel, String recipient);

    /** The campaign's message to a normalised address, if it had one. */
    Optional<SentMessage> inCampaign(UUID campaignId, String recipient);

    /**
     * The latest message each account sent to a normalised address on a channel since {@code since} (a STOP sent
     * to the shared short code names only its number), most recent first.
     */
    java.util.List<SentMessage> latestPerAccountTo(org.fairsend.platform.Channel channel, String recipient, java.time.Instant since);
}
