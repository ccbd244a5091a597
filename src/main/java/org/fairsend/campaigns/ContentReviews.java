package org.fairsend.campaigns;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.content.Finding;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Codes;

/**
 * The operator's review of campaigns held by a finding of severity {@code review} (R-11, issue 16): a campaign whose
 * preflight has no blocking finding but an ambiguous one waits ({@link Campaign.Status#IN_REVIEW}) with one request
 * here: what was reviewed (its content's hash and the findings), who asked for what (start now, or schedule at a time).
 * The operator approves (the campaign goes on as asked; the approval holds for that content only) or refuses with a
 * reason (back to draft); each decision is recorded with who, when and why, published as {@link ContentReviewDecided}
 * and mailed to the account. An unknown review answers {@link org.fairsend.platform.NotFound}; a refusal without a
 * reason a {@link org.fairsend.platform.RuleViolation} on field {@code reason}.
 */
public interface ContentReviews {

    /** Where a request stands; stored as its code. */
    enum State {
        PENDING, APPROVED, REFUSED, WITHDRAWN;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static State of(String code) {
            return Codes.of(State.class, code, "state");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** What the account asked for: start now, or schedule at {@code scheduledFor}. */
    enum Request {
        START, SCHEDULE;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static Request of(String code) {
            return Codes.of(Request.class, code, "request");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** One request for review and, once decided, its decision (who, when, why). */
    record Review(UUID id, UUID accountId, UUID campaignId, String campaignName, Channel channel, String contentHash,
            List<Finding> findings, Request request, Instant scheduledFor, String requestedBy, Instant requestedAt, State state,
            String decidedBy, Instant decidedAt, String reason, Instant notifiedAt) {

        /** The matched terms of the review findings, each once. */
        public List<String> terms() {
            return findings.stream().filter(Finding::review).flatMap(f -> f.terms().stream()).distinct().toList();
        }
    }

    /** The campaign's text as the operator reads it (every part as text: the HTML body's text, never its markup). */
    record Content(String subject, String preheader, String text, String htmlText, String smsText, String transcript) {}

    /** Requests in a state; pending ones oldest first (the desk's queue), decided ones newest first. */
    List<Review> list(State state, int limit);

    long pendingCount();

    Review get(UUID id);

    /** The account's requests, newest first (the account's history on the desk). */
    List<Review> ofAccount(UUID accountId, int limit);

    /** The latest request of the account's campaign (another account's campaign: not found). */
    Optional<Review> latest(UUID accountId, UUID campaignId);

    /** The campaign's content as it is now (what the operator decides on). */
    Content content(UUID reviewId);

    /** The campaign goes on as asked: sending now, or scheduled (started at once when its time has passed). */
    Review approve(UUID id, String actor, String reason);

    /** Back to draft with the reason as its status reason; a reason is required. */
    Review refuse(UUID id, String actor, String reason);
}
