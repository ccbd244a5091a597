package org.fairsend.reputation;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * A campaign crossed a deliverability threshold and was suspended if it was still sending; {@code rung} is
 * the step of the sanctions ladder its account reached with it (1 to 4). Published inside the transaction
 * that records the incident.
 */
public record CampaignIncriminated(long incidentId, UUID accountId, UUID campaignId, Channel channel, Indicator indicator,
        double value, double threshold, long sample, int rung, int policyVersion, Instant at) {}
