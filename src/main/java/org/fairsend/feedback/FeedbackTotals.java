package org.fairsend.feedback;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The recorded feedback counted, for the reputation module to reconcile its live indicators (feedback owns the
 * bounce, complaint, unsubscribe, engagement and spamtrap-hit tables; others ask through this port).
 */
public interface FeedbackTotals {

    /** What a count counts: clicks and opens are the counted ones only. */
    enum Type { BOUNCE, COMPLAINT, UNJUSTIFIED_USE, UNSUBSCRIBE, CLICK, OPEN, SPAMTRAP }

    /**
     * A count of one {@link Type} (a bounce with its {@code kind}, {@code reason} and {@code source}; those are null
     * for the other types) per account, campaign (null when none), channel and policy day (PolicyTime) of recording.
     */
    record FeedbackCount(UUID accountId, UUID campaignId, Channel channel, LocalDate day, Type type, BounceKind kind,
            String reason, String source, long count) {}

    /** Counts for one account, one campaign, or everything (both null). */
    List<FeedbackCount> counts(UUID accountId, UUID campaignId);
}
