package org.fairsend.delivery;

import java.util.UUID;

/**
 * Where a campaign's delivery stands: its messages counted by queue status. The state shown with it is the
 * campaign's ({@code campaigns.CampaignProgress}); the run's own state stays delivery's business.
 *
 * @param held waiting for the channel's sending hours to open
 * @param receipts what the network reported for sent messages (SMS delivery receipts): delivered, expired,
 *     undeliverable, rejected
 */
public record RunProgress(UUID campaignId, long total, long queued, long sending, long sent, long blocked,
        long failed, long cancelled, long held, java.util.Map<String, Long> receipts) {}
