/**
 * Campaign results (issue 20, "results where people look"): per campaign and channel what was sent, what the data
 * proves was delivered (email: accepted by the receiving server; SMS: the network's delivery receipts; voice: the
 * provider's outcomes), bounces hard and soft, complaints, unsubscribes, opens and clicks by people with the machines'
 * apart, each with its rate and its denominator; a time series sized to the campaign's span; clicks per link;
 * the same as CSV; the headline figures of every campaign of a list page (it implements the campaigns module's port
 * {@code campaigns.CampaignFigures}).
 *
 * <p>It owns no table and keeps nothing: every figure is counted in the database when asked, one aggregate per figure
 * family over published read models, never over another module's tables: delivery's {@code campaign_message} and
 * {@code campaign_voice_outcome} (V136) and feedback's {@code campaign_bounce}, {@code campaign_complaint},
 * {@code campaign_unsubscribe} and {@code campaign_engagement} (V137). A campaign is found through
 * {@code campaigns.CampaignService} (another account's campaign is not found: 404). API
 * {@code GET /api/campaigns/{id}/results}, {@code /api/campaigns/{id}/results.csv}, {@code /api/campaigns.csv}.
 * Uses campaigns, accounts (the caller) and platform, and nothing else (declared below, so {@code ModularityTests}
 * fails on a type of delivery or feedback used here: their data is read through their views only); used by campaigns
 * (through the port) and the console.
 */
@org.springframework.modulith.ApplicationModule(displayName = "results", allowedDependencies = {"campaigns", "accounts", "platform"})
package org.fairsend.results;
