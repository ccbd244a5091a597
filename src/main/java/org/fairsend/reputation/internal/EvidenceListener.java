package org.fairsend.reputation.internal;

import org.fairsend.inquiries.EvidenceRejected;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Issue 19: a rejected answer to an evidence request (seed 002 §1.2) counts as an incriminated campaign on the R-15
 * ladder. On the publication registry, after the decision commits, on a thread of its own: the deciding thread still
 * holds the decision's connection while its after-commit callbacks run, and the ladder's writes done there (the
 * campaign's suspension) kept their row locks until the request ended, while the listeners of that suspension waited on
 * them holding connections of their own (the pool of 8 in the tests drained for 30 s). The ladder suspends the campaign
 * first, then writes its step in a transaction of its own.
 */
@Component
class EvidenceListener {

    private final Ladder ladder;
    private final Tallies tallies;

    EvidenceListener(Ladder ladder, Tallies tallies) {
        this.ladder = ladder;
        this.tallies = tallies;
    }

    @org.springframework.scheduling.annotation.Async
    @TransactionalEventListener
    void rejected(EvidenceRejected e) {
        if (e.campaignId() == null) return; // a complaint without a campaign: nothing the ladder can count (shown on the request)
        Tallies.Tally t = tallies.campaign(e.campaignId(), e.channel(), e.accountId());
        t.incriminated = true; // the breaker does not judge it again
        ladder.incriminateForRejectedEvidence(e.accountId(), e.campaignId(), e.channel(), t.totals(), e.requestId(), e.decidedBy(), e.reason(), e.at());
    }
}
