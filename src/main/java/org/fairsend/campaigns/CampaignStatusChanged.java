package org.fairsend.campaigns;

import java.util.UUID;

/** A campaign moved from one status ({@code from} null: just created) to another, by whom and why. */
public record CampaignStatusChanged(UUID campaignId, UUID accountId, Campaign.Status from, Campaign.Status to, String actor, String reason) {}
