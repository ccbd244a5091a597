package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;

/** The operator recorded a complaint of unjustified use (the recipient says they never opted in) against a campaign. */
public record UnjustifiedUseReported(long complaintId, Long messageId, UUID accountId, UUID campaignId, String recipientHash, String note, String reportedBy, Instant at) {}
