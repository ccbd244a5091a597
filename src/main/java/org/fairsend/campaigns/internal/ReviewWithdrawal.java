package org.fairsend.campaigns.internal;

import java.time.Clock;
import org.fairsend.campaigns.Campaign;
import org.fairsend.campaigns.CampaignStatusChanged;
import org.fairsend.campaigns.ContentReviews;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * an edit of the content of a campaign in review withdraws the request (the operator would decide on a text
 * that is no longer the one sent), and the campaign is a draft again; an edit of anything else (name, lists) leaves
 * the request as it is. Called after every edit of a campaign in review: its fields ({@link CampaignLifecycle#update})
 * and a voice campaign's recording ({@link VoiceCampaignChannel#update}), which is why it is its own bean (the
 * channels cannot depend on the lifecycle that uses them).
 */
@Component
class ReviewWithdrawal {

    private final CampaignStore campaigns;
    private final ReviewStore reviews;
    private final ReviewedContent reviewed;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ReviewWithdrawal(CampaignStore campaigns, ReviewStore reviews, ReviewedContent reviewed, Clock clock, ApplicationEventPublisher events) {
        this.campaigns = campaigns;
        this.reviews = reviews;
        this.reviewed = reviewed;
        this.clock = clock;
        this.events = events;
    }

    /** Withdraws the campaign's pending request when its content is no longer the reviewed one; true if it did. */
    boolean ifChanged(Campaign c, String actor) {
        if (c.status() != Campaign.Status.IN_REVIEW) return false;
        var pending = reviews.pending(c.id()).filter(r -> !r.contentHash().equals(reviewed.hash(c)));
        if (pending.isEmpty()) return false;
        var now = clock.instant();
        String reason = "the review request was withdrawn: the content was edited (R-11)";
        reviews.decide(pending.get().id(), ContentReviews.State.WITHDRAWN, actor, "the campaign's content was edited", now);
        campaigns.setStatus(c.id(), Campaign.Status.DRAFT, reason, now);
        campaigns.transition(c.id(), c.status(), Campaign.Status.DRAFT, actor, reason, now);
        events.publishEvent(new CampaignStatusChanged(c.id(), c.accountId(), c.status(), Campaign.Status.DRAFT, actor, reason));
        return true;
    }
}
