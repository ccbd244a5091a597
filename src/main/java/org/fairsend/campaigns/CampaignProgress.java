package org.fairsend.campaigns;

import java.util.Map;
import java.util.UUID;
import org.fairsend.delivery.RunProgress;

/**
 * Where a campaign's sending stands ({@code GET /api/campaigns/{id}/progress}). Its {@code state} is the campaign's
 * own {@link Campaign.Status}, with the same codes as the campaign (issue 20: {@code finished}, never a second
 * vocabulary such as the delivery run's {@code done}).
 *
 * @param held waiting for the channel's sending hours to open
 * @param receipts what the network reported for sent messages (SMS delivery receipts): delivered, expired,
 *     undeliverable, rejected
 */
public record CampaignProgress(UUID campaignId, Campaign.Status state, long total, long queued, long sending, long sent, long blocked,
        long failed, long cancelled, long held, Map<String, Long> receipts) {

    /** The campaign's state with delivery's counts. */
    public static CampaignProgress of(Campaign c, RunProgress p) {
        return new CampaignProgress(c.id(), c.status(), p.total(), p.queued(), p.sending(), p.sent(), p.blocked(), p.failed(),
                p.cancelled(), p.held(), p.receipts());
    }
}
