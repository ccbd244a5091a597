package org.fairsend.feedback;

import java.time.Instant;
import java.util.UUID;

/** An open or a click (type open or click); counted false when a machine made it (a prefetching privacy proxy, a link scanner, R-8); flag names the signal that decided (a human open through Gmail's image proxy is counted and flagged google-image-proxy). */
public record EngagementRecorded(long engagementId, long messageId, UUID accountId, UUID campaignId, UUID contactId, EngagementType type, boolean counted, String flag, Instant at) {}
