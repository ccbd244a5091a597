/**
 * Outbound webhooks (issue 20): the account's own systems (a CRM, a data warehouse) are told what happened to its
 * messages. The account registers endpoint URLs (HTTPS; never a private, loopback, link-local or metadata address,
 * checked at registration and again, after resolving the host, before every post: SSRF) and picks event types among
 * {@link org.fairsend.webhooks.WebhookEventType}. Each endpoint has a secret generated at creation (shown once,
 * sealed by the platform secret) that signs every post as {@code platform.WebhookSignature} does: HMAC-SHA256 over
 * {@code timestamp "." body}.
 *
 * <p>It listens to delivery's {@code MessageSent}, {@code MessageDelivered} (an SMS receipt) and {@code VoiceDropReported}
 * (a drop left on the voicemail or heard and opted out of: {@code delivered}), feedback's {@code BounceRecorded}, {@code ComplaintRecorded},
 * {@code UnsubscribeRecorded}, {@code EngagementRecorded} (clicks) and {@code SmsReplyRecorded}, and call tracking's
 * {@code CallRecorded}. In the publishing transaction it only asks an
 * in-memory set whether the account has an endpoint for that type (the send path writes nothing for an account
 * without webhooks); a match is republished to a registry listener ({@code @ApplicationModuleListener}) that inserts
 * one pending delivery per endpoint after the commit. A scheduled worker (one node at a time, ShedLock) posts the
 * pending deliveries with a short timeout, retries with exponential backoff and gives up after a number of attempts;
 * every attempt is recorded (status code, error, duration) and shown to the account.
 *
 * <p>Owns the tables {@code webhook_endpoint}, {@code webhook_delivery}, {@code webhook_attempt} (V134; an endpoint's
 * disabling V141). Uses delivery, feedback (a reply's text, read when posted), calltracking (the caller as stored,
 * read when posted), contacts (whether the account owns the recipient) and platform. The console manages the
 * endpoints through {@link org.fairsend.webhooks.OutboundWebhooks}, as the REST API does.
 */
@org.springframework.modulith.ApplicationModule(displayName = "webhooks")
package org.fairsend.webhooks;
