package org.fairsend.reputation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.AccountDirectory.ChannelState;
import org.fairsend.accounts.AccountSanctions;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.fairsend.policy.PolicyTime;
import org.fairsend.policy.ReputationPolicy;
import org.fairsend.reputation.ReputationViews.AuditAction;
import org.fairsend.reputation.ReputationViews.IncidentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The circuit breaker's decision and the sanctions ladder. The campaign is suspended first, on the
 * caller's thread, before anything is written: the delivery run is paused in memory, so the last-mile gate
 * releases every message that reaches it afterwards. Then, in one transaction, the incident and the ladder step:
 * 1st, the notice; 2nd, a penalty per spamtrap observed; 3rd, the channel suspended for months plus a higher
 * penalty; 4th, the account terminated plus the highest penalty and months of subscription. Every step is an
 * audit row citing the policy version; the operator reverses one with a reason.
 */
@Service
class Ladder {

    static final String SYSTEM = "reputation";
    private static final Logger log = LoggerFactory.getLogger(Ladder.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReputationStore store;
    private final org.fairsend.delivery.Deliveries deliveries;
    private final CampaignService campaigns;
    private final AccountDirectory accounts;
    private final AccountSanctions sanctions;
    private final PolicyService policies;
    private final Notifier notifier;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<UUID, Object> accountLocks = new ConcurrentHashMap<>();

    private final PolicyTime time;

    Ladder(ReputationStore store, org.fairsend.delivery.Deliveries deliveries, CampaignService campaigns, AccountDirectory accounts, AccountSanctions sanctions,
            PolicyService policies, Notifier notifier, TransactionTemplate tx, Clock clock, PolicyTime time) {
        this.time = time;
        this.store = store;
        this.deliveries = deliveries;
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.sanctions = sanctions;
        this.policies = policies;
        this.notifier = notifier;
        this.tx = tx;
        this.clock = clock;
    }

    /** What one step did. */
    record Step(ReputationStore.Incident incident, List<String> consequences, boolean channelSuspended, boolean terminated) {}

    /** The campaign crossed {@code x}: suspend it now, then record the incident and apply the ladder's step. */
    void incriminate(UUID accountId, UUID campaignId, Channel channel, Breaker.Crossing x, Totals totals, Instant crossedAt) {
        PolicySnapshot ps = policies.current();
        String reason = "R-14: " + x.describe() + " (policy v" + ps.version() + ")";
        Instant decided = clock.instant();
        deliveries.halt(campaignId); // the gate stops the campaign now; the suspension below records it
        boolean suspended = suspend(campaignId, reason);
        Step step;
        synchronized (accountLocks.computeIfAbsent(accountId, a -> new Object())) {
            try {
                step = tx.execute(s -> apply(accountId, campaignId, channel, x, totals, ps, suspended, reason, crossedAt, decided));
            } catch (DuplicateKeyException another) {
                log.info("campaign {} was already incriminated (by another node)", campaignId);
                return;
            }
        }
        log.warn("campaign {} of account {} incriminated (rung {}): {}", campaignId, accountId, step.incident().rung(), reason);
        if (step.channelSuspended() || step.terminated()) {
            // nothing else of the account leaves on the suspended channel (or at all) either
            for (Campaign c : campaigns.list(accountId, 10_000)) {
                if (c.id().equals(campaignId)) continue;
                if (c.status() != Campaign.Status.SENDING && c.status() != Campaign.Status.PAUSED) continue;
                if (!step.terminated() && c.channel() != channel) continue;
                suspend(c.id(), "R-15: " + (step.terminated() ? "the account is terminated" : "the " + channel.code()
                        + " channel of the account is suspended") + " (incident " + step.incident().id() + ")");
            }
        }
        notify(accountId, campaignId, step, x, totals, ps);
    }

    /**
     * A campaign the operator resumed after its incident crossed a threshold again, measured since the resume: it is
     * suspended again (audited against the same incident); the ladder counts campaigns, so it does not climb.
     */
    void suspendAgain(UUID accountId, UUID campaignId, Breaker.Crossing x, Instant crossedAt) {
        PolicySnapshot ps = policies.current();
        String reason = "R-14: since the operator resumed it, " + x.describe() + " (policy v" + ps.version() + ")";
        deliveries.halt(campaignId);
        boolean suspended = suspend(campaignId, reason);
        Long incident = store.incidentOf(campaignId).map(ReputationStore.Incident::id).orElse(null);
        store.audit(accountId, campaignId, incident, suspended ? AuditAction.CAMPAIGN_SUSPENDED_AGAIN : AuditAction.CAMPAIGN_CROSSED_AGAIN, SYSTEM, reason,
                JSON.writeValueAsString(Map.of("indicator", x.indicator(), "value", x.value(), "threshold", x.threshold(),
                        "sample", x.sample(), "numerator", x.numerator(), "trigger", x.trigger(), "crossedAt", crossedAt.toString())),
                ps.version(), clock.instant());
        log.warn("campaign {} suspended again after its resume: {}", campaignId, reason);
    }

    private boolean suspend(UUID campaignId, String reason) {
        try {
            campaigns.suspend(campaignId, SYSTEM, reason);
        } catch (RuleViolation | NotFound e) {
            // finished or cancelled already: the campaign is incriminated all the same
        }
        return campaigns.find(campaignId).map(c -> c.status() == Campaign.Status.SUSPENDED).orElse(false);
    }

    private Step apply(UUID accountId, UUID campaignId, Channel channel, Breaker.Crossing x, Totals t, PolicySnapshot ps,
            boolean suspended, String reason, Instant crossedAt, Instant decided) {
        Instant now = clock.instant();
        ReputationPolicy.Ladder l = ps.policy().reputation().ladder();
        int rung = (int) Math.min(4, store.standingIncidents(accountId) + 1);
        long traps = t.spamtraps();
        long id = store.insertIncident(accountId, campaignId, channel, x, ps.version(), rung, traps, suspended, crossedAt, decided);
        Long incident = id;
        store.audit(accountId, campaignId, incident, suspended ? AuditAction.CAMPAIGN_SUSPENDED : AuditAction.CAMPAIGN_INCRIMINATED, SYSTEM, reason,
                JSON.writeValueAsString(Map.of("indicator", x.indicator(), "value", x.value(), "threshold", x.threshold(),
                        "sample", x.sample(), "numerator", x.numerator(), "trigger", x.trigger(), "totals", t.asMap())),
                ps.version(), now);
        List<String> consequences = new ArrayList<>();
        consequences.add(suspended ? "the campaign stays suspended until an operator resumes it" : "the campaign had already stopped sending");
        boolean channelSuspended = false, terminated = false;
        LocalDate today = time.dayOf(now);
        Account account = accounts.get(accountId);
        switch (rung) {
            case 1 -> consequences.add("this notice, with guidance to clean your list");
            case 2 -> consequences.add(penalty(accountId, campaignId, incident, rung, traps, l.secondPerSpamtrapCents(), l.currency(), today, ps, now));
            case 3 -> {
                consequences.add(penalty(accountId, campaignId, incident, rung, traps, l.thirdPerSpamtrapCents(), l.currency(), today, ps, now));
                Instant until = now.atZone(time.zone()).plusMonths(l.channelSuspensionMonths()).toInstant();
                String why = "R-15: 3rd incriminated campaign (incident " + id + "), " + channel.code() + " suspended until " + until;
                sanctions.suspendChannel(accountId, channel, until, why);
                store.audit(accountId, campaignId, incident, AuditAction.CHANNEL_SUSPENDED, SYSTEM, why,
                        JSON.writeValueAsString(Map.of("channel", channel.code(), "until", until.toString())), ps.version(), now);
                consequences.add("your " + channel.code() + " channel is suspended until " + until + " (" + l.channelSuspensionMonths() + " months)");
                channelSuspended = true;
            }
            default -> {
                consequences.add(penalty(accountId, campaignId, incident, rung, traps, l.fourthPerSpamtrapCents(), l.currency(), today, ps, now));
                int months = l.terminationSubscriptionMonths();
                if (months > 0 && account.subscriptionFeeCents() > 0) {
                    store.addLine(accountId, campaignId, incident, "R-15", "R-15 4th incriminated campaign: " + months
                            + " months of subscription", months, account.subscriptionFeeCents(), account.currency(), today, null, now);
                    store.audit(accountId, campaignId, incident, AuditAction.PENALTY, SYSTEM, "R-15: " + months + " months of subscription",
                            JSON.writeValueAsString(Map.of("quantity", months, "unitCents", account.subscriptionFeeCents(),
                                    "amountCents", months * account.subscriptionFeeCents(), "currency", account.currency())), ps.version(), now);
                    consequences.add(months + " months of subscription: " + money(months * account.subscriptionFeeCents(), account.currency()));
                }
                String why = "R-15: 4th incriminated campaign (incident " + id + "): the contract is terminated";
                sanctions.terminate(accountId, why);
                store.audit(accountId, campaignId, incident, AuditAction.ACCOUNT_TERMINATED, SYSTEM, why, null, ps.version(), now);
                consequences.add("your account is terminated: it can no longer send");
                terminated = true;
            }
        }
        ReputationStore.Incident saved = store.incident(id).orElseThrow();
        return new Step(saved, consequences, channelSuspended, terminated);
    }

    private String penalty(UUID accountId, UUID campaignId, Long incident, int rung, long traps, long unitCents, String currency,
            LocalDate today, PolicySnapshot ps, Instant now) {
        String ordinal = rung == 2 ? "2nd" : rung == 3 ? "3rd" : "4th";
        if (traps == 0) {
            store.audit(accountId, campaignId, incident, AuditAction.PENALTY, SYSTEM, "R-15: " + ordinal + " incriminated campaign, no spamtrap"
                    + " observed: no per-spamtrap penalty", JSON.writeValueAsString(Map.of("quantity", 0, "unitCents", unitCents)),
                    ps.version(), now);
            return "no spamtrap was observed in this campaign: no per-spamtrap penalty (" + money(unitCents, currency) + " each)";
        }
        store.addLine(accountId, campaignId, incident, "R-15", "R-15 " + ordinal + " incriminated campaign: " + traps
                + " spamtrap(s) observed", traps, unitCents, currency, today, null, now);
        store.audit(accountId, campaignId, incident, AuditAction.PENALTY, SYSTEM, "R-15: " + ordinal + " incriminated campaign, " + traps
                + " spamtrap(s) observed", JSON.writeValueAsString(Map.of("quantity", traps, "unitCents", unitCents,
                        "amountCents", traps * unitCents, "currency", currency)), ps.version(), now);
        return "a penalty of " + money(traps * unitCents, currency) + " excl. tax (" + traps + " spamtrap(s) x " + money(unitCents, currency) + ")";
    }

    /**
     * A spamtrap hit of a campaign already incriminated at the 2nd rung or above (a message that was on the wire
     * when the decision fell): it is observed too, so it is billed at the incident's rate.
     */
    void lateSpamtrap(UUID campaignId) {
        ReputationStore.Incident i = store.incidentOf(campaignId).orElse(null);
        if (i == null || i.status() != IncidentStatus.STANDING || i.rung() < 2) return;
        PolicySnapshot ps = policies.version(i.policyVersion()).orElse(policies.current());
        ReputationPolicy.Ladder l = ps.policy().reputation().ladder();
        long unit = switch (i.rung()) {
            case 2 -> l.secondPerSpamtrapCents();
            case 3 -> l.thirdPerSpamtrapCents();
            default -> l.fourthPerSpamtrapCents();
        };
        Instant now = clock.instant();
        synchronized (accountLocks.computeIfAbsent(i.accountId(), a -> new Object())) {
        tx.executeWithoutResult(s -> {
            store.addLine(i.accountId(), campaignId, i.id(), "R-15", "R-15 spamtrap observed after the decision (incident " + i.id() + ")",
                    1, unit, l.currency(), time.dayOf(now), null, now);
            store.audit(i.accountId(), campaignId, i.id(), AuditAction.PENALTY, SYSTEM, "R-15: a further spamtrap observed in the incriminated campaign",
                    JSON.writeValueAsString(Map.of("quantity", 1, "unitCents", unit)), ps.version(), now);
        });
        }
    }

    private void notify(UUID accountId, UUID campaignId, Step step, Breaker.Crossing x, Totals t, PolicySnapshot ps) {
        try {
            Account account = accounts.get(accountId);
            String name = campaigns.find(campaignId).map(Campaign::name).orElse(campaignId.toString());
            Instant since = clock.instant().atZone(time.zone()).minusMonths(ps.policy().hygiene().inactiveMonths()).toInstant();
            Notifier.Notice n = notifier.compose(account, name, step.incident(), x, t, step.consequences(), since);
            String error = notifier.send(n);
            store.audit(accountId, campaignId, step.incident().id(), error == null ? AuditAction.NOTIFIED : AuditAction.NOTICE_FAILED, SYSTEM,
                    "R-15: notice of incriminated campaign " + step.incident().rung() + " to " + n.to(),
                    JSON.writeValueAsString(error == null ? Map.of("to", n.to(), "subject", n.subject())
                            : Map.of("to", n.to(), "subject", n.subject(), "error", error)), ps.version(), clock.instant());
        } catch (RuntimeException e) {
            log.error("notice for incident {} failed", step.incident().id(), e);
        }
    }

    /**
     * The operator reverses a step: its penalties are credited (negative lines), a channel suspension or a
     * termination it caused is lifted, and the incident no longer counts on the ladder. The campaign stays
     * suspended: the operator resumes it through the campaigns API, with a reason.
     */
    ReputationStore.Incident reverse(long incidentId, String actor, String reason) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "R-15", "say why the step is reversed");
        ReputationStore.Incident i = store.incident(incidentId).orElseThrow(() -> new NotFound("incident"));
        if (i.status() != IncidentStatus.STANDING) throw new RuleViolation(409, "status", "R-15", "this step was already reversed");
        PolicySnapshot ps = policies.current();
        Instant now = clock.instant();
        synchronized (accountLocks.computeIfAbsent(i.accountId(), a -> new Object())) {
            tx.executeWithoutResult(s -> {
                store.markReversed(incidentId, actor, reason, now);
                for (ReputationStore.LedgerLine line : store.linesOf(incidentId)) {
                    if (line.amountCents() <= 0 || line.reversesId() != null) continue;
                    store.addLine(line.accountId(), line.campaignId(), incidentId, line.rule(), "reversal of line " + line.id() + ": " + reason,
                            -line.quantity(), line.unitCents(), line.currency(), time.dayOf(now), line.id(), now);
                }
                if (i.rung() == 3) sanctions.reinstateChannel(i.accountId(), i.channel(), "R-15 step reversed: " + reason);
                if (i.rung() >= 4) sanctions.reinstate(i.accountId(), "R-15 step reversed: " + reason);
                store.audit(i.accountId(), i.campaignId(), incidentId, AuditAction.REVERSED, actor, reason,
                        JSON.writeValueAsString(Map.of("rung", i.rung(), "credited", store.linesOf(incidentId).stream()
                                .filter(x -> x.reversesId() != null).mapToLong(ReputationStore.LedgerLine::amountCents).sum())),
                        ps.version(), now);
            });
        }
        return store.incident(incidentId).orElseThrow();
    }

    /**
     * The operator suspends a channel of the account until {@code until}, with a reason: the channel refuses
     * to send at once, and the account's campaigns sending on it are suspended; audited with who and why.
     */
    void suspendChannel(UUID accountId, Channel channel, Instant until, String actor, String reason) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "R-15", "say why the channel is suspended");
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now)) throw new RuleViolation("until", "R-15", "the suspension ends in the future");
        accounts.get(accountId);
        var status = accounts.channelStatus(accountId, channel);
        if (status.status() != ChannelState.ACTIVE) {
            throw new RuleViolation(409, "channel", "R-15", "the " + channel.code() + " channel is " + status.status().code() + ", not active");
        }
        PolicySnapshot ps = policies.current();
        String why = "R-15: " + channel.code() + " suspended by the operator until " + until + ": " + reason.strip();
        tx.executeWithoutResult(s -> {
            sanctions.suspendChannel(accountId, channel, until, why);
            store.audit(accountId, null, null, AuditAction.CHANNEL_SUSPENDED, actor, reason.strip(),
                    JSON.writeValueAsString(Map.of("channel", channel.code(), "until", until.toString())), ps.version(), now);
        });
        for (Campaign c : campaigns.list(accountId, 10_000)) {
            if (c.channel() != channel) continue;
            if (c.status() != Campaign.Status.SENDING && c.status() != Campaign.Status.PAUSED) continue;
            deliveries.halt(c.id());
            suspend(c.id(), why);
        }
    }

    /** The operator lifts a channel suspension before its end (the incidents stand). */
    void reinstateChannel(UUID accountId, Channel channel, String actor, String reason) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "R-15", "say why the channel may send again");
        accounts.get(accountId);
        var status = accounts.channelStatus(accountId, channel);
        if (status.status() != ChannelState.SUSPENDED) {
            throw new RuleViolation(409, "channel", "R-15", "the " + channel.code() + " channel is " + status.status().code() + ", not suspended");
        }
        PolicySnapshot ps = policies.current();
        tx.executeWithoutResult(s -> {
            sanctions.reinstateChannel(accountId, channel, reason);
            store.audit(accountId, null, null, AuditAction.CHANNEL_REINSTATED, actor, reason,
                    JSON.writeValueAsString(Map.of("channel", channel.code(), "wasUntil", String.valueOf(status.until()))), ps.version(),
                    clock.instant());
        });
    }

    /**
     * Issue 19 (seed 002 §1.2): the operator rejected the account's evidence of consent after a complaint, so the
     * complaint's campaign counts as incriminated through the same step as a crossing ({@link #incriminate}),
     * with the operator's reason audited beside it. A campaign already incriminated does not climb again (the ladder
     * counts campaigns): the rejection is audited on its incident.
     */
    void incriminateForRejectedEvidence(UUID accountId, UUID campaignId, Channel channel, Totals totals, long requestId, String actor,
            String reason, Instant at) {
        PolicySnapshot ps = policies.current();
        String why = "seed 002 §1.2: evidence request " + requestId + " rejected: " + reason;
        var before = store.incidentOf(campaignId);
        if (before.isEmpty()) incriminate(accountId, campaignId, channel, new Breaker.Crossing(org.fairsend.reputation.Indicator.EVIDENCE_REJECTED,
                1, 0, 1, 1, org.fairsend.reputation.ReputationViews.Trigger.COUNT, null), totals, at);
        Long incident = store.incidentOf(campaignId).map(ReputationStore.Incident::id).orElse(null);
        store.audit(accountId, campaignId, incident, AuditAction.CAMPAIGN_INCRIMINATED, actor, before.isEmpty() ? why
                : why + " (the campaign was already incriminated, incident " + before.get().id() + ": the ladder counts it once)",
                JSON.writeValueAsString(Map.of("evidenceRequest", requestId)), ps.version(), clock.instant());
    }

    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, Math.abs(cents % 100), currency);
    }
}
