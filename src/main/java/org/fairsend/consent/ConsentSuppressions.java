package org.fairsend.consent;

import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * Port (issue 15) through which consent flows keep the suppression list in step, in their own transaction. Declared
 * here, implemented by the suppression module.
 */
public interface ConsentSuppressions {

    /**
     * A withdrawal recorded through the API: the same entry a one-click unsubscribe writes, so the last-mile gate stops
     * the address at once, even in a batch already claimed.
     */
    void withdrawn(UUID accountId, Channel channel, String normalizedAddress, String source);

    /**
     * New explicit consent from the person (a confirmed double opt-in, an explicit single opt-in on a hosted form):
     * the account's unsubscribe on that channel is lifted, and stays in the history. Nothing else is lifted.
     *
     * @return how many unsubscribe entries were lifted (0: there was none)
     */
    int cameBack(UUID accountId, Channel channel, String normalizedAddress, String how);
}
