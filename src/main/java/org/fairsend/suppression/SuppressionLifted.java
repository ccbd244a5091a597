package org.fairsend.suppression;

import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * Published when a suppression entry is lifted (issue 15), inside the lifting transaction, so the last-mile gate of
 * this node forgets what it remembered of the entry; {@code accountId} is null for a platform-wide entry.
 */
public record SuppressionLifted(UUID accountId, Channel channel, String addressHash, SuppressionReason reason) {}
