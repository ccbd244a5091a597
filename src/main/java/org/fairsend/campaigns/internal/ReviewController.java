package org.fairsend.campaigns.internal;

import java.util.UUID;
import org.fairsend.accounts.Caller;
import org.fairsend.campaigns.ContentReviews;
import org.fairsend.campaigns.ContentReviews.Review;
import org.fairsend.campaigns.ContentReviews.State;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The content reviews: the operator's queue and decisions under {@code /api/operator/reviews}, and the
 * account's view of its campaign's latest review ({@code GET /api/campaigns/{id}/review}, scoped to the caller).
 */
@RestController
class ReviewController {

    private final ContentReviews reviews;

    ReviewController(ContentReviews reviews) {
        this.reviews = reviews;
    }

    record Decision(String reason) {}

    /** A request with the campaign's content as the operator reads it. */
    record Detail(Review review, ContentReviews.Content content) {}

    @GetMapping("/api/operator/reviews")
    java.util.List<Review> list(@RequestParam(defaultValue = "pending") String state, @RequestParam(defaultValue = "100") int limit) {
        return reviews.list(state(state), limit);
    }

    @GetMapping("/api/operator/reviews/{id}")
    Detail get(@PathVariable UUID id) {
        return new Detail(reviews.get(id), reviews.content(id));
    }

    @PostMapping("/api/operator/reviews/{id}/approve")
    Review approve(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return decided(reviews.approve(id, Caller.current().actor(), in == null ? null : in.reason()));
    }

    @PostMapping("/api/operator/reviews/{id}/refuse")
    Review refuse(@PathVariable UUID id, @RequestBody(required = false) Decision in) {
        return decided(reviews.refuse(id, Caller.current().actor(), in == null ? null : in.reason()));
    }

    /** The campaign's latest review, its decision and reason (404 when it never waited for one, or is another account's). */
    @GetMapping("/api/campaigns/{id}/review")
    Review ofCampaign(@PathVariable UUID id) {
        return reviews.latest(Caller.current().accountId(), id).orElseThrow(() -> new NotFound("review"));
    }

    private static Review decided(Review r) {
        if (r.state() == State.WITHDRAWN) {
            throw new RuleViolation(409, "contentHash", "R-11", "the campaign's content changed since the request: the request is withdrawn"
                    + " and the campaign is a draft again");
        }
        return r;
    }

    private static State state(String code) {
        return State.of(code); // 400 naming the field and the codes otherwise
    }
}
