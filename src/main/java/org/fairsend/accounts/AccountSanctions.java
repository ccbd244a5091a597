package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * What the reputation module may do to an account: suspend one channel until a date, terminate the
 * account, and undo either. {@link AccountDirectory#channelStatus} reflects each change at once, so preflight and
 * the delivery engine refuse to send; a suspension lapses by itself at {@code until}.
 */
public interface AccountSanctions {

    void suspendChannel(UUID accountId, Channel channel, Instant until, String reason);

    /** Lifts a channel suspension before its end. */
    void reinstateChannel(UUID accountId, Channel channel, String reason);

    void terminate(UUID accountId, String reason);

    /** Undoes a termination: the account is active again (its channels keep their own status). */
    void reinstate(UUID accountId, String reason);
}
