package org.fairsend.reputation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.campaigns.Campaign;
import org.fairsend.platform.CsvCells;
import org.fairsend.platform.Channel;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.fairsend.policy.PolicyTime;
import org.fairsend.reputation.Indicator;
import org.springframework.stereotype.Service;

/** The reports: indicator time series, current status, sanctions history, accounts closest to a threshold. */
@Service("reputationReports")
class Reports {

    private final ReputationStore store;
    private final Tallies tallies;
    private final PolicyService policies;
    private final AccountDirectory accounts;
    private final Clock clock;

    private final PolicyTime time;
    private final AccountBreaker accountBreaker;
    private final AccountPauseStore pauses;

    Reports(ReputationStore store, Tallies tallies, PolicyService policies, AccountDirectory accounts, Clock clock, PolicyTime time,
            AccountBreaker accountBreaker, AccountPauseStore pauses) {
        this.time = time;
        this.accountBreaker = accountBreaker;
        this.pauses = pauses;
        this.store = store;
        this.tallies = tallies;
        this.policies = policies;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * A channel today: its standing, the day's counters ({@code today}, every message) and their indicators against the
     * account-level thresholds, the counters the account level judges ({@code judged}: less the campaigns
     * incriminated today, each judged on its own, and the operator's resume baseline), and whether they paused the
     * account's marketing.
     */
    record ChannelView(Channel channel, AccountDirectory.ChannelState status, Instant until, String reason, Map<String, Long> today,
            Map<String, Long> judged, List<Breaker.Reading> indicators, MarketingView marketing) {}

    /** The account's marketing on a channel (R-14 account level): paused or not, and if paused, since when, why and what crossed. */
    record MarketingView(boolean paused, Instant since, String reason, Long pauseId, LocalDate day, Indicator indicator, Double value,
            Double threshold, Long sample, Long numerator) {

        static MarketingView of(java.util.Optional<AccountDirectory.MarketingPause> standing, java.util.Optional<AccountPauseStore.Pause> open) {
            if (standing.isEmpty()) return new MarketingView(false, null, null, null, null, null, null, null, null, null);
            var s = standing.get();
            return open.map(p -> new MarketingView(true, s.since(), s.reason(), p.id(), p.day(), p.indicator(), p.value(), p.threshold(),
                    p.sample(), p.numerator())).orElse(new MarketingView(true, s.since(), s.reason(), null, null, null, null, null, null, null));
        }
    }

    record AccountStatus(UUID accountId, String legalName, String status, List<ChannelView> channels, long standingIncidents,
            int nextRung, int policyVersion) {}

    AccountStatus status(UUID accountId) {
        Account a = accounts.get(accountId);
        PolicySnapshot ps = policies.current();
        LocalDate today = time.dayOf(clock.instant());
        List<ChannelView> channels = new ArrayList<>();
        for (Channel ch : Channel.values()) {
            var s = accounts.channelStatus(accountId, ch);
            Totals t = tallies.day(accountId, today, ch).totals();
            Totals judged = accountBreaker.judged(accountId, today, ch);
            channels.add(new ChannelView(ch, s.status(), s.until(), s.reason(), t.asMap(), judged.asMap(),
                    Breaker.accountReadings(ps.policy().reputation(), t),
                    MarketingView.of(accounts.marketingPause(accountId, ch), pauses.open(accountId, ch))));
        }
        long standing = store.standingIncidents(accountId);
        return new AccountStatus(accountId, a.legalName(), a.status().name().toLowerCase(java.util.Locale.ROOT), channels, standing,
                (int) Math.min(4, standing + 1), ps.version());
    }

    record DayPoint(LocalDate day, Channel channel, Map<String, Long> counters, List<Breaker.Reading> indicators) {}

    List<DayPoint> days(UUID accountId, LocalDate from, LocalDate to) {
        tallies.flush();
        var p = policies.current().policy().reputation();
        return store.days(accountId, from, to).stream()
                .map(d -> new DayPoint(d.day(), d.channel(), d.totals().asMap(), Breaker.accountReadings(p, d.totals()))).toList();
    }

    record SeriesPoint(Instant at, Map<String, Long> counters, double hardBounceRate, double complaintRate, double unsubscribeRate,
            double blockadeRate, long spamtrapsAndUnjustified) {}

    record CampaignView(UUID campaignId, UUID accountId, String name, Campaign.Status status, String statusReason, Channel channel,
            Map<String, Long> counters, List<Breaker.Reading> indicators, ReputationStore.Incident incident, List<SeriesPoint> series) {}

    CampaignView campaign(Campaign c, int points) {
        var p = policies.current().policy().reputation();
        Tallies.Tally live = tallies.campaignIfPresent(c.id(), c.channel());
        Totals t = live != null ? live.totals() : store.campaignTotals(c.id(), c.channel()).orElse(Totals.ZERO);
        LocalDate day = time.dayOf(clock.instant());
        Totals today = tallies.day(c.accountId(), day, c.channel()).totals();
        List<SeriesPoint> series = store.samples(c.id(), c.channel(), points).stream().map(s -> point(s.at(), s.totals())).toList();
        return new CampaignView(c.id(), c.accountId(), c.name(), c.status(), c.statusReason(), c.channel(), t.asMap(),
                Breaker.readings(p, t, today, true), store.incidentOf(c.id()).orElse(null), series);
    }

    private static SeriesPoint point(Instant at, Totals t) {
        return new SeriesPoint(at, t.asMap(), ratio(t.hard(), t.sent()), ratio(t.complaints(), t.sent()), ratio(t.unsubscribes(), t.sent()),
                ratio(t.blocked(), t.attempted()), t.spamtraps() + t.unjustified());
    }

    private static double ratio(long k, long n) {
        return n == 0 ? 0 : (double) k / n;
    }

    record Sanctions(UUID accountId, List<ReputationStore.Incident> incidents, List<ReputationStore.AuditEntry> audit,
            List<ReputationStore.LedgerLine> ledger, long balanceCents) {}

    Sanctions sanctions(UUID accountId) {
        accounts.get(accountId);
        var lines = store.lines(accountId, null, null);
        return new Sanctions(accountId, store.incidents(accountId), store.auditOf(accountId), lines,
                lines.stream().mapToLong(ReputationStore.LedgerLine::amountCents).sum());
    }

    record Closest(UUID accountId, String legalName, Channel channel, Indicator indicator, double value, double threshold, long sample,
            boolean applies, double proximity) {}

    /** Today's account indicators, the nearest to (or furthest past) their threshold first. */
    List<Closest> closest(int limit) {
        tallies.flush();
        var p = policies.current().policy().reputation();
        LocalDate today = time.dayOf(clock.instant());
        List<Closest> out = new ArrayList<>();
        for (Channel ch : Channel.values()) {
            for (var a : store.accountsOn(today, ch)) {
                Breaker.accountReadings(p, a.totals()).stream()
                        .max(Comparator.comparingDouble(r -> r.applies() ? r.proximity() : r.proximity() / 10))
                        .ifPresent(r -> out.add(new Closest(a.accountId(), accounts.find(a.accountId()).map(Account::legalName).orElse(null),
                                ch, r.indicator(), r.value(), r.threshold(), r.sample(), r.applies(), r.proximity())));
            }
        }
        out.sort(Comparator.comparing((Closest c) -> !c.applies()).thenComparing(Comparator.comparingDouble(Closest::proximity).reversed()));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** The ledger as CSV: one line per penalty or reversal, amounts in major units with two decimals, excluding tax. */
    static String csv(List<ReputationStore.LedgerLine> lines) {
        StringBuilder s = new StringBuilder("id,account_id,campaign_id,incident_id,rule,description,quantity,unit_amount,amount,currency,date,reverses_id\r\n");
        for (var l : lines) {
            s.append(l.id()).append(',').append(l.accountId()).append(',').append(l.campaignId() == null ? "" : l.campaignId()).append(',')
                    .append(l.incidentId() == null ? "" : l.incidentId()).append(',').append(l.rule()).append(',')
                    .append(CsvCells.cell(l.description())).append(',').append(l.quantity()).append(',').append(amount(l.unitCents())).append(',')
                    .append(amount(l.amountCents())).append(',').append(l.currency()).append(',').append(l.bookedOn()).append(',')
                    .append(l.reversesId() == null ? "" : l.reversesId()).append("\r\n");
        }
        return s.toString();
    }

    static String amount(long cents) {
        return (cents < 0 ? "-" : "") + Math.abs(cents) / 100 + "." + String.format("%02d", Math.abs(cents) % 100);
    }

}
