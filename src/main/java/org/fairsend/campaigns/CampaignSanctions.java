package org.fairsend.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Codes;

/**
 * The operator's sanctions on one campaign (issue 19, seed 002 §1.5 and the general conditions: "suspend the campaign or
 * cancel the order ... No refunds will be made"), each with a reason, recorded with who and when (an {@link OrderAction}
 * beside the lifecycle's transitions) and shown to the operator and to the account:
 * <ul>
 * <li>{@link #suspend}: a sending or paused campaign stops at once (the last-mile gate holds its queued messages back,
 * they stay queued) until {@link #reinstate}, which resumes it where it stopped;</li>
 * <li>{@link #cancelOrder}: a scheduled (never starts) or running campaign is cancelled for good: nothing more leaves,
 * its waiting messages are cancelled, and the record says no refund is made.</li>
 * </ul>
 * Unknown campaigns answer 404; a campaign in a state the action does not apply to answers 409; no reason, 422.
 */
public interface CampaignSanctions {

    /** What the operator did to a campaign; the table keeps the code. */
    enum Action {
        SUSPEND, REINSTATE, CANCEL;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static Action of(String code) {
            return Codes.of(Action.class, code, "action");
        }
    }

    /** What a cancelled order gives back: the general conditions say no refunds will be made. */
    enum Refund {
        NONE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static Refund of(String code) {
            return Codes.of(Refund.class, code, "refund");
        }
    }

    /** One operator action on a campaign; {@code refund} is set for a cancellation only. */
    record OrderAction(long id, UUID campaignId, UUID accountId, Action action, Campaign.Status from, Campaign.Status to, Refund refund,
            String actor, String reason, Instant at) {}

    /** Suspends a sending or paused campaign at once. */
    Campaign suspend(UUID campaignId, String actor, String reason);

    /** Reinstates a suspended campaign: it sends again from where it stopped. */
    Campaign reinstate(UUID campaignId, String actor, String reason);

    /** Cancels a scheduled, held or running campaign for good, with no refund recorded. */
    Campaign cancelOrder(UUID campaignId, String actor, String reason);

    /** The operator's actions on the account's campaign, oldest first; another account's campaign is not found. */
    List<OrderAction> actions(UUID accountId, UUID campaignId);

    /** The operator's actions on every campaign of the account, newest first. */
    List<OrderAction> ofAccount(UUID accountId);
}
