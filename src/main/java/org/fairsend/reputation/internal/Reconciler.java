package org.fairsend.reputation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.delivery.SendLogTotals;
import org.fairsend.feedback.BounceKind;
import org.fairsend.feedback.FeedbackTotals;
import org.fairsend.platform.Channel;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.ReputationPolicy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the indicators' counters from the durable records (delivery's send log, feedback's bounce,
 * complaint, unsubscribe, engagement and spamtrap-hit rows), compares them with the live tallies and reports
 * every difference; with {@code fix}, rewrites the tallies from the records. The mapping is the live listener's
 * ({@link IndicatorListener}). A fix is exact when nothing is sending; during a send, increments counted between
 * the recomputation and the rewrite may be added twice (run it again when the send is over).
 */
@Service
class Reconciler {

    private final SendLogTotals sendLog;
    private final FeedbackTotals feedback;
    private final ReputationStore store;
    private final Tallies tallies;
    private final PolicyService policies;
    private final TransactionTemplate tx;
    private final Clock clock;

    Reconciler(SendLogTotals sendLog, FeedbackTotals feedback, ReputationStore store, Tallies tallies, PolicyService policies,
            TransactionTemplate tx, Clock clock) {
        this.sendLog = sendLog;
        this.feedback = feedback;
        this.store = store;
        this.tallies = tallies;
        this.policies = policies;
        this.tx = tx;
        this.clock = clock;
    }

    /** One tally whose stored counters differ from the records: per counter, {stored, recomputed}. */
    record Drift(String scope, UUID accountId, UUID campaignId, LocalDate day, Channel channel, Map<String, long[]> counters) {
        String describe() {
            StringBuilder s = new StringBuilder();
            s.append(campaignId != null ? "campaign " + campaignId : "account " + accountId + " day " + day).append(' ').append(channel.code())
                    .append(':');
            counters.forEach((k, v) -> s.append(' ').append(k).append(" stored ").append(v[0]).append(" recomputed ").append(v[1]));
            return s.toString();
        }
    }

    record Report(int campaignsChecked, int daysChecked, List<Drift> drifts, boolean fixed, Instant at) {}

    private record CampaignKey(UUID campaignId, Channel channel) {}

    private record DayKey(UUID accountId, LocalDate day, Channel channel) {}

    Report reconcile(UUID accountId, UUID campaignId, boolean fix) {
        tallies.flush();
        ReputationPolicy p = policies.current().policy().reputation();
        Map<CampaignKey, long[]> campaigns = new HashMap<>();
        Map<CampaignKey, UUID> owners = new HashMap<>();
        Map<DayKey, long[]> days = new HashMap<>();
        for (SendLogTotals.OutcomeCount o : sendLog.outcomes(accountId, campaignId)) {
            List<Counter> cs = new ArrayList<>();
            cs.add(Counter.ATTEMPTED);
            switch (o.outcome()) {
                case SENT, EXPIRED -> cs.add(Counter.SENT);
                case BLOCKED -> { if (Mapping.blockade(o.reason())) cs.add(Counter.BLOCKED); }
                case FAILED -> {
                    if (!Mapping.renderError(o.reason())) cs.add(Counter.SENT);
                    if (Mapping.permanent(o.reason())) cs.add(Counter.BLOCKED);
                }
                default -> { }
            }
            add(campaigns, owners, days, o.accountId(), o.campaignId(), o.channel(), o.day(), cs, o.count());
        }
        for (FeedbackTotals.FeedbackCount f : feedback.counts(accountId, campaignId)) {
            List<Counter> cs = new ArrayList<>();
            switch (f.type()) {
                case BOUNCE -> {
                    cs.add(f.kind() == BounceKind.HARD ? Counter.HARD : Counter.SOFT);
                    if (Mapping.filtered(p, f.reason(), f.source())) cs.add(Counter.BLOCKED);
                }
                case COMPLAINT -> cs.add(Counter.COMPLAINTS);
                case UNJUSTIFIED_USE -> cs.add(Counter.UNJUSTIFIED);
                case UNSUBSCRIBE -> cs.add(Counter.UNSUBSCRIBES);
                case CLICK -> cs.add(Counter.CLICKS);
                case OPEN -> cs.add(Counter.OPENS);
                case SPAMTRAP -> cs.add(Counter.SPAMTRAPS);
            }
            add(campaigns, owners, days, f.accountId(), f.campaignId(), f.channel(), f.day(), cs, f.count());
        }

        List<Drift> drifts = new ArrayList<>();
        Map<CampaignKey, ReputationStore.StoredCampaign> storedCampaigns = new HashMap<>();
        for (var s : store.storedCampaigns(accountId, campaignId)) storedCampaigns.put(new CampaignKey(s.campaignId(), s.channel()), s);
        Set<CampaignKey> ck = new HashSet<>(campaigns.keySet());
        ck.addAll(storedCampaigns.keySet());
        for (CampaignKey k : ck) {
            long[] stored = storedCampaigns.containsKey(k) ? storedCampaigns.get(k).totals().values() : new long[Counter.N];
            long[] recomputed = campaigns.getOrDefault(k, new long[Counter.N]);
            UUID owner = owners.containsKey(k) ? owners.get(k) : storedCampaigns.get(k).accountId();
            diff("campaign", owner, k.campaignId(), null, k.channel(), stored, recomputed).ifPresent(drifts::add);
        }
        int daysChecked = 0;
        if (campaignId == null) {
            Map<DayKey, long[]> storedDays = new HashMap<>();
            for (var s : store.storedDays(accountId)) storedDays.put(new DayKey(s.accountId(), s.day(), s.channel()), s.totals().values());
            Set<DayKey> dk = new HashSet<>(days.keySet());
            dk.addAll(storedDays.keySet());
            daysChecked = dk.size();
            for (DayKey k : dk) {
                diff("day", k.accountId(), null, k.day(), k.channel(), storedDays.getOrDefault(k, new long[Counter.N]),
                        days.getOrDefault(k, new long[Counter.N])).ifPresent(drifts::add);
            }
        }
        drifts.sort(java.util.Comparator.comparing(Drift::describe));
        boolean fixed = false;
        if (fix && !drifts.isEmpty()) {
            Instant now = clock.instant();
            tx.executeWithoutResult(s -> {
                for (Drift d : drifts) {
                    if (d.campaignId() != null) {
                        CampaignKey k = new CampaignKey(d.campaignId(), d.channel());
                        store.replaceCampaign(d.campaignId(), d.channel(), d.accountId(), new Totals(campaigns.getOrDefault(k, new long[Counter.N])), now);
                    } else {
                        DayKey k = new DayKey(d.accountId(), d.day(), d.channel());
                        store.replaceDay(d.accountId(), d.day(), d.channel(), new Totals(days.getOrDefault(k, new long[Counter.N])), now);
                    }
                }
            });
            tallies.reload();
            fixed = true;
        }
        return new Report(ck.size(), daysChecked, drifts, fixed, clock.instant());
    }

    private static void add(Map<CampaignKey, long[]> campaigns, Map<CampaignKey, UUID> owners, Map<DayKey, long[]> days, UUID account,
            UUID campaign, Channel channel, LocalDate day, List<Counter> cs, long n) {
        long[] d = days.computeIfAbsent(new DayKey(account, day, channel), k -> new long[Counter.N]);
        for (Counter c : cs) d[c.ordinal()] += n;
        if (campaign == null) return;
        CampaignKey k = new CampaignKey(campaign, channel);
        owners.put(k, account);
        long[] v = campaigns.computeIfAbsent(k, x -> new long[Counter.N]);
        for (Counter c : cs) v[c.ordinal()] += n;
    }

    private static java.util.Optional<Drift> diff(String scope, UUID account, UUID campaign, LocalDate day, Channel channel, long[] stored,
            long[] recomputed) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Counter c : Counter.ALL) {
            if (stored[c.ordinal()] != recomputed[c.ordinal()]) {
                out.put(Totals.camel(c.column), new long[] {stored[c.ordinal()], recomputed[c.ordinal()]});
            }
        }
        return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Drift(scope, account, campaign, day, channel, out));
    }
}
