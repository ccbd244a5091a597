package org.fairsend.contacts.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.springframework.stereotype.Component;

/** The contacts module's use of the suppression list: erasure leaves hashes; imports skip suppressed addresses. */
@Component
class SuppressionGate {

    private final Suppressions suppressions;

    private final org.fairsend.platform.Pseudonyms pseudonyms;

    SuppressionGate(Suppressions suppressions, org.fairsend.platform.Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.suppressions = suppressions;
    }

    /** A hash-only entry (no readable address), reason {@code erased} or {@code retention}. */
    void suppressErased(UUID accountId, Channel channel, String normalizedAddress, SuppressionReason reason) {
        suppressions.suppressHashed(accountId, channel, pseudonyms.address(normalizedAddress), reason, "contacts:" + reason.code());
    }

    /**
     * For each suppressed address among {@code normalizedAddresses} (for the account, on the channel), the
     * reason of the entry that matters most: erasure first (the person asked to be forgotten).
     */
    Map<String, SuppressionReason> reasons(UUID accountId, Channel channel, Collection<String> normalizedAddresses) {
        Map<String, SuppressionReason> out = new HashMap<>();
        suppressions.reasonsFor(accountId, channel, normalizedAddresses).forEach((address, reasons) -> {
            SuppressionReason best = null;
            for (SuppressionReason r : reasons) if (best == null || rank(r) < rank(best)) best = r;
            if (best != null) out.put(address, best);
        });
        return out;
    }

    private static int rank(SuppressionReason r) {
        return switch (r) {
            case ERASED -> 0;
            case RETENTION -> 1;
            default -> 2;
        };
    }

    static String describe(SuppressionReason r) {
        return switch (r) {
            case ERASED -> "suppressed: erased at the person's request";
            case RETENTION -> "suppressed: erased at the end of the retention period";
            case UNSUBSCRIBED -> "suppressed: the person unsubscribed";
            case HARD_BOUNCE, REPEATED_SOFT_BOUNCE -> "suppressed: the address bounced";
            case COMPLAINT -> "suppressed: the person complained";
            case SPAMTRAP -> "suppressed: spamtrap";
            default -> "suppressed: " + r.code();
        };
    }
}
