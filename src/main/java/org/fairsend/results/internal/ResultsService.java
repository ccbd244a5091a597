package org.fairsend.results.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignFigures;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.platform.Channel;
import org.fairsend.platform.CsvCells;
import org.fairsend.results.CampaignResults;
import org.fairsend.results.Figure;
import org.springframework.stereotype.Service;

/**
 * A campaign's results from the counts of {@link ResultsStore}: which figures each channel has, their rates and
 * denominators and what each means (the README's "Campaign results" says the same), the time series folded from hours
 * into days after the first days, and the CSV. Also the campaigns module's {@link CampaignFigures} for list pages.
 */
@Service
class ResultsService implements CampaignResults, CampaignFigures {

    /** The first days after a campaign's first activity are shown by the hour, the rest by the day. */
    static final int HOURLY_DAYS = 3;
    static final int LINKS = 500;

    private final ResultsStore store;
    private final CampaignService campaigns;
    private final Clock clock;

    ResultsService(ResultsStore store, CampaignService campaigns, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Override
    public Results of(UUID accountId, UUID campaignId) {
        Campaign c = campaigns.get(accountId, campaignId); // another account's campaign: NotFound (404)
        UUID a = c.accountId();
        return new Results(c.id(), c.name(), c.status(), c.channel(), c.startedAt(), c.finishedAt(), clock.instant(),
                List.of(channel(c, a)), series(store.hourly(a, c.id())), store.links(a, c.id(), LINKS));
    }

    private ChannelResults channel(Campaign c, UUID a) {
        long total = 0, sent = 0, blocked = 0, failed = 0, cancelled = 0;
        Map<String, Long> receipts = new HashMap<>();
        for (ResultsStore.Row r : store.messages(a, c.id())) {
            total += r.n();
            switch (r.a()) {
                case "sent" -> {
                    sent += r.n();
                    if (r.b() != null) receipts.merge(r.b(), r.n(), Long::sum);
                }
                case "blocked" -> blocked += r.n();
                case "failed" -> failed += r.n();
                case "cancelled" -> cancelled += r.n();
                default -> { } // queued, sending, held: still to go
            }
        }
        List<Figure> f = new ArrayList<>();
        Figure recipients = Figure.base("recipients", "Recipients", total,
                "messages the campaign's audience queued, one per recipient (blocked ones included)");
        Figure sentF = Figure.over("sent", switch (c.channel()) {
            case EMAIL -> "Sent (accepted by the receiving server)";
            case SMS -> "Sent (accepted by the SMSC)";
            case VOICE -> "Sent (accepted by the voice provider)";
        }, sent, recipients, switch (c.channel()) {
            case EMAIL -> "the receiving SMTP server (the relay or the recipient's mail server) accepted the message (250); this is not proof"
                    + " of arrival in the inbox: a later bounce is counted under bounced";
            case SMS -> "the SMSC accepted the message (submit_sm answered); arrival is what the delivery receipts say";
            case VOICE -> "the voice provider accepted the drop; what happened is what its outcome callbacks say";
        });
        f.add(recipients);
        f.add(sentF);
        long pending = total - sent - blocked - failed - cancelled;
        switch (c.channel()) {
            case EMAIL -> f.add(Figure.over("delivered", "Delivered: accepted by the receiving server", sent, sentF,
                    "email has no delivery proof: the figure is the messages the receiving server accepted (the same as sent); bounces"
                            + " received later are counted apart, not subtracted"));
            case SMS -> {
                long delivered = receipts.getOrDefault("delivered", 0L);
                long undelivered = receipts.getOrDefault("expired", 0L) + receipts.getOrDefault("undeliverable", 0L)
                        + receipts.getOrDefault("rejected", 0L);
                f.add(Figure.over("delivered", "Delivered (delivery receipt)", delivered, sentF,
                        "sent messages whose delivery receipt from the network says delivered (DELIVRD)"));
                f.add(Figure.over("undelivered", "Not delivered (delivery receipt)", undelivered, sentF,
                        "sent messages whose delivery receipt says expired, undeliverable or rejected"));
                f.add(Figure.over("awaiting_receipt", "No delivery receipt yet", sent - delivered - undelivered, sentF,
                        "sent messages the network has not reported on (yet)"));
            }
            case VOICE -> {
                Map<String, Long> o = store.voiceOutcomes(a, c.id());
                long delivered = o.getOrDefault("delivered", 0L) + o.getOrDefault("opted_out", 0L);
                long noVoicemail = o.getOrDefault("no_voicemail", 0L), callFailed = o.getOrDefault("failed", 0L);
                f.add(Figure.over("delivered", "Delivered (provider outcome)", delivered, sentF,
                        "drops the voice provider reported as left on the voicemail, or heard by a person who pressed the opt-out key"));
                f.add(Figure.over("no_voicemail", "No voicemail to leave it on", noVoicemail, sentF, "the provider's outcome no_voicemail"));
                f.add(Figure.over("call_failed", "Call failed", callFailed, sentF, "the provider's outcome failed"));
                f.add(Figure.over("opted_out", "Opted out during the call", o.getOrDefault("opted_out", 0L), sentF,
                        "the person pressed the opt-out key (R-19): unsubscribed from voice"));
                f.add(Figure.over("awaiting_outcome", "No outcome yet", Math.max(0, sent - delivered - noVoicemail - callFailed), sentF,
                        "sent drops the provider has not reported on (yet)"));
            }
        }
        f.add(Figure.over("blocked", "Blocked", blocked, recipients,
                "stopped by the last-mile gate before leaving (suppressed, unsubscribed, no consent in force, account suspended...)"));
        f.add(Figure.over("failed", "Failed", failed, recipients,
                "never accepted: refused at send time (a permanent SMTP or SMPP error) or given up after the retries"));
        f.add(Figure.over("pending", "Still to go", Math.max(0, pending), recipients, "queued, being sent, or held for the sending hours (X-4)"));
        if (cancelled > 0) f.add(Figure.over("cancelled", "Cancelled", cancelled, recipients, "not sent: the campaign was cancelled"));
        if (c.channel() == Channel.EMAIL) {
            Map<String, Long> b = store.bounces(a, c.id());
            long attempted = sent + failed;
            Figure attemptedF = Figure.base("attempted", "Attempted", attempted,
                    "sent and failed messages: the ones a receiving server answered (the base of the bounce rates)");
            f.add(attemptedF);
            f.add(Figure.over("bounced_hard", "Bounced, hard", b.getOrDefault("hard", 0L), attemptedF,
                    "recipients with a permanent failure: a 5xx at send time or a bounce report received later (suppressed at once)"));
            f.add(Figure.over("bounced_soft", "Bounced, soft", b.getOrDefault("soft", 0L), attemptedF,
                    "recipients with a temporary failure reported (mailbox full, greylisting...)"));
        }
        f.add(Figure.over("complaints", "Complaints", store.complaints(a, c.id()), sentF,
                "recipients who reported the message as spam (a feedback loop, a provider's webhook) or whose complaint of unjustified use"
                        + " the operator recorded"));
        f.add(Figure.over("unsubscribes", "Unsubscribes", store.unsubscribes(a, c.id()), sentF, switch (c.channel()) {
            case EMAIL -> "recipients who unsubscribed from this campaign's message (one-click, the page's button, mailto, the preference centre)";
            case SMS -> "recipients who answered STOP to this campaign's message";
            case VOICE -> "recipients who pressed the opt-out key during this campaign's call";
        }));
        Map<String, Long> eng = new HashMap<>();
        for (ResultsStore.Row r : store.engagement(a, c.id())) eng.put(r.a() + "/" + r.b(), r.n());
        if (c.channel() == Channel.EMAIL) {
            f.add(Figure.over("opened_people", "Opened, by people", eng.getOrDefault("open/human", 0L), sentF,
                    "sent messages a person opened at least once (the tracking pixel fetched by a reader, R-8); counted once per message"));
            f.add(Figure.over("opened_machines", "Opened, by machines", eng.getOrDefault("open/machine", 0L), sentF,
                    "sent messages whose pixel a machine fetched (a privacy proxy's prefetch, e.g. Apple Mail Privacy Protection): not a"
                            + " person's open, never in the open rate (R-8); a message may also have a person's open"));
        }
        if (c.channel() != Channel.VOICE) {
            f.add(Figure.over("clicked_people", "Clicked, by people", eng.getOrDefault("click/human", 0L), sentF,
                    "sent messages in which a person followed at least one tracked link; counted once per message"));
            f.add(Figure.over("clicked_machines", "Clicked, by machines", eng.getOrDefault("click/machine", 0L), sentF,
                    "sent messages whose links a machine followed (a security scanner, a HEAD request, a click too fast after delivery,"
                            + " R-8): never in the click rate"));
        }
        return new ChannelResults(c.channel(), List.copyOf(f));
    }

    /** Hour counts folded into consecutive buckets: hourly up to the first UTC midnight {@link #HOURLY_DAYS} days on, daily after. */
    static Series series(List<ResultsStore.HourCount> hours) {
        if (hours.isEmpty()) return new Series(List.of(), HOURLY_DAYS, true);
        long first = hours.stream().mapToLong(ResultsStore.HourCount::hour).min().orElseThrow();
        long last = hours.stream().mapToLong(ResultsStore.HourCount::hour).max().orElseThrow();
        long cutoff = Math.ceilDiv(first + HOURLY_DAYS * 24L, 24) * 24; // an hour index on a UTC midnight
        TreeMap<Long, long[]> buckets = new TreeMap<>(); // key: start hour; values: sent, opens, clicks, bounces, complaints, unsubscribes
        for (long h = first; h <= Math.min(last, cutoff - 1); h++) buckets.put(h, new long[6]);
        for (long d = cutoff; d <= last; d += 24) buckets.put(d, new long[6]);
        for (ResultsStore.HourCount hc : hours) {
            long key = hc.hour() < cutoff ? hc.hour() : Math.floorDiv(hc.hour(), 24) * 24;
            long[] v = buckets.get(key);
            int i = switch (hc.series()) {
                case "sent" -> 0;
                case "opens" -> 1;
                case "clicks" -> 2;
                case "bounces" -> 3;
                case "complaints" -> 4;
                default -> 5;
            };
            v[i] += hc.n();
        }
        List<Bucket> out = new ArrayList<>(buckets.size());
        buckets.forEach((h, v) -> out.add(new Bucket(Instant.ofEpochSecond(h * 3600), h < cutoff ? BucketSize.HOUR : BucketSize.DAY,
                v[0], v[1], v[2], v[3], v[4], v[5])));
        return new Series(List.copyOf(out), HOURLY_DAYS, out.size() < 2);
    }

    @Override
    public Map<UUID, Summary> summaries(UUID accountId, Collection<Campaign> list) {
        List<UUID> ids = list.stream().filter(c -> c.accountId().equals(accountId)).map(Campaign::id).toList();
        if (ids.isEmpty()) return Map.of();
        ResultsStore.PageCounts p = store.page(accountId, ids);
        Map<UUID, Summary> out = new HashMap<>();
        for (Campaign c : list) {
            if (!c.accountId().equals(accountId)) continue;
            UUID id = c.id();
            long sent = p.sent().getOrDefault(id, 0L);
            long delivered = switch (c.channel()) {
                case EMAIL -> sent;
                case SMS -> p.receiptsDelivered().getOrDefault(id, 0L);
                case VOICE -> p.voiceDelivered().getOrDefault(id, 0L);
            };
            Double openRate = c.channel() == Channel.EMAIL ? Figure.rate(p.peopleOpened().getOrDefault(id, 0L), sent) : null;
            Double clickRate = c.channel() == Channel.VOICE ? null : Figure.rate(p.peopleClicked().getOrDefault(id, 0L), sent);
            out.put(id, new Summary(sent, delivered, openRate, clickRate, p.bounces().getOrDefault(id, 0L), p.complaints().getOrDefault(id, 0L),
                    p.unsubscribes().getOrDefault(id, 0L)));
        }
        return out;
    }

    @Override
    public String csv(Results r) {
        StringBuilder out = new StringBuilder(4096);
        CsvCells.row(out, "section", "campaign_id", "campaign", "channel", "figure", "label", "value", "rate", "denominator",
                "denominator_value", "people", "clicks", "machine_clicks", "target", "meaning");
        for (ChannelResults ch : r.channels()) {
            for (Figure f : ch.figures()) {
                CsvCells.row(out, "figure", r.campaignId(), r.name(), ch.channel().code(), f.key(), f.label(), f.value(),
                        f.rate() == null ? null : String.valueOf(f.rate()), f.denominator(), f.denominatorValue(), null, null, null, null, f.meaning());
            }
        }
        for (LinkClicks l : r.links()) {
            CsvCells.row(out, "link", r.campaignId(), r.name(), r.channel().code(), null, null, null, null, null, null, l.people(), l.clicks(),
                    l.machineClicks(), l.target(), null);
        }
        return out.toString();
    }

    @Override
    public String listCsv(UUID accountId, int limit) {
        List<Campaign> list = campaigns.list(accountId, limit);
        Map<UUID, Summary> s = summaries(accountId, list);
        StringBuilder out = new StringBuilder(256 + list.size() * 160);
        CsvCells.row(out, "campaign_id", "name", "channel", "kind", "status", "created_at", "started_at", "finished_at", "sent", "delivered",
                "open_rate", "click_rate", "bounces", "complaints", "unsubscribes");
        for (Campaign c : list) {
            Summary x = s.getOrDefault(c.id(), Summary.NONE);
            CsvCells.row(out, c.id(), c.name(), c.channel().code(), c.kind().code(), c.status().code(), c.createdAt(), c.startedAt(),
                    c.finishedAt(), x.sent(), x.delivered(), x.openRate(), x.clickRate(), x.bounces(), x.complaints(), x.unsubscribes());
        }
        return out.toString();
    }
}
