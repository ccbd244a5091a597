package org.fairsend.console.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.platform.Channel;
import org.fairsend.reputation.ReputationViews;
import org.springframework.stereotype.Component;

/**
 * The reputation module in the console, through {@link ReputationViews} only: on the account's home
 * the indicators of the last 30 days against their thresholds; on a suspended campaign what stopped it; the
 * operator's accounts list ordered by risk; on the operator's page of an account its indicators, incidents,
 * audit and penalty lines with the actions (reverse a step, suspend or reinstate a channel).
 */
@Component
class ReputationSection implements ConsoleSection {

    /** The indicators charted, in this order. */
    static final List<String> CHARTED = List.of("hard_bounce_rate", "complaint_rate", "unsubscribe_rate", "blockade_rate",
            "spamtraps_and_unjustified");

    private final ReputationViews reputation;
    private final org.fairsend.campaigns.CampaignService campaigns;

    ReputationSection(ReputationViews reputation, org.fairsend.campaigns.CampaignService campaigns) {
        this.reputation = reputation;
        this.campaigns = campaigns;
    }

    /** A reading laid out for a table: value and threshold formatted (percent for rates). */
    record Row(Channel channel, String indicator, String label, String value, String threshold, long numerator, long sample,
            boolean applies, boolean crossed, String state) {}

    /** A channel's status with its suspension, for the operator's actions. */
    record ChannelRow(Channel channel, String status, Instant until, String reason, boolean marketingPaused, String marketingReason) {}

    /** R-14 account level: the channels whose marketing is paused by the account's day, with the explanation. */
    static List<ChannelRow> paused(ReputationViews.Status s) {
        return channelRows(s).stream().filter(ChannelRow::marketingPaused).toList();
    }

    static List<ChannelRow> channelRows(ReputationViews.Status s) {
        return s.channels().stream().map(c -> new ChannelRow(c.channel(), c.status().code(), c.until(), c.reason(),
                c.marketing() != null && c.marketing().paused(), c.marketing() == null ? null : c.marketing().reason())).toList();
    }

    /** An incident laid out: what stopped the campaign. */
    record IncidentView(ReputationViews.Incident i, String value, String threshold, String trigger, String campaignName) {}

    /** A penalty line with its amounts in major units. */
    record LineView(ReputationViews.PenaltyLine l, String unit, String amount) {}

    @Override
    public List<NavLink> links(ConsoleUser user) {
        return user.operator() ? List.of(new NavLink("Complaints", "/console/operator/complaints", 30)) : List.of();
    }

    @Override
    public List<HomePanel> homePanels(ConsoleUser user) {
        if (user.operator()) return List.of();
        var s = reputation.status(user.account());
        return List.of(new HomePanel(ConsoleSection.Slot.INDICATORS, "Deliverability indicators", "console/reputation/parts :: indicators",
                Map.of("rows", rows(s), "charts", charts("/console/reputation/charts/"), "standing", s.standingIncidents(),
                        "nextRung", s.nextRung(), "paused", paused(s)), 0));
    }

    @Override
    public List<HomePanel> campaignPanels(ConsoleUser user, Campaign campaign) {
        return reputation.incidentOf(campaign.id()).filter(i -> i.accountId().equals(campaign.accountId()))
                .map(i -> List.of(new HomePanel(ConsoleSection.Slot.CAMPAIGN, "What stopped it", "console/reputation/parts :: incident",
                        Map.of("v", view(i, campaign.name()), "operator", user.operator()), 0)))
                .orElse(List.of());
    }

    @Override
    public Optional<Risk> risk(UUID accountId) {
        var s = reputation.status(accountId);
        Double max = null;
        long sent = 0;
        for (var c : s.channels()) {
            long channelSent = 0;
            for (var r : c.today()) {
                channelSent = Math.max(channelSent, r.sample());
                // a rate counts only on the sample the breaker itself judges ("applies": the account day's minimum
                // volume, computed by the reputation module); a count (spamtraps, complaints) as soon as there is one
                if (r.applies() && (r.rate() || r.numerator() > 0)) max = Math.max(max == null ? 0 : max, r.proximity());
            }
            sent += channelSent;
        }
        // the breaker already judged: a standing incriminated campaign or paused marketing is at the threshold
        // (the day's indicators leave out the incriminated campaigns, so they alone would look clean or too small to judge)
        if (s.standingIncidents() > 0 || s.channels().stream().anyMatch(c -> c.marketing() != null && c.marketing().paused())) max = 1.0;
        return Optional.of(new Risk(max == null ? null : Math.min(1, max), sent));
    }

    /** What a table says of a reading the breaker does not judge yet (R-14: sample below its minimum). */
    static String tooFew(long sent) {
        return "too few messages to judge (" + sent + " sent)";
    }

    @Override
    public List<HomePanel> operatorAccountPanels(ConsoleUser operator, UUID accountId) {
        var s = reputation.status(accountId);
        var sanctions = reputation.sanctions(accountId);
        String base = "/console/operator/accounts/" + accountId + "/reputation/";
        List<ChannelRow> channels = channelRows(s);
        return List.of(
                new HomePanel(ConsoleSection.Slot.INDICATORS, "Deliverability indicators", "console/reputation/parts :: operator-indicators",
                        Map.of("rows", rows(s), "charts", charts(base + "charts/"), "channels", channels, "base", base,
                                "standing", s.standingIncidents(), "nextRung", s.nextRung()), 0),
                new HomePanel(ConsoleSection.Slot.SANCTIONS, "Sanctions (R-15)", "console/reputation/parts :: sanctions",
                        Map.of("incidents", sanctions.incidents().reversed().stream().map(i -> view(i, campaigns.find(i.campaignId())
                                        .map(Campaign::name).orElse(i.campaignId().toString()))).toList(),
                                "audit", sanctions.audit().reversed(), "lines", sanctions.ledger().stream()
                                        .map(l -> new LineView(l, money(l.unitCents(), l.currency()), money(l.amountCents(), l.currency()))).toList(),
                                "balance", money(sanctions.balanceCents(), sanctions.ledger().isEmpty() ? "EUR" : sanctions.ledger().getFirst().currency()),
                                "base", base), 1));
    }

    /** The charts of the indicators: the canvas loads its Chart.js configuration from {@code prefix + indicator + ".json"}. */
    private static List<Map<String, String>> charts(String prefix) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String i : CHARTED) out.add(Map.of("indicator", i, "src", prefix + i + ".json"));
        return out;
    }

    static List<Row> rows(ReputationViews.Status s) {
        List<Row> out = new ArrayList<>();
        for (var c : s.channels()) {
            boolean any = c.today().stream().anyMatch(r -> r.sample() > 0 || r.numerator() > 0);
            if (!any && c.channel() != Channel.EMAIL) continue;
            for (var r : c.today()) {
                // a rate on a sample the breaker does not judge yet is no risk: say so rather than "50 %" on two mails
                String state = r.crossed() ? "crossed" : !r.applies() ? tooFew(r.sample())
                        : r.proximity() >= 0.75 ? "near" : "ok";
                out.add(new Row(c.channel(), r.indicator().code(), r.label(), r.applies() || !r.rate() ? format(r.rate(), r.value()) : "—",
                        format(r.rate(), r.threshold()), r.numerator(), r.sample(), r.applies(), r.crossed(), state));
            }
        }
        return out;
    }

    static IncidentView view(ReputationViews.Incident i, String campaignName) {
        String trigger = switch (i.trigger()) {
            case WILSON -> "early: the lower confidence bound " + format(true, i.lowerBound() == null ? 0 : i.lowerBound())
                    + " was already above the threshold";
            case COUNT -> "count above the maximum";
            case THRESHOLD -> "value on the full sample";
        };
        return new IncidentView(i, format(i.rate(), i.value()), format(i.rate(), i.threshold()), trigger, campaignName);
    }

    static String format(boolean rate, double v) {
        return rate ? String.format(Locale.ROOT, "%.2f %%", v * 100) : String.valueOf((long) v);
    }

    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%s%d.%02d %s", cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100, currency);
    }

    static Optional<Channel> channel(String code) {
        for (Channel c : Channel.values()) if (c.code().equals(code)) return Optional.of(c);
        return Optional.empty();
    }
}
