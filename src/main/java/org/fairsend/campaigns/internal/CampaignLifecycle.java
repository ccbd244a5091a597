package org.fairsend.campaigns.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignService;
import org.fairsend.campaigns.CampaignStatusChanged;
import org.fairsend.campaigns.ContentReviews;
import org.fairsend.campaigns.PreflightReport;
import org.fairsend.campaigns.SmsPreview;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.delivery.Deliveries;
import org.fairsend.campaigns.CampaignProgress;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaigns' lifecycle (issue 3): drafts and their checks, the state machine ({@link Campaign.Status#canMoveTo})
 * with an audit row and a {@link CampaignStatusChanged} per transition, and the bridge to delivery (start, pause,
 * resume, cancel). What differs per channel is asked of the channel's {@link CampaignChannel}; the rows are
 * {@link CampaignStore}'s.
 */
@Service
class CampaignLifecycle implements CampaignService {

    /** why a transactional campaign may not target lists or a segment. */
    static final String TRANSACTIONAL_AUDIENCE = "a transactional message goes to one person about one transaction, through "
            + "POST /api/messages/email or /api/messages/sms with a category; it cannot target lists or a segment "
            + "(send to lists as a marketing campaign)";

    private final CampaignStore store;
    private final Clock clock;
    private final Deliveries deliveries;
    private final Preflight preflight;
    private final ApplicationEventPublisher events;
    private final ContactDirectory contacts;
    private final CampaignChannels channels;
    private final SmsCampaigns sms;
    private final ReviewStore reviews;
    private final ReviewedContent reviewed;
    private final ReviewWithdrawal withdrawal;

    CampaignLifecycle(CampaignStore store, Clock clock, Deliveries deliveries, Preflight preflight, ApplicationEventPublisher events,
            ContactDirectory contacts, CampaignChannels channels, SmsCampaigns sms, ReviewStore reviews, ReviewedContent reviewed,
            ReviewWithdrawal withdrawal) {
        this.withdrawal = withdrawal;
        this.reviews = reviews;
        this.reviewed = reviewed;
        this.store = store;
        this.clock = clock;
        this.deliveries = deliveries;
        this.preflight = preflight;
        this.events = events;
        this.contacts = contacts;
        this.channels = channels;
        this.sms = sms;
    }

    @Override
    @Transactional
    public Campaign create(UUID accountId, Draft d) {
        UUID id = Ids.newId();
        Channel channel = d.channel() == null ? Channel.EMAIL : Channel.of(d.channel());
        // the kind the draft names is checked with the other fields by write()
        store.insert(id, accountId, channel, Campaign.Kind.MARKETING, d.name() == null ? "Untitled campaign" : d.name(), clock.instant());
        transition(id, accountId, null, Campaign.Status.DRAFT, "account", "created");
        return write(get(accountId, id), d);
    }

    @Override
    @Transactional
    public Campaign update(UUID accountId, UUID id, Draft d) {
        Campaign c = get(accountId, id);
        if (!c.status().editable()) {
            throw new RuleViolation(409, "status", "lifecycle", "a campaign can be edited only as a draft or while scheduled (it is " + c.status().code() + ")");
        }
        Campaign written = write(c, d);
        if (c.status() != Campaign.Status.IN_REVIEW) return written;
        withdrawIfChanged(written, "account");
        return get(accountId, id);
    }

    /** an edit of the content of a campaign in review withdraws the request ({@link ReviewWithdrawal}). */
    void withdrawIfChanged(Campaign c, String actor) {
        withdrawal.ifChanged(c, actor);
    }

    private Campaign write(Campaign c, Draft d) {
        List<Violation> v = new ArrayList<>();
        Campaign.Kind kind = c.kind();
        if (d.kind() != null) {
            var named = Campaign.Kind.find(d.kind());
            if (named.isPresent()) kind = named.get();
            else v.add(new Violation("kind", "kind", "marketing or transactional"));
        }
        String name = d.name() == null ? c.name() : d.name().strip();
        if (name.isEmpty() || name.length() > 200) v.add(new Violation("name", "length", "1 to 200 characters"));
        String subject = pick(d.subject(), c.subject());
        if (subject != null && subject.length() > 998) v.add(new Violation("subject", "length", "at most 998 characters"));
        String fromAddress = pick(d.fromAddress(), c.fromAddress());
        if (fromAddress != null && !fromAddress.isBlank()) {
            var r = Addresses.emailOrError(fromAddress);
            if (!r.ok()) v.add(new Violation("fromAddress", "R-9", r.error()));
            else fromAddress = r.value();
        }
        String replyTo = pick(d.replyTo(), c.replyTo());
        if (replyTo != null && !replyTo.isBlank()) {
            var r = Addresses.emailOrError(replyTo);
            if (!r.ok()) v.add(new Violation("replyTo", "R-9", r.error()));
            else replyTo = r.value();
        }
        String fromName = pick(d.fromName(), c.fromName());
        if (fromName != null && fromName.length() > 200) v.add(new Violation("fromName", "length", "at most 200 characters"));
        Integer throttle = d.throttlePerMinute() == null ? c.throttlePerMinute() : d.throttlePerMinute();
        if (throttle != null && (throttle < 1 || throttle > 10_000_000)) v.add(new Violation("throttlePerMinute", "range", "between 1 and 10,000,000"));
        String html = pick(d.html(), c.html());
        if (html != null && html.length() > 1_000_000) v.add(new Violation("html", "length", "at most 1,000,000 characters"));
        String smsSender = d.smsSender() == null ? c.smsSender() : d.smsSender().isBlank() ? null : d.smsSender().strip();
        String text = pick(d.text(), c.text());
        // the topic is a key (the one the consent records of restricted bases list), matched exactly
        String topic = d.topic() == null ? c.topic() : d.topic().isBlank() ? null : d.topic().strip().toLowerCase(java.util.Locale.ROOT);
        if (topic != null && !org.fairsend.consent.Topics.isKey(topic)) {
            v.add(new Violation("topic", "X-8", "a topic key: lower-case letters, digits, '-' and '.', at most 64 characters (e.g. bicycles)"));
        }
        channels.of(c.channel()).check(c, text, smsSender, v);
        // R-1 (issue 16): transactional means one message to one person about one transaction: it goes through the
        // per-message API, never to lists or a segment
        if (kind == Campaign.Kind.TRANSACTIONAL) {
            List<UUID> targetLists = d.listIds() != null ? d.listIds() : c.listIds();
            if (targetLists != null && !targetLists.isEmpty()) v.add(new Violation("listIds", "R-1", TRANSACTIONAL_AUDIENCE));
            if ((d.segment() != null ? d.segment() : c.segment()) != null) v.add(new Violation("kind", "R-1", TRANSACTIONAL_AUDIENCE));
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        store.update(c.id(), new CampaignStore.Fields(kind, name, subject, pick(d.preheader(), c.preheader()), html, text, fromName,
                fromAddress, replyTo, d.segment() != null ? d.segment() : c.segment(),
                d.excludeInactive() == null ? c.excludeInactive() : d.excludeInactive(),
                d.trackOpens() == null ? c.trackOpens() : d.trackOpens(),
                d.trackClicks() == null ? c.trackClicks() : d.trackClicks(),
                d.platformFooter() == null ? c.platformFooter() : d.platformFooter(), throttle, smsSender, topic), clock.instant());
        if (d.listIds() != null) {
            List<UUID> lists = d.listIds().stream().distinct().toList();
            for (UUID list : lists) {
                if (!contacts.listExists(c.accountId(), list)) throw new RuleViolation(422, "listIds", "exists", "list " + list + " not found");
            }
            store.replaceLists(c.id(), lists);
        }
        return get(c.accountId(), c.id());
    }

    private static String pick(String next, String current) {
        return next != null ? next : current;
    }

    @Override
    public Campaign get(UUID accountId, UUID id) {
        return find(id).filter(c -> c.accountId().equals(accountId)).orElseThrow(() -> new NotFound("campaign"));
    }

    @Override
    public Optional<Campaign> find(UUID id) {
        return store.find(id);
    }

    @Override
    public List<Campaign> list(UUID accountId, int limit) {
        return store.list(accountId, limit);
    }

    @Override
    public SmsPreview smsPreview(UUID accountId, UUID id, String senderName, UUID contactId) {
        Campaign c = get(accountId, id);
        if (c.channel() != Channel.SMS) throw new RuleViolation(409, "channel", "channel", "this is not an SMS campaign");
        return sms.preview(c, senderName, contactId);
    }

    @Override
    public PreflightReport preflight(UUID accountId, UUID id) {
        return preflight.run(get(accountId, id));
    }

    @Override
    @Transactional
    public PreflightReport start(UUID accountId, UUID id, String actor) {
        Campaign c = get(accountId, id);
        if (c.status() == Campaign.Status.PAUSED) {
            resume(accountId, id, actor);
            return preflight.run(get(accountId, id));
        }
        refuseInReview(c);
        return launch(c, actor, null);
    }

    /** a campaign in review is the operator's to decide; the account may edit it (withdrawing) or cancel it. */
    private static void refuseInReview(Campaign c) {
        if (c.status() == Campaign.Status.IN_REVIEW) {
            throw new RuleViolation(409, "status", "R-11", "the campaign waits for the operator's review of its content; edit it to"
                    + " withdraw the request, or wait for the decision");
        }
    }

    /**
     * Starts now when the preflight allows it: no blocking finding, and no finding of severity review unless the
     * operator approved this very content; otherwise the campaign waits for the operator ({@code IN_REVIEW}).
     */
    PreflightReport launch(Campaign c, String actor, String note) {
        UUID id = c.id();
        UUID accountId = c.accountId();
        require(c, Campaign.Status.SENDING);
        PreflightReport report = preflight.run(c);
        refuseBlocking(report);
        if (hold(c, report, ContentReviews.Request.START, null, actor)) return report;
        if (!store.started(id, c.status(), report.policyVersion(), clock.instant())) {
            // issue 18: another node (or request) moved it since it was read; this start is void (rolled back)
            throw new RuleViolation(409, "status", "lifecycle", "the campaign is no longer " + c.status().code() + ": it was started or changed meanwhile");
        }
        transition(id, accountId, c.status(), Campaign.Status.SENDING, actor, "started (policy v" + report.policyVersion() + ")"
                + (report.approvals().isEmpty() ? "" : "; regulated theme allowed by " + report.approvalsLine()) // R-11, issue 19
                + (note == null ? "" : "; " + note));
        // a rented partner audience (issue 19) is sent under the partner's account, from its sender identity
        deliveries.start(id, c.name(), preflight.audience(c), channels.of(c.channel()).template(c), c.throttlePerMinute());
        return report;
    }

    private static void refuseBlocking(PreflightReport report) {
        if (!report.canStart()) {
            throw new RuleViolation(422, report.findings().stream().filter(f -> f.blocking())
                    .map(f -> new Violation(f.location().code(), f.rule(), f.message())).toList());
        }
    }

    @Override
    @Transactional
    public Campaign schedule(UUID accountId, UUID id, Instant at, String actor) {
        Campaign c = get(accountId, id);
        require(c, Campaign.Status.SCHEDULED);
        if (at == null || at.isBefore(clock.instant())) throw new RuleViolation("at", "schedule", "the time must be in the future");
        refuseInReview(c);
        PreflightReport report = preflight.run(c);
        refuseBlocking(report);
        if (hold(c, report, ContentReviews.Request.SCHEDULE, at, actor)) return get(accountId, id);
        return scheduleAt(c, at, actor, null);
    }

    /** Schedules without a new preflight (the operator approved the campaign asked to be scheduled at {@code at}, R-11). */
    Campaign scheduleAt(Campaign c, Instant at, String actor, String note) {
        require(c, Campaign.Status.SCHEDULED);
        store.scheduled(c.id(), at);
        transition(c.id(), c.accountId(), c.status(), Campaign.Status.SCHEDULED, actor, "scheduled for " + at + (note == null ? "" : "; " + note));
        return get(c.accountId(), c.id());
    }

    /**
     * R-11 (issue 16): a preflight with findings of severity review and no approval of this very content holds the
     * campaign for the operator: status {@code IN_REVIEW} and a request recording what was reviewed and what was
     * asked. Returns whether it was held.
     */
    private boolean hold(Campaign c, PreflightReport report, ContentReviews.Request request, Instant at, String actor) {
        List<org.fairsend.content.Finding> review = report.findings().stream().filter(org.fairsend.content.Finding::review).toList();
        if (review.isEmpty()) return false;
        String hash = reviewed.hash(c);
        if (reviews.approved(c.id(), hash)) return false;
        require(c, Campaign.Status.IN_REVIEW);
        reviews.insert(Ids.newId(), c.accountId(), c.id(), c.channel(), hash, report.findings(), request, at, actor, clock.instant());
        List<String> terms = review.stream().flatMap(f -> f.terms().stream()).distinct().toList();
        setStatus(c, Campaign.Status.IN_REVIEW, actor, HELD + (terms.isEmpty() ? "" : " (" + String.join(", ", terms) + ")"));
        return true;
    }

    /** the status reason of a held campaign (the API's answer and the console say it). */
    static final String HELD = "waits for the operator's review of its content (R-11): an ambiguous term needs a human reading";

    /** The operator refused the content: back to draft with the reason. */
    void refused(Campaign c, String actor, String reason) {
        setStatus(c, Campaign.Status.DRAFT, actor, "refused after review (R-11): " + reason);
    }

    @Override
    @Transactional
    public Campaign pause(UUID accountId, UUID id, String actor) {
        Campaign c = get(accountId, id);
        require(c, Campaign.Status.PAUSED);
        deliveries.pause(id);
        setStatus(c, Campaign.Status.PAUSED, actor, "paused");
        return get(accountId, id);
    }

    @Override
    @Transactional
    public Campaign resume(UUID accountId, UUID id, String actor) {
        Campaign c = get(accountId, id);
        if (c.status() == Campaign.Status.SUSPENDED) {
            throw new RuleViolation(409, "status", "R-14", "a suspended campaign is resumed by the operator, with a reason");
        }
        require(c, Campaign.Status.SENDING);
        deliveries.resume(id);
        setStatus(c, Campaign.Status.SENDING, actor, "resumed");
        return get(accountId, id);
    }

    @Override
    @Transactional
    public Campaign resumeSuspended(UUID id, String actor, String reason) {
        Campaign c = find(id).orElseThrow(() -> new NotFound("campaign"));
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the campaign may resume");
        require(c, Campaign.Status.SENDING);
        deliveries.resume(id);
        setStatus(c, Campaign.Status.SENDING, actor, reason);
        return get(c.accountId(), id);
    }

    @Override
    @Transactional
    public void suspend(UUID id, String actor, String reason) {
        Campaign c = find(id).orElseThrow(() -> new NotFound("campaign"));
        if (c.status() == Campaign.Status.SUSPENDED) return;
        require(c, Campaign.Status.SUSPENDED);
        deliveries.pause(id);
        setStatus(c, Campaign.Status.SUSPENDED, actor, reason);
    }

    @Override
    @Transactional
    public Campaign cancel(UUID accountId, UUID id, String actor) {
        cancel(get(accountId, id), actor, "cancelled");
        return get(accountId, id);
    }

    /** Cancels for good with the reason the audit row and the status keep (the account's own cancel, or the operator's, issue 19). */
    void cancel(Campaign c, String actor, String reason) {
        UUID id = c.id();
        require(c, Campaign.Status.CANCELLED);
        if (c.status() == Campaign.Status.IN_REVIEW) {
            reviews.pending(id).ifPresent(r -> reviews.decide(r.id(), ContentReviews.State.WITHDRAWN, actor, "the campaign was cancelled", clock.instant()));
        }
        if (!c.status().editable()) deliveries.cancel(id);
        setStatus(c, Campaign.Status.CANCELLED, actor, reason);
        store.finishedAt(id, clock.instant());
    }

    @Override
    @Transactional
    public void finished(UUID id) {
        find(id).filter(c -> c.status() == Campaign.Status.SENDING).ifPresent(c -> {
            setStatus(c, Campaign.Status.FINISHED, "delivery", "every message reached a final state");
            store.finishedAt(id, clock.instant());
        });
    }

    @Override
    public CampaignProgress progress(UUID accountId, UUID id) {
        Campaign c = get(accountId, id);
        return CampaignProgress.of(c, deliveries.progress(id));
    }

    @Override
    public List<Transition> history(UUID accountId, UUID id) {
        get(accountId, id);
        return store.history(id);
    }

    @Override
    public List<Campaign> due() {
        return store.due(clock.instant());
    }

    @Override
    @Transactional
    public void unschedule(Campaign c, String reason) {
        // issue 18: only a campaign still scheduled; one another node started meanwhile keeps sending
        if (store.unscheduled(c.id(), reason, clock.instant())) {
            transition(c.id(), c.accountId(), Campaign.Status.SCHEDULED, Campaign.Status.DRAFT, "scheduler", reason);
        }
    }

    private void require(Campaign c, Campaign.Status next) {
        if (!c.status().canMoveTo(next)) {
            throw new RuleViolation(409, "status", "lifecycle", "a " + c.status().code() + " campaign cannot become " + next.code());
        }
    }

    private void setStatus(Campaign c, Campaign.Status next, String actor, String reason) {
        store.setStatus(c.id(), next, reason, clock.instant());
        transition(c.id(), c.accountId(), c.status(), next, actor, reason);
    }

    private void transition(UUID id, UUID accountId, Campaign.Status from, Campaign.Status to, String actor, String reason) {
        store.transition(id, from, to, actor, reason, clock.instant());
        events.publishEvent(new CampaignStatusChanged(id, accountId, from, to, actor, reason));
    }
}
