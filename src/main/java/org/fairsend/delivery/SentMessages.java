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
     * The message a Message-ID header names: Fairsend writes {@code <id36.random@bounce-domain>}, so the id is
     * the base-36 part before the dot, and the domain must be the bounce domain.
     */
    Optional<SentMessage> findByMessageId(String messageIdHeader);

    /** The account's most recent message to a normalised address on a channel (a bounce without VERP). */
    Optional<SentMessage> latestTo(UUID accountId, org.fairsend.platform.Channel channel, String recipient);

    /** The campaign's message to a normalised address, if it had one. */
    Optional<SentMessage> inCampaign(UUID campaignId, String recipient);

    /** The most recent message to a normalised address from any account (a bounce naming only its recipient). */
    Optional<SentMessage> latestTo(org.fairsend.platform.Channel channel, String recipient);

    /**
     * The latest message each account sent to a normalised address on a channel since {@code since} (a STOP sent
     * to the shared short code names only its number), most recent first.
     */
    java.util.List<SentMessage> latestPerAccountTo(org.fairsend.platform.Channel channel, String recipient, java.time.Instant since);
}
