package org.fairsend.feedback.internal;

import java.util.Optional;
import java.util.UUID;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.delivery.SentMessage;
import org.fairsend.delivery.SentMessages;
import org.fairsend.feedback.classify.Classification;
import org.springframework.stereotype.Component;

/**
 * The only way a bounce or complaint is tied to a message (docs/ARCHITECTURE.md, "Trust boundaries"; issue 13): the
 * original's Message-ID whose MAC verifies, or a signed VERP address as the original's envelope sender or as the
 * report's To. The recipient a report names ties nothing: there is no "latest message to that address".
 */
@Component
class ProvenMessages {

    private final MessageLinks links;
    private final SentMessages messages;

    ProvenMessages(MessageLinks links, SentMessages messages) {
        this.links = links;
        this.messages = messages;
    }

    /** The message a report proves it is about, whatever the account (inbound SMTP: the proof names the account). */
    Optional<SentMessage> tie(Classification c) {
        Optional<SentMessage> m = messages.findByMessageId(c.originalMessageId());
        if (m.isEmpty()) m = verp(c.originalSender());
        if (m.isEmpty()) m = verp(c.bounceTo());
        return m;
    }

    /** The same, for a report that came through one account's authenticated integration: that account's messages only. */
    Optional<SentMessage> tie(Classification c, UUID accountId) {
        return tie(c).filter(m -> m.accountId().equals(accountId));
    }

    /** A message id that travelled as a Message-ID header, within one account (a provider's unsubscribe event). */
    Optional<SentMessage> byMessageId(String messageId, UUID accountId) {
        return messages.findByMessageId(messageId).filter(m -> m.accountId().equals(accountId));
    }

    private Optional<SentMessage> verp(String address) {
        if (address == null) return Optional.empty();
        return links.parse(address).filter(t -> t.kind() == 'b').flatMap(t -> messages.find(t.messageId()));
    }
}
