/**
 * Campaign definitions, the preflight compliance report, the lifecycle state machine and scheduling windows,
 * transactional messages one at a time, voice recordings, re-permission campaigns for a campaign's inactive contacts
 * ({@link org.fairsend.campaigns.Repermissions}, R-8).
 *
 * <p>API: {@link org.fairsend.campaigns.CampaignService} (interface), {@link org.fairsend.campaigns.Campaign} with its
 * typed kind and status, {@link org.fairsend.campaigns.PreflightReport}, {@link org.fairsend.campaigns.SmsPreview},
 * {@link org.fairsend.campaigns.VoiceCampaigns} (interface), {@link org.fairsend.campaigns.ContentReviews} (interface: the
 * operator's review of campaigns held by a finding of severity review, R-11, with its {@code content_review} records),
 * the events {@link org.fairsend.campaigns.CampaignStatusChanged} and {@link org.fairsend.campaigns.ContentReviewDecided},
 * {@link org.fairsend.campaigns.CampaignSanctions} (the operator suspends, reinstates or cancels an order, with a reason and no
 * refund, recorded in {@code campaign_order_action}, issue 19), {@link org.fairsend.campaigns.CampaignProgress} (the counts
 * of a campaign's messages with the campaign's own status: one vocabulary of states, issue 20), the port
 * {@link org.fairsend.campaigns.CampaignFigures} (a list page's headline figures, implemented by the {@code results}
 * module, which owns what a campaign's results mean).
 * Inside: the lifecycle ({@code CampaignLifecycle}, which holds a campaign for review), the review desk's decisions
 * ({@code ContentReviewDesk}) and the account's notice of them ({@code ReviewNotifier}), the SQL ({@code CampaignStore}, {@code VoiceMessageStore}),
 * the preflight's skeleton, and one {@code CampaignChannel} per channel for what differs (content and audience
 * findings, personalised parts, the template delivery sends).
 */
@org.springframework.modulith.ApplicationModule(displayName = "campaigns")
package org.fairsend.campaigns;
