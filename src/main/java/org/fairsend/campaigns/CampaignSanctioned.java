package org.fairsend.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * The operator suspended, reinstated or cancelled a campaign (issue 19, {@link CampaignSanctions}), published in the
 * action's transaction; {@code refund} is set for a cancellation.
 */
public record CampaignSanctioned(long actionId, UUID campaignId, UUID accountId, String campaignName, CampaignSanctions.Action action,
        CampaignSanctions.Refund refund, String reason, String actor, Instant at) {}
