package org.fairsend.campaigns.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.ContentReviewDecided;
import org.fairsend.campaigns.ContentReviews;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's decisions on held campaigns (R-11, issue 16): the requests {@link CampaignLifecycle} records when a
 * preflight has findings of severity review, and their approval or refusal. A decision applies only to the content
 * that was reviewed: when the campaign changed since (its content hash differs), the request is withdrawn instead and
 * the operator is told. Each decision is stored with who, when and why, and published as {@link ContentReviewDecided}
 * (the account's notice, {@link ReviewNotifier}).
 */
@Service
class ContentReviewDesk implements ContentReviews {

    private final ReviewStore store;
    private final CampaignLifecycle lifecycle;
    private final ReviewedContent reviewed;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ContentReviewDesk(ReviewStore store, CampaignLifecycle lifecycle, ReviewedContent reviewed, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.reviewed = reviewed;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public List<Review> list(State state, int limit) {
        return store.list(state, Math.min(Math.max(limit, 1), 1000));
    }

    @Override
    public long pendingCount() {
        return store.count(State.PENDING);
    }

    @Override
    public Review get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFound("review"));
    }

    @Override
    public List<Review> ofAccount(UUID accountId, int limit) {
        return store.ofAccount(accountId, Math.min(Math.max(limit, 1), 1000));
    }

    @Override
    public Optional<Review> latest(UUID accountId, UUID campaignId) {
        lifecycle.get(accountId, campaignId); // another account's campaign: not found
        return store.latest(campaignId);
    }

    @Override
    public Content content(UUID reviewId) {
        Review r = get(reviewId);
        return reviewed.of(campaign(r));
    }

    @Override
    @Transactional
    public Review approve(UUID id, String actor, String reason) {
        Review r = pending(id);
        Campaign c = current(r, actor);
        if (c == null) return get(id);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        decide(r, State.APPROVED, actor, why);
        Instant now = clock.instant();
        String note = "content approved after review (R-11)" + (why == null ? "" : ": " + why);
        if (r.request() == Request.SCHEDULE && r.scheduledFor() != null && r.scheduledFor().isAfter(now)) {
            lifecycle.scheduleAt(c, r.scheduledFor(), actor, note);
        } else {
            // asked to start now, or its time has passed while it waited: it starts (a blocking finding since the
            // request, e.g. a suspended channel, refuses it and the request stays pending)
            lifecycle.launch(c, actor, note);
        }
        return get(id);
    }

    @Override
    @Transactional
    public Review refuse(UUID id, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation(422, "reason", "R-11", "say why the content is refused: the account reads it to correct its campaign");
        }
        Review r = pending(id);
        Campaign c = current(r, actor);
        if (c == null) return get(id);
        decide(r, State.REFUSED, actor, reason.strip());
        lifecycle.refused(c, actor, reason.strip());
        return get(id);
    }

    private Review pending(UUID id) {
        Review r = get(id);
        if (r.state() != State.PENDING) {
            throw new RuleViolation(409, "state", "R-11", "this review is already " + r.state().code());
        }
        return r;
    }

    /**
     * The campaign as it is now; null when its content changed since the request (a recording chosen anew): the
     * request is withdrawn, the campaign is a draft again, and the answer is the withdrawn request.
     */
    private Campaign current(Review r, String actor) {
        Campaign c = campaign(r);
        if (c.status() != Campaign.Status.IN_REVIEW) {
            throw new RuleViolation(409, "state", "R-11", "the campaign is no longer waiting for review (it is " + c.status().code() + ")");
        }
        if (!reviewed.hash(c).equals(r.contentHash())) {
            lifecycle.withdrawIfChanged(c, actor);
            return null;
        }
        return c;
    }

    private Campaign campaign(Review r) {
        return lifecycle.find(r.campaignId()).orElseThrow(() -> new NotFound("campaign"));
    }

    private void decide(Review r, State state, String actor, String reason) {
        Instant now = clock.instant();
        if (!store.decide(r.id(), state, actor, reason, now)) {
            throw new RuleViolation(409, "state", "R-11", "this review was decided meanwhile");
        }
        events.publishEvent(new ContentReviewDecided(r.id(), r.accountId(), r.campaignId(), r.campaignName(), state, actor, reason, now));
    }
}
