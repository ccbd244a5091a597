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
import org.fairsend.reputation.ReputationViews.LineKind;
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
 * penalty; 4th, the account terminated plus the highest penalty and months of subscription. A step's penalty counts
 * the spamtraps of every incriminated campaign of the step, not only the last one's ({@link #penalty}, issue 19). Every
 * step is an audit row citing the policy version; the operator reverses one with a reason, and terminates or
 * reinstates an account by hand.
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
                if (store.terminationInForce(accountId).isPresent()) {
                    // terminated already (a late crossing of one of its campaigns): neither a second charge nor a second termination
                    consequences.add("your account was already terminated");
                } else {
                    String why = "R-15: 4th incriminated campaign (incident " + id + "): the contract is terminated";
                    consequences.addAll(terminateNow(account, campaignId, incident, SYSTEM, why, ps, today, now));
                    terminated = true;
                }
            }
        }
        ReputationStore.Incident saved = store.incident(id).orElseThrow();
        return new Step(saved, consequences, channelSuspended, terminated);
    }

    /**
     * R-15 (seed 002 §2.4: "per spamtrap observed on the incriminated campaign(s)"): reaching a rung charges its
     * per-spamtrap penalty on the spamtraps of every incriminated campaign that makes up the step (the account's standing
     * incidents up to this one), not only on the last campaign's. A campaign already charged at this rung (a step
     * reached again after a reversal) is charged only for the spamtraps not yet charged at it, net of credits; one line
     * per campaign, each naming it.
     */
    private String penalty(UUID accountId, UUID campaignId, Long incident, int rung, long traps, long unitCents, String currency,
            LocalDate today, PolicySnapshot ps, Instant now) {
        String ordinal = ordinal(rung);
        List<ReputationStore.Incident> step = store.stepOf(accountId, incident);
        long total = 0;
        List<Map<String, Object>> charged = new ArrayList<>();
        for (ReputationStore.Incident i : step) {
            long observed = i.campaignId().equals(campaignId) ? Math.max(traps, i.spamtraps()) : i.spamtraps();
            long due = observed - store.chargedAt(i.campaignId(), rung);
            if (due <= 0) continue;
            String which = i.campaignId().equals(campaignId) ? "this campaign" : "campaign " + i.campaignId() + " (incident " + i.id() + ")";
            store.addLine(accountId, i.campaignId(), incident, "R-15", LineKind.PENALTY, "R-15 " + ordinal + " incriminated campaign (step of incident "
                    + incident + "): " + due + " spamtrap(s) observed on " + which, due, unitCents, currency, today, null, now);
            total += due;
            charged.add(Map.of("campaignId", i.campaignId().toString(), "incidentId", i.id(), "quantity", due));
        }
        if (total == 0) {
            store.audit(accountId, campaignId, incident, AuditAction.PENALTY, SYSTEM, "R-15: " + ordinal + " incriminated campaign, no spamtrap"
                    + " observed on the " + step.size() + " incriminated campaign(s) of the step: no per-spamtrap penalty",
                    JSON.writeValueAsString(Map.of("quantity", 0, "unitCents", unitCents, "campaigns", step.size())), ps.version(), now);
            return "no spamtrap was observed on the incriminated campaigns of this step: no per-spamtrap penalty (" + money(unitCents, currency) + " each)";
        }
        store.audit(accountId, campaignId, incident, AuditAction.PENALTY, SYSTEM, "R-15: " + ordinal + " incriminated campaign, " + total
                + " spamtrap(s) observed on the " + charged.size() + " incriminated campaign(s) of the step charged",
                JSON.writeValueAsString(Map.of("quantity", total, "unitCents", unitCents, "amountCents", total * unitCents, "currency", currency,
                        "campaigns", charged)), ps.version(), now);
        return "a penalty of " + money(total * unitCents, currency) + " excl. tax (" + total + " spamtrap(s) observed on the "
                + charged.size() + " incriminated campaign(s) of this step x " + money(unitCents, currency) + ")";
    }

    private static String ordinal(int rung) {
        return rung == 2 ? "2nd" : rung == 3 ? "3rd" : "4th";
    }

    /**
     * The contract ends now (R-15, seed 002 §2.4): the termination charge, {@code terminationSubscriptionMonths} months of
     * the account's subscription, is booked (kind {@code termination}), the termination recorded with its date (the
     * subscription is billed to it), the account terminated, all audited. Runs inside the caller's transaction.
     */
    private List<String> terminateNow(Account account, UUID campaignId, Long incident, String actor, String why, PolicySnapshot ps,
            LocalDate today, Instant now) {
        List<String> consequences = new ArrayList<>();
        int months = ps.policy().reputation().ladder().terminationSubscriptionMonths();
        Long chargeLine = null;
        if (months > 0 && account.subscriptionFeeCents() > 0) {
            chargeLine = store.addLine(account.id(), campaignId, incident, "R-15", LineKind.TERMINATION, "R-15 termination of the contract: "
                    + months + " months of subscription", months, account.subscriptionFeeCents(), account.currency(), today, null, now);
            store.audit(account.id(), campaignId, incident, AuditAction.PENALTY, actor, "R-15: " + months + " months of subscription",
                    JSON.writeValueAsString(Map.of("quantity", months, "unitCents", account.subscriptionFeeCents(),
                            "amountCents", months * account.subscriptionFeeCents(), "currency", account.currency())), ps.version(), now);
            consequences.add(months + " months of subscription: " + money(months * account.subscriptionFeeCents(), account.currency()));
        }
        store.insertTermination(account.id(), incident, now, actor, why, ps.version(), chargeLine);
        sanctions.terminate(account.id(), why);
        store.audit(account.id(), campaignId, incident, AuditAction.ACCOUNT_TERMINATED, actor, why, null, ps.version(), now);
        consequences.add("your account is terminated: it can no longer send");
        return consequences;
    }

    /**
     * A spamtrap hit of a campaign already incriminated (a message that was on the wire when the decision fell): it is
     * observed too. It counts on the campaign's incident and is billed in every standing step that counts the campaign
     * (its own and the later ones, from the 2nd rung), at each step's rate, once per rung.
     */
    void lateSpamtrap(UUID campaignId) {
        ReputationStore.Incident found = store.incidentOf(campaignId).orElse(null);
        if (found == null || found.status() != IncidentStatus.STANDING) return;
        Instant now = clock.instant();
        synchronized (accountLocks.computeIfAbsent(found.accountId(), a -> new Object())) {
        tx.executeWithoutResult(s -> {
            store.addSpamtrap(found.id());
            ReputationStore.Incident i = store.incident(found.id()).orElseThrow();
            Map<Integer, ReputationStore.Incident> steps = new java.util.TreeMap<>();
            for (ReputationStore.Incident j : store.standingFrom(i.accountId(), i.id())) {
                if (j.rung() >= 2) steps.put(j.rung(), j); // the latest step of each rung
            }
            for (ReputationStore.Incident j : steps.values()) {
                PolicySnapshot ps = policies.version(j.policyVersion()).orElse(policies.current());
                ReputationPolicy.Ladder l = ps.policy().reputation().ladder();
                long unit = switch (j.rung()) {
                    case 2 -> l.secondPerSpamtrapCents();
                    case 3 -> l.thirdPerSpamtrapCents();
                    default -> l.fourthPerSpamtrapCents();
                };
                long due = i.spamtraps() - store.chargedAt(campaignId, j.rung());
                if (due <= 0) continue;
                store.addLine(i.accountId(), campaignId, j.id(), "R-15", LineKind.PENALTY, "R-15 spamtrap observed after the decision on campaign "
                        + campaignId + " (" + ordinal(j.rung()) + " step, incident " + j.id() + ")", due, unit, l.currency(), time.dayOf(now), null, now);
                store.audit(i.accountId(), campaignId, j.id(), AuditAction.PENALTY, SYSTEM, "R-15: a further spamtrap observed in the incriminated"
                        + " campaign, counted in the " + ordinal(j.rung()) + " step", JSON.writeValueAsString(Map.of("quantity", due, "unitCents", unit)),
                        ps.version(), now);
            }
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
     * The operator reverses a step: its penalties are credited (negative lines), and so are the penalties later steps
     * charged on its campaign's spamtraps (the campaign no longer counts as incriminated); a channel suspension or a
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
                List<ReputationStore.LedgerLine> credit = new ArrayList<>(store.linesOf(incidentId));
                for (ReputationStore.LedgerLine line : store.penaltiesOfCampaign(i.campaignId())) {
                    if (!Long.valueOf(incidentId).equals(line.incidentId())) credit.add(line);
                }
                long credited = 0;
                for (ReputationStore.LedgerLine line : credit) {
                    if (line.amountCents() <= 0 || line.reversesId() != null || store.isReversed(line.id())) continue;
                    credited += credit(line, "reversal of line " + line.id() + ": " + reason, now);
                }
                if (i.rung() == 3) sanctions.reinstateChannel(i.accountId(), i.channel(), "R-15 step reversed: " + reason);
                var termination = store.terminationInForce(i.accountId()).filter(t -> Long.valueOf(incidentId).equals(t.incidentId()));
                if (termination.isPresent()) {
                    store.reverseTermination(termination.get().id(), actor, reason, now);
                    sanctions.reinstate(i.accountId(), "R-15 step reversed: " + reason);
                }
                store.audit(i.accountId(), i.campaignId(), incidentId, AuditAction.REVERSED, actor, reason,
                        JSON.writeValueAsString(Map.of("rung", i.rung(), "credited", -credited)), ps.version(), now);
            });
        }
        return store.incident(incidentId).orElseThrow();
    }

    /** A credit: the negative of {@code line}, booked today, naming it; answers the amount credited (positive). */
    private long credit(ReputationStore.LedgerLine line, String description, Instant now) {
        store.addLine(line.accountId(), line.campaignId(), line.incidentId(), line.rule(), line.kind(), description, -line.quantity(),
                line.unitCents(), line.currency(), time.dayOf(now), line.id(), now);
        return line.amountCents();
    }

    /**
     * The operator terminates the account's contract with a reason: the termination charge is booked, every
     * campaign still sending is suspended; 409 when it is terminated already.
     */
    ReputationStore.Termination terminate(UUID accountId, String actor, String reason) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "R-15", "say why the contract is terminated");
        Account account = accounts.get(accountId);
        PolicySnapshot ps = policies.current();
        Instant now = clock.instant();
        String why = "R-15: the contract is terminated by the operator: " + reason.strip();
        List<String> consequences = new ArrayList<>();
        synchronized (accountLocks.computeIfAbsent(accountId, a -> new Object())) {
            tx.executeWithoutResult(s -> {
                if (account.status() == Account.Status.TERMINATED || store.terminationInForce(accountId).isPresent()) {
                    throw new RuleViolation(409, "status", "R-15", "the account is terminated already");
                }
                consequences.addAll(terminateNow(account, null, null, actor, why, ps, time.dayOf(now), now));
            });
        }
        contractNotice(account, "[Fairsend] Your contract is terminated", "Hello,\n\nFairsend has terminated your contract (R-15 of the sending"
                + " conditions).\n\nReason: " + reason.strip() + "\n\n- " + String.join("\n- ", consequences)
                + "\n\nYour subscription is billed up to today; your monthly statement shows the charges (API: /api/billing/statements).\n");
        for (Campaign c : campaigns.list(accountId, 10_000)) {
            if (c.status() != Campaign.Status.SENDING && c.status() != Campaign.Status.PAUSED) continue;
            deliveries.halt(c.id());
            suspend(c.id(), why);
        }
        return store.terminationInForce(accountId).orElseThrow();
    }

    /**
     * The operator reinstates a terminated account with a reason: a termination by the ladder's 4th step is the reversal
     * of that step ({@link #reverse}); one by the operator ends, its charge credited. 409 when it is not terminated.
     */
    ReputationStore.Termination reinstate(UUID accountId, String actor, String reason) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "R-15", "say why the account is reinstated");
        accounts.get(accountId);
        ReputationStore.Termination t = store.terminationInForce(accountId)
                .orElseThrow(() -> new RuleViolation(409, "status", "R-15", "the account is not terminated"));
        if (t.incidentId() != null) {
            reverse(t.incidentId(), actor, reason);
        } else {
            PolicySnapshot ps = policies.current();
            Instant now = clock.instant();
            synchronized (accountLocks.computeIfAbsent(accountId, a -> new Object())) {
                tx.executeWithoutResult(s -> {
                    store.reverseTermination(t.id(), actor, reason.strip(), now);
                    long credited = 0;
                    if (t.chargeLineId() != null) {
                        var line = store.line(t.chargeLineId()).orElseThrow();
                        if (!store.isReversed(line.id())) credited = credit(line, "reversal of line " + line.id() + ": " + reason.strip(), now);
                    }
                    sanctions.reinstate(accountId, "R-15 termination reversed: " + reason.strip());
                    store.audit(accountId, null, null, AuditAction.ACCOUNT_REINSTATED, actor, reason.strip(),
                            JSON.writeValueAsString(Map.of("termination", t.id(), "credited", -credited)), ps.version(), now);
                });
            }
            contractNotice(accounts.get(accountId), "[Fairsend] Your account is reinstated", "Hello,\n\nFairsend has reinstated your account:"
                    + " it may send again.\n\nReason: " + reason.strip() + "\n\nThe termination charge is credited on your monthly statement"
                    + " (API: /api/billing/statements).\n");
        }
        return store.terminations(accountId).stream().filter(x -> x.id() == t.id()).findFirst().orElseThrow();
    }

    /** A notice about the contract to the account's contact address, through the platform's mail; audited either way. */
    private void contractNotice(Account account, String subject, String body) {
        try {
            String error = notifier.send(new Notifier.Notice(account.contactEmail(), subject, body));
            store.audit(account.id(), null, null, error == null ? AuditAction.NOTIFIED : AuditAction.NOTICE_FAILED, SYSTEM,
                    "R-15: " + subject + " to " + account.contactEmail(), JSON.writeValueAsString(error == null
                            ? Map.of("to", account.contactEmail(), "subject", subject)
                            : Map.of("to", account.contactEmail(), "subject", subject, "error", error)), policies.current().version(), clock.instant());
        } catch (RuntimeException e) {
            log.error("contract notice to account {} failed", account.id(), e);
        }
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
