package org.fairsend.accounts;

import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;

/** What other modules may ask about accounts. */
public interface AccountDirectory {

    Optional<Account> find(UUID id);

    /** The account, or 404 when it does not exist. */
    Account get(UUID id);

    /** Whether the account may send on a channel now (active account, channel not suspended). */
    ChannelStatus channelStatus(UUID accountId, Channel channel);

    record ChannelStatus(Channel channel, String status, java.time.Instant until, String reason) {
        public boolean canSend() {
            return "active".equals(status);
        }
    }
}
