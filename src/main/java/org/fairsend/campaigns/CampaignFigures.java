package org.fairsend.campaigns;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Port (issue 20): the figures of each campaign in a list, counted for the whole page at once (one grouped query per
 * figure family, never one per campaign). Declared here for the campaign list ({@code GET /api/campaigns}, the
 * console's campaigns page); implemented by the {@code results} module, which counts over delivery's and feedback's
 * published read models.
 */
public interface CampaignFigures {

    /**
     * A campaign's headline figures; what each means per channel is documented on {@code GET /api/campaigns/{id}/results}.
     *
     * @param sent messages that left (accepted by the next hop: the receiving SMTP server, the SMSC, the voice provider)
     * @param delivered what the data proves arrived: for email the same as sent (accepted by the receiving server: a
     *     later bounce is counted apart, no inbox placement is known); for SMS the network's delivery receipts
     *     (DELIVRD); for voice the provider's outcome (left on the voicemail, or heard and opted out)
     * @param openRate people's unique opens over sent (machine opens left out, R-8); null without a sent message or
     *     for a channel without opens
     * @param clickRate people's unique clicks over sent (machine clicks left out, R-8); null without a sent message
     * @param bounces distinct recipients with a bounce (hard or soft)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    record Summary(long sent, long delivered, Double openRate, Double clickRate, long bounces, long complaints, long unsubscribes) {

        public static final Summary NONE = new Summary(0, 0, null, null, 0, 0, 0);
    }

    /** The figures of the account's campaigns {@code campaignIds}; a campaign with nothing yet has {@link Summary#NONE}. */
    Map<UUID, Summary> summaries(UUID accountId, Collection<Campaign> campaigns);
}
