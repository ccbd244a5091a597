package org.fairsend.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * The operator decided a campaign's content review: {@code state} is approved or refused, with who, when and
 * why. Published on the event publication registry: the account's notice (a mail to its contact address) is sent by
 * a listener, and is not lost with a crash.
 */
public record ContentReviewDecided(UUID reviewId, UUID accountId, UUID campaignId, String campaignName, ContentReviews.State state,
        String actor, String reason, Instant at) {}
