package org.fairsend.delivery;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The send log counted by final outcome, for the reputation module to reconcile its live indicators with the
 * durable truth (delivery owns {@code send_log}; others ask through this port).
 */
public interface SendLogTotals {

    /**
     * Messages that reached {@code outcome} (sent, blocked, failed, expired) with {@code reason}, per account,
     * campaign (null for transactional messages), channel and policy day (PolicyTime) of the send-log row.
     */
    record OutcomeCount(UUID accountId, UUID campaignId, Channel channel, LocalDate day, DeliveryOutcome outcome,
            String reason, long count) {}

    /** Counts for one account, one campaign, or everything (both null). */
    List<OutcomeCount> outcomes(UUID accountId, UUID campaignId);
}
