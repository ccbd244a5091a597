package org.fairsend.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.delivery.Segment;

/**
 * Campaigns: definitions (every channel shares one model), the lifecycle state machine with an audit row per
 * transition, and the bridge to delivery (start, pause, resume, cancel). Starting requires a preflight without
 * blocking findings. What differs per channel
 * (content, preflight, what delivery sends) is the channel's strategy in {@code campaigns.internal}.
 */
public interface CampaignService {

    /** What an account writes; null fields keep their defaults (create) or current value (update). */
    /** {@code topic}: what a marketing campaign is about, a topic key (X-8, {@code consent.Topics}); "" clears it. */
    record Draft(String name, String channel, String kind, String subject, String preheader, String html, String text,
            String fromName, String fromAddress, String replyTo, List<UUID> listIds, Segment segment, Boolean excludeInactive,
            Boolean trackOpens, Boolean trackClicks, Boolean platformFooter, Integer throttlePerMinute, String smsSender,
            String topic) {

        /** A draft that leaves the topic as it is. */
        public Draft(String name, String channel, String kind, String subject, String preheader, String html, String text,
                String fromName, String fromAddress, String replyTo, List<UUID> listIds, Segment segment, Boolean excludeInactive,
                Boolean trackOpens, Boolean trackClicks, Boolean platformFooter, Integer throttlePerMinute, String smsSender) {
            this(name, channel, kind, subject, preheader, html, text, fromName, fromAddress, replyTo, listIds, segment,
                    excludeInactive, trackOpens, trackClicks, platformFooter, throttlePerMinute, smsSender, null);
        }
    }

    /** One move of the lifecycle: {@code from} is null for the creation. */
    record Transition(Campaign.Status from, Campaign.Status to, String actor, String reason, Instant at) {}

    Campaign create(UUID accountId, Draft d);

    /** Only a draft or a scheduled campaign may change (409 otherwise); a refused field is a 422 naming it. */
    Campaign update(UUID accountId, UUID id, Draft d);

    /** The account's campaign, or {@code NotFound} (another account's campaign is not found either). */
    Campaign get(UUID accountId, UUID id);

    Optional<Campaign> find(UUID id);

    List<Campaign> list(UUID accountId, int limit);

    /** The SMS as the first eligible recipient will get it, and its cost for the audience. */
    default SmsPreview smsPreview(UUID accountId, UUID id, String senderName) {
        return smsPreview(accountId, id, senderName, null);
    }

    /**
     * The SMS as the contact {@code contactId} of the account will get it (null: the first eligible recipient),
     * and its cost for the audience; 409 for a campaign of another channel.
     */
    SmsPreview smsPreview(UUID accountId, UUID id, String senderName, UUID contactId);

    PreflightReport preflight(UUID accountId, UUID id);

    /** Starts now (or resumes a paused campaign): the preflight must have no blocking finding. */
    PreflightReport start(UUID accountId, UUID id, String actor);

    Campaign schedule(UUID accountId, UUID id, Instant at, String actor);

    Campaign pause(UUID accountId, UUID id, String actor);

    /** The account resumes a paused campaign; a suspended one is the operator's to resume. */
    Campaign resume(UUID accountId, UUID id, String actor);

    /** The operator resumes a suspended campaign, with a reason. */
    Campaign resumeSuspended(UUID id, String actor, String reason);

    /** Suspends a sending campaign: nothing more leaves until the operator resumes it. */
    void suspend(UUID id, String actor, String reason);

    Campaign cancel(UUID accountId, UUID id, String actor);

    /** Delivery finished every message. */
    void finished(UUID id);

    /** Its counts by queue status, with the campaign's own state (issue 20: one vocabulary of states). */
    CampaignProgress progress(UUID accountId, UUID id);

    List<Transition> history(UUID accountId, UUID id);

    /** Scheduled campaigns whose time has come (the scheduler starts them). */
    List<Campaign> due();

    /** A scheduled campaign that can no longer start goes back to draft with the reason; one no longer scheduled is left as it is. */
    void unschedule(Campaign c, String reason);
}
