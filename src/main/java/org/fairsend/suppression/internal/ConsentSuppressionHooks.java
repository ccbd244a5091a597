package org.fairsend.suppression.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.fairsend.consent.AddressScreen;
import org.fairsend.consent.ConsentSuppressions;
import org.fairsend.platform.Channel;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.springframework.stereotype.Component;

/** The consent module's ports on the suppression list (issue 15): what stops a form, withdrawal, coming back. */
@Component
class ConsentSuppressionHooks implements ConsentSuppressions, AddressScreen {

    private final Suppressions suppressions;

    ConsentSuppressionHooks(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public Set<Obstacle> obstacles(UUID accountId, Channel channel, String normalizedAddress) {
        Set<Obstacle> out = EnumSet.noneOf(Obstacle.class);
        var reasons = suppressions.reasonsFor(accountId, channel, java.util.List.of(normalizedAddress)).get(normalizedAddress);
        if (reasons == null) return out;
        for (SuppressionReason r : reasons) {
            out.add(switch (r) {
                case UNSUBSCRIBED -> Obstacle.UNSUBSCRIBED;
                case SPAMTRAP -> Obstacle.SPAMTRAP;
                default -> Obstacle.SUPPRESSED;
            });
        }
        return out;
    }

    @Override
    public void withdrawn(UUID accountId, Channel channel, String normalizedAddress, String source) {
        suppressions.suppress(accountId, channel, normalizedAddress, SuppressionReason.UNSUBSCRIBED, source, "consent withdrawn");
    }

    @Override
    public int cameBack(UUID accountId, Channel channel, String normalizedAddress, String how) {
        return suppressions.liftUnsubscribe(accountId, channel, normalizedAddress, how,
                "new explicit consent from the person (" + how + ")");
    }
}
