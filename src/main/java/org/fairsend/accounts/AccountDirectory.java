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
     * Whether the account's marketing on a channel is paused (R-14, account level): its marketing campaigns on the
     * channel cannot start or resume while transactional messages still go out. Empty when not paused.
     */
    Optional<MarketingPause> marketingPause(UUID accountId, Channel channel);

    /** Since when and why the account's marketing on {@code channel} is paused. */
    record MarketingPause(Channel channel, java.time.Instant since, String reason) {}

    /**
     * Where an account stands on one channel, stored as its lower-case code in {@code account_channel.status}
     * ({@code frozen} and {@code terminated} come from the account itself: a frozen account, issue 19, sends nothing on
     * any channel, transactional messages included). {@link #toString()} is the code, as messages and pages show it.
     */
    enum ChannelState {
        ACTIVE, SUSPENDED, FROZEN, TERMINATED;

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
