package org.fairsend.suppression;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/** One suppression entry; {@code address} is null when only the hash is kept (erasure). */
public record Suppression(long id, UUID accountId, Channel channel, String addressHash, String address,
        SuppressionReason reason, String source, String detail, Instant createdAt) {}
