/**
 * Inbound DSN/ARF, unsubscribe endpoints, engagement tracking (each open and click classified human or machine from
 * the data file {@code feedback/machine-signals.json} and the policy's hygiene timing, R-8; the re-permission thank-you
 * page), SMS MO/STOP and receipts, spamtrap hits and complaints.
 *
 * <p>Feedback acts only on what it can prove (docs/ARCHITECTURE.md, "Trust boundaries"): a bounce or complaint is tied to a message
 * only by its signed VERP address or a Message-ID whose MAC verifies; a feedback-loop report counts only from a
 * reporter the operator configured (DKIM of its domain, or its source range), anything else is stored as unverified
 * and counts nothing; complaints are recorded once per message and recipient. The module owns the inbound SMTP
 * listener (with per-address limits), the stored inbound mail (purged after the retention period) and the
 * feedback-loop reporters.
 *
 * <p>Others read the stored inbound mail with its {@link org.fairsend.feedback.InboundStatus} through
 * {@link org.fairsend.feedback.InboundReports} and manage the reporters through
 * {@link org.fairsend.feedback.FeedbackLoopReporters} (the operator's console; the REST API uses the same port).
 *
 * <p>An SMS reply tied to an account is published as {@link org.fairsend.feedback.SmsReplyRecorded} (without its number
 * or text); its text is read through {@link org.fairsend.feedback.SmsReplyTexts} by an account it was tied to.
 *
 * <p>The accounts' provider webhooks (SES through SNS, Mailgun, SendGrid, SMS replies) are authenticated with the
 * account's integration secrets before they store anything, with the SNS topics each account allows and a replay
 * cache (issue 13).
 *
 * <p>Published read models for the {@code results} module (issue 20, V137): {@code campaign_bounce},
 * {@code campaign_complaint}, {@code campaign_unsubscribe} and {@code campaign_engagement} (with R-8's classification),
 * a campaign's feedback without any address (the recipient hash only). Feedback may change its tables as long as these
 * views keep their columns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "feedback")
package org.fairsend.feedback;
