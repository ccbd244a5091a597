package org.fairsend.campaigns;

import java.util.UUID;

/** A campaign moved from one status to another, by whom and why. */
public record CampaignStatusChanged(UUID campaignId, UUID accountId, String from, String to, String actor, String reason) {}
