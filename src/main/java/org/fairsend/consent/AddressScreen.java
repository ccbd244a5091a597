package org.fairsend.consent;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * Port (issue 15): what stands between a consent flow and an address, asked before a hosted form records anything
 * or a confirmation mail leaves. Declared here, implemented by the modules that know: {@code suppression} (the
 * account's and the platform's entries in force) and {@code feedback} (the platform's spamtraps).
 */
public interface AddressScreen {

    /** Why an address may not be written to. */
    enum Obstacle {
        /** The person unsubscribed: they may come back with new explicit consent, which lifts it. */
        UNSUBSCRIBED,
        /** A complaint, a bounce, an erasure, a manual or platform entry: no form lifts it, no mail goes. */
        SUPPRESSED,
        /** A known spamtrap, or an address that was one: no mail ever. */
        SPAMTRAP;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The obstacles to the account writing to the address on the channel; empty when there is none. */
    Set<Obstacle> obstacles(UUID accountId, Channel channel, String normalizedAddress);
}
