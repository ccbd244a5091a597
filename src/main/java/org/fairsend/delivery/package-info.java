/**
 * Audience materialisation (with each contact's class and engagement state, R-8: whether a run's messages could show an
 * open is kept with the run, {@code delivery_run.trackable}, and published as the view {@code tracked_delivery}), the send queue, rendering, the channel transports (SMTP, SMPP, voice), throttling, the last-mile gate and the send log.
 * Rendering personalises templates written by accounts in a sandbox ({@link org.fairsend.delivery.Templates}): they read
 * no file, resource or URL, call no Java, and every render has a budget ({@link org.fairsend.delivery.TemplateLimits});
 * what it refuses is a {@link org.fairsend.delivery.TemplateRefused}.
 *
 * <p>Published read models of a campaign's messages for the {@code results} module (issue 20, V136):
 * {@code campaign_message} (status, SMS receipt, when each left) and {@code campaign_voice_outcome} (the voice provider's
 * accepted outcomes per drop). Delivery may change its tables as long as these views keep their columns.
 */
@org.springframework.modulith.ApplicationModule(displayName = "delivery")
package org.fairsend.delivery;
