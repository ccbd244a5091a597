package org.fairsend.reputation.internal;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.delivery.MessageBlocked;
import org.fairsend.delivery.MessageFailed;
import org.fairsend.delivery.MessageSent;
import org.fairsend.feedback.BounceRecorded;
import org.fairsend.feedback.ComplaintRecorded;
import org.fairsend.feedback.EngagementRecorded;
import org.fairsend.feedback.SpamtrapHit;
import org.fairsend.feedback.UnjustifiedUseReported;
import org.fairsend.feedback.UnsubscribeRecorded;
import org.fairsend.platform.Channel;
import org.fairsend.policy.PolicyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The indicators, updated from the events as they happen. Delivery's events are counted on the sending worker
 * right after its batch committed; feedback's once their recording transaction committed (on the thread that
 * recorded them: the inbound SMTP session, the webhook, the unsubscribe request). Each adds to the tallies in
 * memory and asks the circuit breaker at once, so a crossing suspends the campaign before that thread does
 * anything else; the account's day on the channel is judged too ({@link AccountBreaker}, R-14 account level). The mapping of an event to counters is the one {@link Reconciler} applies to the send log and
 * the feedback records.
 */
@Component
class IndicatorListener {

    private static final Logger log = LoggerFactory.getLogger(IndicatorListener.class);

    private final Tallies tallies;
    private final PolicyService policies;
    private final Ladder ladder;
    private final CampaignService campaigns;
    private final AccountBreaker accountBreaker;

    private final io.micrometer.core.instrument.Timer timer;

    IndicatorListener(Tallies tallies, PolicyService policies, Ladder ladder, CampaignService campaigns, AccountBreaker accountBreaker,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.accountBreaker = accountBreaker;
        this.timer = io.micrometer.core.instrument.Timer.builder("fairsend.reputation.event")
                .description("counting one event into the live indicators and asking the circuit breaker").register(meters);
        this.tallies = tallies;
        this.policies = policies;
        this.ladder = ladder;
        this.campaigns = campaigns;
    }

    // Delivery's events are published inside the batch's transaction, one per message: they are counted once it
    // commits, on the sending worker, without a row in the publication registry (an indicator is recomputable from
    // the send log by the reconciliation, so a count lost to a crash is not a record lost; docs/ARCHITECTURE.md).

    @EventListener
    void sent(MessageSent e) {
        afterCommit(() -> count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, Counter.SENT, Counter.ATTEMPTED));
    }

    @EventListener
    void blocked(MessageBlocked e) {
        afterCommit(() -> {
            if (Mapping.blockade(e.reason())) count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, Counter.ATTEMPTED, Counter.BLOCKED);
            else count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, Counter.ATTEMPTED);
        });
    }

    @EventListener
    void failed(MessageFailed e) {
        afterCommit(() -> {
            if (e.atRender()) count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, Counter.ATTEMPTED);
            else if (e.permanent()) count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, Counter.ATTEMPTED, Counter.SENT, Counter.BLOCKED);
            else count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, Counter.ATTEMPTED, Counter.SENT);
        });
    }

    /** Runs once the publishing transaction commits (at once without one); nothing if it rolls back. */
    private static void afterCommit(Runnable r) {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            r.run();
            return;
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        // where Spring runs an after-commit event listener
                        if (status == STATUS_COMMITTED) r.run();
                    }
                });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void bounced(BounceRecorded e) {
        boolean filtered = Mapping.filtered(policies.current().policy().reputation(), e.reason(), e.source());
        Counter kind = e.kind() == org.fairsend.feedback.BounceKind.HARD ? Counter.HARD : Counter.SOFT;
        if (filtered) count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, kind, Counter.BLOCKED);
        else count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, kind);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void complained(ComplaintRecorded e) {
        count(e.accountId(), e.campaignId(), e.channel(), e.at(), true, Counter.COMPLAINTS);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void unjustified(UnjustifiedUseReported e) {
        Channel ch = e.campaignId() == null ? Channel.EMAIL
                : campaigns.find(e.campaignId()).map(c -> c.channel()).orElse(Channel.EMAIL);
        count(e.accountId(), e.campaignId(), ch, e.at(), false, Counter.UNJUSTIFIED);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void unsubscribed(UnsubscribeRecorded e) {
        count(e.accountId(), e.campaignId(), e.channel(), e.at(), false, Counter.UNSUBSCRIBES);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void engaged(EngagementRecorded e) {
        if (!e.counted()) return;
        Counter c = switch (e.type()) {
            case CLICK -> Counter.CLICKS;
            case OPEN -> Counter.OPENS;
        };
        count(e.accountId(), e.campaignId(), Channel.EMAIL, e.at(), false, c);
    }

    /** The operator resumed an incriminated campaign: the breaker watches it again, from this moment's counters. */
    @TransactionalEventListener(fallbackExecution = true)
    void resumed(org.fairsend.campaigns.CampaignStatusChanged e) {
        if (e.from() != org.fairsend.campaigns.Campaign.Status.SUSPENDED || e.to() != org.fairsend.campaigns.Campaign.Status.SENDING) return;
        campaigns.find(e.campaignId()).ifPresent(c -> {
            Tallies.Tally t = tallies.campaign(c.id(), c.channel(), c.accountId());
            if (t.incriminated) t.rearm();
        });
    }

    @TransactionalEventListener(fallbackExecution = true)
    void spamtrap(SpamtrapHit e) {
        boolean already = e.campaignId() != null && isIncriminated(e.campaignId(), e.accountId());
        count(e.accountId(), e.campaignId(), Channel.EMAIL, e.at(), false, Counter.SPAMTRAPS);
        if (already) ladder.lateSpamtrap(e.campaignId());
    }

    private boolean isIncriminated(UUID campaignId, UUID accountId) {
        Tallies.Tally t = tallies.campaign(campaignId, Channel.EMAIL, accountId);
        return t.incriminated || t.rearmed;
    }

    private void count(UUID accountId, UUID campaignId, Channel channel, Instant at, boolean complaint, Counter... counters) {
        long t0 = System.nanoTime();
        try {
            tally(accountId, campaignId, channel, at, complaint, counters);
        } finally {
            timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void tally(UUID accountId, UUID campaignId, Channel channel, Instant at, boolean complaint, Counter... counters) {
        java.time.LocalDate on = tallies.dayOf(at);
        Tallies.Tally day = tallies.day(accountId, on, channel);
        for (Counter c : counters) day.add(c, 1);
        if (campaignId != null) judgeCampaign(accountId, campaignId, channel, on, day, at, complaint, counters);
        // R-14 at the account level: every message of the day counts, small campaigns and transactional ones too
        accountBreaker.check(accountId, on, channel);
    }

    private void judgeCampaign(UUID accountId, UUID campaignId, Channel channel, java.time.LocalDate on, Tallies.Tally day, Instant at,
            boolean complaint, Counter... counters) {
        Tallies.Tally campaign = tallies.campaign(campaignId, channel, accountId);
        for (Counter c : counters) campaign.add(c, 1);
        if (campaign.incriminated) return;
        var crossing = Breaker.check(policies.current().policy().reputation(), campaign.sinceBaseline(), day.totals(), complaint);
        if (crossing.isEmpty()) return;
        synchronized (campaign) {
            if (campaign.incriminated) return;
            campaign.incriminated = true;
        }
        try {
            if (campaign.rearmed) {
                ladder.suspendAgain(accountId, campaignId, crossing.get(), at);
            } else {
                // its traffic is judged by its own incident, not again at the account level
                accountBreaker.incriminated(accountId, on, channel, campaignId);
                ladder.incriminate(accountId, campaignId, channel, crossing.get(), campaign.totals(), at);
            }
        } catch (RuntimeException ex) {
            log.error("could not act on campaign {} crossing {}", campaignId, crossing.get().describe(), ex);
        }
    }
}
