package org.fairsend.inquiries;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The operator rejected an account's answer to an evidence request (seed 002 §1.2): the campaign of the complaint
 * counts as incriminated on the R-15 ladder. Published inside the decision's transaction; {@code campaignId} is null
 * when the complaint named no campaign.
 */
public record EvidenceRejected(long requestId, long complaintId, UUID accountId, UUID campaignId, Channel channel, String reason,
        String decidedBy, Instant at) {}
