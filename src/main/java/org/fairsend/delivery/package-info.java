/**
 * Audience materialisation (with each contact's class and engagement state, R-8: whether a run's messages could show an
 * open is kept with the run, {@code delivery_run.trackable}, and published as the view {@code tracked_delivery}), the send queue, rendering, the channel transports (SMTP, SMPP, voice), throttling, the last-mile gate and the send log.
 * Rendering personalises templates written by accounts in a sandbox ({@link org.fairsend.delivery.Templates}): they read
 * no file, resource or URL, call no Java, and every render has a budget ({@link org.fairsend.delivery.TemplateLimits});
 * what it refuses is a {@link org.fairsend.delivery.TemplateRefused}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "delivery")
package org.fairsend.delivery;
