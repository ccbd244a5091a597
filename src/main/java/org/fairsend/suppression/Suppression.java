package org.fairsend.suppression;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * One suppression entry; {@code address} is null when only the hash is kept (erasure). A lifted entry (issue 15: the
 * person came back with new explicit consent, or the operator lifted a complaint or bounce with a reason) stays in
 * the history with {@code liftedAt}, {@code liftedBy} and {@code liftReason}, and no longer stops anything.
 */
public record Suppression(long id, UUID accountId, Channel channel, String addressHash, String address,
        SuppressionReason reason, String source, String detail, Instant createdAt, Instant liftedAt, String liftedBy,
        String liftReason) {

    /** Whether the entry still stops messages. */
    public boolean inForce() {
        return liftedAt == null;
    }
}
