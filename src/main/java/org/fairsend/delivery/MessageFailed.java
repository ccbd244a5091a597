package org.fairsend.delivery;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * A message failed at the transport: {@code permanent} for a 5xx or equivalent (a bounce recorded at
 * once), otherwise it gave up after its retries. Carries the peer's reply and code, or {@link #RENDER} when it
 * failed before the wire.
 */
public record MessageFailed(long messageId, UUID accountId, UUID campaignId, Channel channel, String recipient,
        String recipientHash, boolean permanent, String code, String reply, Instant at) {

    /** The {@code code} of a message that failed before the wire, when it was rendered (no peer answered). */
    public static final String RENDER = "render";

    /** Whether it failed at its rendering rather than at the transport. */
    public boolean atRender() {
        return RENDER.equals(code);
    }
}
