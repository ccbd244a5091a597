package org.fairsend.reputation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.reputation.ReputationViews;
import org.springframework.stereotype.Service;

/** {@link ReputationViews}: the reports and the ladder's operator actions, in the API's own records. */
@Service
class Views implements ReputationViews {

    private final Reports reports;
    private final Ladder ladder;
    private final ReputationStore store;

    private final AccountBreaker accountBreaker;

    Views(Reports reports, Ladder ladder, ReputationStore store, AccountBreaker accountBreaker) {
        this.accountBreaker = accountBreaker;
        this.reports = reports;
        this.ladder = ladder;
        this.store = store;
    }

    @Override
    public Status status(UUID accountId) {
        Reports.AccountStatus s = reports.status(accountId);
        return new Status(s.accountId(), s.legalName(), s.status(), s.channels().stream()
                .map(c -> new ChannelState(c.channel(), c.status(), c.until(), c.reason(), readings(c.indicators()),
                        new Marketing(c.marketing().paused(), c.marketing().since(), c.marketing().reason(), c.marketing().indicator(),
                                c.marketing().value(), c.marketing().threshold(), c.marketing().sample(), c.marketing().day()))).toList(),
                s.standingIncidents(), s.nextRung(), s.policyVersion());
    }

    @Override
    public List<Day> days(UUID accountId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) throw new RuleViolation("to", "range", "to is before from");
        if (from.plusDays(366).isBefore(to)) throw new RuleViolation("from", "range", "at most 366 days at once");
        return reports.days(accountId, from, to).stream().map(d -> new Day(d.day(), d.channel(), d.counters(), readings(d.indicators())))
                .toList();
    }

    @Override
    public Optional<Incident> incidentOf(UUID campaignId) {
        return store.incidentOf(campaignId).map(Views::incident);
    }

    @Override
    public Sanctions sanctions(UUID accountId) {
        Reports.Sanctions s = reports.sanctions(accountId);
        return new Sanctions(accountId, s.incidents().stream().map(Views::incident).toList(),
                s.audit().stream().map(a -> new AuditEntry(a.id(), a.campaignId(), a.incidentId(), a.action(), a.actor(), a.reason(),
                        a.detail(), a.policyVersion(), a.at())).toList(),
                s.ledger().stream().map(Views::line).toList(),
                s.balanceCents());
    }

    @Override
    public List<PenaltyLine> ledger(UUID accountId, LocalDate from, LocalDate to) {
        return store.lines(accountId, from, to).stream().map(Views::line).toList();
    }

    @Override
    public List<Termination> terminations(UUID accountId) {
        return store.terminations(accountId).stream().map(Views::termination).toList();
    }

    @Override
    public Termination terminate(UUID accountId, String actor, String reason) {
        return termination(ladder.terminate(accountId, actor, reason));
    }

    @Override
    public Termination reinstate(UUID accountId, String actor, String reason) {
        return termination(ladder.reinstate(accountId, actor, reason));
    }

    static PenaltyLine line(ReputationStore.LedgerLine l) {
        return new PenaltyLine(l.id(), l.campaignId(), l.incidentId(), l.rule(), l.description(), l.quantity(), l.unitCents(), l.amountCents(),
                l.currency(), l.bookedOn(), l.reversesId(), l.kind());
    }

    static Termination termination(ReputationStore.Termination t) {
        return new Termination(t.id(), t.incidentId(), t.terminatedAt(), t.terminatedBy(), t.reason(), t.reversedAt(), t.reversedBy(),
                t.reversalReason());
    }

    @Override
    public String ledgerCsv(UUID accountId) {
        reports.sanctions(accountId); // unknown account: not found
        return Reports.csv(store.lines(accountId, null, null));
    }

    @Override
    public List<Closest> closest(int limit) {
        return reports.closest(Math.max(1, Math.min(limit, 10_000))).stream().map(c -> new Closest(c.accountId(), c.legalName(), c.channel(),
                c.indicator(), c.indicator().label(), c.value(), c.threshold(), c.sample(), c.applies(), c.proximity())).toList();
    }

    @Override
    public Incident reverse(UUID accountId, long incidentId, String actor, String reason) {
        var i = store.incident(incidentId).filter(x -> x.accountId().equals(accountId)).orElseThrow(() -> new NotFound("incident"));
        return incident(ladder.reverse(i.id(), actor, reason));
    }

    @Override
    public void suspendChannel(UUID accountId, Channel channel, Instant until, String actor, String reason) {
        ladder.suspendChannel(accountId, channel, until, actor, reason);
    }

    @Override
    public void reinstateChannel(UUID accountId, Channel channel, String actor, String reason) {
        ladder.reinstateChannel(accountId, channel, actor, reason);
    }

    @Override
    public List<MarketingPause> marketingPauses(UUID accountId) {
        return accountBreaker.pauses(accountId).stream().map(Views::pause).toList();
    }

    @Override
    public MarketingPause resumeMarketing(UUID accountId, Channel channel, String actor, String reason) {
        return pause(accountBreaker.resume(accountId, channel, actor, reason));
    }

    static MarketingPause pause(AccountPauseStore.Pause p) {
        return new MarketingPause(p.id(), p.channel(), p.day(), p.indicator(), p.indicator().label(), p.indicator().rate(), p.value(),
                p.threshold(), p.sample(), p.numerator(), p.reason(), p.suspendedCampaigns(), p.pausedAt(), p.resumedAt(), p.resumedBy(),
                p.resumeReason());
    }

    private static List<Reading> readings(List<Breaker.Reading> rs) {
        return rs.stream().map(r -> new Reading(r.indicator(), r.indicator().label(), r.indicator().rate(), r.value(), r.threshold(),
                r.numerator(), r.sample(), r.applies(), r.crossed(), r.proximity())).toList();
    }

    private static Incident incident(ReputationStore.Incident i) {
        return new Incident(i.id(), i.accountId(), i.campaignId(), i.channel(), i.indicator(), i.indicator().label(), i.indicator().rate(),
                i.value(), i.threshold(), i.sample(), i.numerator(), i.trigger(), i.lowerBound(), i.policyVersion(), i.rung(), i.spamtraps(),
                i.campaignSuspended(), i.status(), i.crossedAt(), i.decidedAt(), i.reversedAt(), i.reversedBy(), i.reversalReason());
    }
}
