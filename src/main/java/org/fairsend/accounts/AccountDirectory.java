package org.fairsend.accounts;

import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Codes;

/** What other modules may ask about accounts. */
public interface AccountDirectory {

    Optional<Account> find(UUID id);

    /** The account, or 404 when it does not exist. */
    Account get(UUID id);

    /** Whether the account may send on a channel now (active account, channel not suspended). */
    ChannelStatus channelStatus(UUID accountId, Channel channel);

    /**
     * Where an account stands on one channel, stored as its lower-case code in {@code account_channel.status}
     * ({@code terminated} comes from the account itself). {@link #toString()} is the code, as messages and pages show it.
     */
    enum ChannelState {
        ACTIVE, SUSPENDED, TERMINATED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static ChannelState of(String code) {
            return Codes.of(ChannelState.class, code, "status");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    record ChannelStatus(Channel channel, ChannelState status, java.time.Instant until, String reason) {
        public boolean canSend() {
            return status == ChannelState.ACTIVE;
        }
    }
}
