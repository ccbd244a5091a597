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

    /**
     * {@code type} is bounce (with {@code kind} hard or soft, its {@code reason} and {@code source}), complaint,
     * unjustified-use, unsubscribe, click or open (counted ones only) or spamtrap; per account, campaign (null when
     * none), channel and policy day (PolicyTime) of recording.
     */
    record FeedbackCount(UUID accountId, UUID campaignId, Channel channel, LocalDate day, String type, String kind,
            String reason, String source, long count) {}

    /** Counts for one account, one campaign, or everything (both null). */
    List<FeedbackCount> counts(UUID accountId, UUID campaignId);
}
