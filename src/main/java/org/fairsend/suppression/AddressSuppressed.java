package org.fairsend.suppression;

import java.util.UUID;
import org.fairsend.platform.Channel;

/** Published when an address is put on the suppression list; {@code accountId} is null for platform-wide. */
public record AddressSuppressed(UUID accountId, Channel channel, String addressHash, SuppressionReason reason) {}
