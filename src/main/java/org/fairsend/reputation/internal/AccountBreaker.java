package org.fairsend.reputation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.AccountSanctions;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.CampaignStatusChanged;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.fairsend.policy.PolicyTime;
import org.fairsend.reputation.ReputationViews.AuditAction;
import org.fairsend.reputation.ReputationViews.IncidentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * R-14 at the account level: the account's indicators over its policy day on one channel ({@link PolicyTime}), every
 * message of that day counted (marketing campaigns of any size, under the campaign breaker's samples too, and
 * transactional messages), judged against {@code reputation.account} of the policy ({@link Breaker#checkAccount}).
 * The traffic of the campaigns the campaign breaker already incriminated that day is left out (they are suspended,
 * explained and on the ladder already); after the operator resumes, the day is judged from that moment's counters.
 * <p>
 * A crossing pauses the account's marketing on the channel: the standing is recorded in accounts
 * ({@link AccountSanctions#pauseMarketing}, read by the preflight), its sending or paused marketing campaigns on the
 * channel are halted and suspended with the explanation (indicator, value, threshold, sample, day), a campaign that
 * starts or resumes later is suspended at once, the account gets a notice, and every step is audited. Transactional
 * messages keep flowing and keep counting. The operator resumes with a reason: the standing is lifted and the
 * campaigns the pause suspended resume (those with an incident of their own stay the operator's to resume).
 * A pause does not climb the sanctions ladder: R-15 counts incriminated campaigns (docs/RULES.md R-14).
 * <p>
 * Durable and recomputable: the day tallies are the campaign breaker's ({@link Tallies}, reconciled from the send
 * log), the pause is a row ({@code reputation_account_pause}) and a standing in accounts; a sweep every
 * {@code fairsend.reputation.account-sweep-interval} judges every account that sent today, so a crossing whose event
 * was counted on a node that died is acted on all the same.
 */
@Service
class AccountBreaker {

    private static final Logger log = LoggerFactory.getLogger(AccountBreaker.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record ChannelKey(UUID accountId, Channel channel) {}

    /** The day's campaigns already incriminated (left out) and the operator's last resume baseline on that day. */
    private record DayState(Set<UUID> judged, Totals baseline) {}

    private final Tallies tallies;
    private final ReputationStore store;
    private final AccountPauseStore pauses;
    private final AccountDirectory accounts;
    private final AccountSanctions sanctions;
    private final CampaignService campaigns;
    private final org.fairsend.delivery.Deliveries deliveries;
    private final PolicyService policies;
    private final PolicyTime time;
    private final Notifier notifier;
    private final TransactionTemplate tx;
    private final Clock clock;

    /** Whether marketing is paused, as last seen by this node (the accounts row decides; a stale true only skips a check). */
    private final Map<ChannelKey, Boolean> paused = new ConcurrentHashMap<>();
    private final Map<Tallies.DayKey, DayState> days = new ConcurrentHashMap<>();
    private final Map<UUID, Object> locks = new ConcurrentHashMap<>();

    AccountBreaker(Tallies tallies, ReputationStore store, AccountPauseStore pauses, AccountDirectory accounts, AccountSanctions sanctions,
            CampaignService campaigns, org.fairsend.delivery.Deliveries deliveries, PolicyService policies, PolicyTime time,
            Notifier notifier, TransactionTemplate tx, Clock clock) {
        this.tallies = tallies;
        this.store = store;
        this.pauses = pauses;
        this.accounts = accounts;
        this.sanctions = sanctions;
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.policies = policies;
        this.time = time;
        this.notifier = notifier;
        this.tx = tx;
        this.clock = clock;
    }

    /** An event was counted on the account's day: judge the day now (on the thread that counted it). */
    void check(UUID accountId, LocalDate day, Channel channel) {
        if (isPaused(accountId, channel)) return;
        if (!day.equals(time.dayOf(clock.instant()))) return; // a late event of an earlier day does not pause today's marketing
        var p = policies.current().policy().reputation();
        if (!p.account().enabled()) return;
        Totals judged = judged(accountId, day, channel);
        Optional<Breaker.Crossing> x = Breaker.checkAccount(p, judged);
        if (x.isEmpty()) return;
        try {
            pause(accountId, channel, day, x.get(), judged);
        } catch (RuntimeException e) {
            log.error("could not pause the {} marketing of account {} ({})", channel.code(), accountId, x.get().describe(), e);
        }
    }

    /** A campaign the campaign breaker incriminated: its traffic of the day is its own incident's, not the account's. */
    void incriminated(UUID accountId, LocalDate day, Channel channel, UUID campaignId) {
        state(accountId, day, channel).judged().add(campaignId);
    }

    /**
     * The counters of the account's day the account level judges: the day's tally, less the campaigns incriminated on
     * it (their whole tally, at most what the day holds), less the operator's resume baseline of that day.
     */
    Totals judged(UUID accountId, LocalDate day, Channel channel) {
        Totals t = tallies.day(accountId, day, channel).totals();
        DayState s = state(accountId, day, channel);
        long[] v = t.values().clone();
        for (UUID c : s.judged()) {
            Totals ct = tallies.campaign(c, channel, accountId).totals();
            for (int i = 0; i < v.length; i++) v[i] -= ct.values()[i];
        }
        for (int i = 0; i < v.length; i++) v[i] = Math.max(0, v[i] - s.baseline().values()[i]);
        return new Totals(v);
    }

    private DayState state(UUID accountId, LocalDate day, Channel channel) {
        return days.computeIfAbsent(new Tallies.DayKey(accountId, day, channel), k -> load(accountId, day, channel));
    }

    private DayState load(UUID accountId, LocalDate day, Channel channel) {
        Set<UUID> judged = ConcurrentHashMap.newKeySet();
        for (ReputationStore.Incident i : store.incidents(accountId)) {
            if (i.channel() == channel && time.dayOf(i.decidedAt()).equals(day)) judged.add(i.campaignId());
        }
        Totals baseline = pauses.lastResumedOn(accountId, channel, day).map(AccountPauseStore.Pause::baseline).orElse(Totals.ZERO);
        return new DayState(judged, baseline);
    }

    private boolean isPaused(UUID accountId, Channel channel) {
        return paused.computeIfAbsent(new ChannelKey(accountId, channel), k -> accounts.marketingPause(accountId, channel).isPresent());
    }

    /** The explanation, as a campaign's: which indicator, its value and threshold, on which sample and day. */
    String explain(Breaker.Crossing x, Channel channel, LocalDate day, int policyVersion) {
        return "R-14: over the account's " + channel.code() + " messages of " + day + " (" + time.zone().getId() + "), " + x.describe()
                + "; the account's " + channel.code() + " marketing is paused until an operator resumes it (policy v" + policyVersion + ")";
    }

    private void pause(UUID accountId, Channel channel, LocalDate day, Breaker.Crossing x, Totals judged) {
        PolicySnapshot ps = policies.current();
        String reason = explain(x, channel, day, ps.version());
        Instant now = clock.instant();
        Long id;
        synchronized (locks.computeIfAbsent(accountId, a -> new Object())) {
            try {
                id = tx.execute(s -> {
                    if (!sanctions.pauseMarketing(accountId, channel, reason)) return null; // another node paused it first
                    long pid = pauses.insert(accountId, channel, day, x, ps.version(), reason, now);
                    store.audit(accountId, null, null, AuditAction.MARKETING_PAUSED, Ladder.SYSTEM, reason,
                            JSON.writeValueAsString(Map.of("pause", pid, "channel", channel.code(), "day", day.toString(),
                                    "indicator", x.indicator(), "value", x.value(), "threshold", x.threshold(), "sample", x.sample(),
                                    "numerator", x.numerator(), "totals", judged.asMap())), ps.version(), now);
                    return pid;
                });
            } catch (DuplicateKeyException raced) {
                id = null;
            }
            paused.put(new ChannelKey(accountId, channel), true);
        }
        if (id == null) return;
        log.warn("{} marketing of account {} paused: {}", channel.code(), accountId, reason);
        List<String> names = new java.util.ArrayList<>();
        for (Campaign c : campaigns.list(accountId, 10_000)) {
            if (suspendIfMarketing(c, channel, id, reason)) names.add(c.name());
        }
        notify(accountId, channel, day, x, judged, names, id, ps);
    }

    /** Halts and suspends a sending or paused marketing campaign of the channel; true when it is suspended now. */
    private boolean suspendIfMarketing(Campaign c, Channel channel, long pauseId, String reason) {
        if (c.channel() != channel || c.kind() != Campaign.Kind.MARKETING) return false;
        if (c.status() != Campaign.Status.SENDING && c.status() != Campaign.Status.PAUSED) return false;
        deliveries.halt(c.id());
        try {
            campaigns.suspend(c.id(), Ladder.SYSTEM, reason);
        } catch (RuleViolation | NotFound e) {
            return false; // finished or cancelled meanwhile
        }
        boolean suspended = campaigns.find(c.id()).map(x -> x.status() == Campaign.Status.SUSPENDED).orElse(false);
        if (suspended) pauses.addSuspended(pauseId, c.id());
        return suspended;
    }

    /**
     * A marketing campaign that starts or resumes on a channel whose marketing is paused (it passed its preflight just
     * before the pause, or the operator resumed it alone): suspended at once with the pause's explanation.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void started(CampaignStatusChanged e) {
        if (e.to() != Campaign.Status.SENDING) return;
        Campaign c = campaigns.find(e.campaignId()).orElse(null);
        if (c == null || c.kind() != Campaign.Kind.MARKETING) return;
        var pause = accounts.marketingPause(c.accountId(), c.channel());
        if (pause.isEmpty()) return;
        long id = pauses.open(c.accountId(), c.channel()).map(AccountPauseStore.Pause::id).orElse(-1L);
        if (id < 0) return;
        suspendIfMarketing(c, c.channel(), id, pause.get().reason());
    }

    private void notify(UUID accountId, Channel channel, LocalDate day, Breaker.Crossing x, Totals judged, List<String> suspended, long pauseId,
            PolicySnapshot ps) {
        try {
            Account account = accounts.get(accountId);
            Instant since = clock.instant().atZone(time.zone()).minusMonths(ps.policy().hygiene().inactiveMonths()).toInstant();
            Notifier.Notice n = notifier.composeAccount(account, channel, day, time.zone().getId(), x, judged, suspended, since);
            String error = notifier.send(n);
            store.audit(accountId, null, null, error == null ? AuditAction.NOTIFIED : AuditAction.NOTICE_FAILED, Ladder.SYSTEM,
                    "R-14: notice of the " + channel.code() + " marketing pause to " + n.to(),
                    JSON.writeValueAsString(error == null ? Map.of("pause", pauseId, "to", n.to(), "subject", n.subject())
                            : Map.of("pause", pauseId, "to", n.to(), "subject", n.subject(), "error", error)), ps.version(), clock.instant());
        } catch (RuntimeException e) {
            log.error("notice of the marketing pause {} failed", pauseId, e);
        }
    }

    /**
     * The operator resumes the account's marketing on a channel, with a reason: the standing is lifted, the day is
     * judged from this moment's counters on, and the campaigns the pause suspended resume (unless an incident of their
     * own holds them). 409 when the channel's marketing is not paused.
     */
    AccountPauseStore.Pause resume(UUID accountId, Channel channel, String actor, String reason) {
        accounts.get(accountId);
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "R-14", "say why the account's marketing may resume");
        String why = reason.strip();
        PolicySnapshot ps = policies.current();
        Instant now = clock.instant();
        LocalDate today = time.dayOf(now);
        AccountPauseStore.Pause p;
        synchronized (locks.computeIfAbsent(accountId, a -> new Object())) {
            p = pauses.open(accountId, channel).orElse(null);
            boolean standing = accounts.marketingPause(accountId, channel).isPresent();
            if (p == null && !standing) {
                throw new RuleViolation(409, "channel", "R-14", "the account's " + channel.code() + " marketing is not paused");
            }
            DayState before = state(accountId, today, channel);
            Totals baseline = judged(accountId, today, channel).plus(before.baseline());
            AccountPauseStore.Pause open = p;
            tx.executeWithoutResult(s -> {
                sanctions.resumeMarketing(accountId, channel);
                if (open != null) pauses.resume(open.id(), actor, why, today, baseline, now);
                store.audit(accountId, null, null, AuditAction.MARKETING_RESUMED, actor, why,
                        JSON.writeValueAsString(Map.of("channel", channel.code(), "pause", open == null ? -1 : open.id(),
                                "baselineDay", today.toString(), "baseline", baseline.asMap())), ps.version(), now);
            });
            days.put(new Tallies.DayKey(accountId, today, channel), new DayState(before.judged(), baseline));
            paused.put(new ChannelKey(accountId, channel), false);
        }
        if (p != null) {
            for (UUID id : p.suspendedCampaigns()) {
                Campaign c = campaigns.find(id).orElse(null);
                if (c == null || c.status() != Campaign.Status.SUSPENDED) continue;
                if (store.incidentOf(id).filter(i -> i.status() == IncidentStatus.STANDING).isPresent()) continue;
                try {
                    campaigns.resumeSuspended(id, actor, "R-14: the account's " + channel.code() + " marketing resumed: " + why);
                } catch (RuleViolation | NotFound e) {
                    log.info("campaign {} not resumed with the account's marketing: {}", id, e.getMessage());
                }
            }
        }
        return pauses.of(accountId).stream().filter(x -> x.channel() == channel).reduce((a, b) -> b).orElseThrow();
    }

    List<AccountPauseStore.Pause> pauses(UUID accountId) {
        accounts.get(accountId);
        return pauses.of(accountId);
    }

    /**
     * Judges every account that sent today again (a crossing counted on a node that died, counters rewritten by the
     * reconciliation, incidents decided on another node); forgets the days that ended. Runs on every node, with no job
     * lock (issue 18): it refreshes this node's own view (which channels are paused, the day's incriminated campaigns),
     * which a lock would leave stale on the others; a pause is still taken once ({@code pauseMarketing} is decided by
     * the accounts row: the node that finds it already paused sends no second notice).
     */
    @Scheduled(fixedDelayString = "${fairsend.reputation.account-sweep-interval:60s}", initialDelayString = "${fairsend.reputation.account-sweep-interval:60s}")
    void sweep() {
        LocalDate today = time.dayOf(clock.instant());
        days.keySet().removeIf(k -> !k.day().equals(today));
        paused.clear();
        Map<Tallies.DayKey, DayState> fresh = new HashMap<>();
        for (Channel ch : Channel.values()) {
            for (var a : store.accountsOn(today, ch)) {
                var key = new Tallies.DayKey(a.accountId(), today, ch);
                DayState loaded = load(a.accountId(), today, ch);
                DayState known = days.get(key);
                if (known != null) loaded.judged().addAll(known.judged()); // decided here, perhaps not committed yet
                fresh.put(key, loaded);
            }
        }
        days.putAll(fresh);
        for (var k : fresh.keySet()) {
            try {
                check(k.accountId(), k.day(), k.channel());
            } catch (RuntimeException e) {
                log.warn("account {} not judged on {}: {}", k.accountId(), k.channel().code(), e.toString());
            }
        }
    }
}
