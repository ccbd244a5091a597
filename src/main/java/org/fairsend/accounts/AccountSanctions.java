package org.fairsend.accounts;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * What the reputation module may do to an account: suspend one channel until a date, pause its marketing on
 * a channel, terminate the account, and undo each. {@link AccountDirectory#channelStatus} reflects each change at once, so preflight and
 * the delivery engine refuse to send; a suspension lapses by itself at {@code until}.
 */
public interface AccountSanctions {

    void suspendChannel(UUID accountId, Channel channel, Instant until, String reason);

    /** Lifts a channel suspension before its end. */
    void reinstateChannel(UUID accountId, Channel channel, String reason);

    void terminate(UUID accountId, String reason);

    /**
     * Pauses the account's marketing on a channel (R-14, account level) with the explanation; the channel itself stays
     * active for transactional mail. Answers false when it was already paused (the earlier reason stands).
     */
    boolean pauseMarketing(UUID accountId, Channel channel, String reason);

    /** Lifts the pause of the account's marketing on a channel; false when it was not paused. */
    boolean resumeMarketing(UUID accountId, Channel channel);

    /** Undoes a termination: the account is active again (its channels keep their own status). */
    void reinstate(UUID accountId, String reason);
}
