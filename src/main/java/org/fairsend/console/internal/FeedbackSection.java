package org.fairsend.console.internal;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The feedback module in the operator's console: the inbound messages with what became of each (unverified
 * feedback-loop reports first: stored, shown, counted nothing) and the feedback-loop reporters whose reports count
 * (docs/ARCHITECTURE.md, "Trust boundaries"). Pages: {@link OperatorInboundPages}, {@link OperatorReporterPages}.
 */
@Component
class FeedbackSection implements ConsoleSection {

    @Override
    public List<NavLink> links(ConsoleUser user) {
        if (!user.operator()) return List.of();
        return List.of(new NavLink("Inbound", OperatorInboundPages.PATH, 32), new NavLink("FBL reporters", OperatorReporterPages.PATH, 34));
    }
}
