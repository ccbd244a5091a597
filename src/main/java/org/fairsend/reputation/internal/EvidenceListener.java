package org.fairsend.reputation.internal;

import org.fairsend.inquiries.EvidenceRejected;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Issue 19: a rejected answer to an evidence request (seed 002 §1.2) counts as an incriminated campaign on the R-15
 * ladder. On the publication registry, after the decision commits, on the deciding thread and outside its transaction
 * like the breaker's own crossings ({@link IndicatorListener}): the ladder suspends the campaign first, then writes
 * its step in a transaction of its own.
 */
@Component
class EvidenceListener {

    private final Ladder ladder;
    private final Tallies tallies;

    EvidenceListener(Ladder ladder, Tallies tallies) {
        this.ladder = ladder;
        this.tallies = tallies;
    }

    @TransactionalEventListener
    void rejected(EvidenceRejected e) {
        if (e.campaignId() == null) return; // a complaint without a campaign: nothing the ladder can count (shown on the request)
        Tallies.Tally t = tallies.campaign(e.campaignId(), e.channel(), e.accountId());
        t.incriminated = true; // the breaker does not judge it again
        ladder.incriminateForRejectedEvidence(e.accountId(), e.campaignId(), e.channel(), t.totals(), e.requestId(), e.decidedBy(), e.reason(), e.at());
    }
}
