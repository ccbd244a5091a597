package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;

/** An open or a click (type open or click); counted false when it came from a privacy proxy or a link scanner (flag says which). */
public record EngagementRecorded(long engagementId, long messageId, UUID accountId, UUID campaignId, UUID contactId, EngagementType type, boolean counted, String flag, Instant at) {}
