/**
 * Audience materialisation, the send queue, rendering, the channel transports (SMTP, SMPP, voice), throttling, the last-mile gate and the send log.
 * Rendering personalises templates written by accounts in a sandbox ({@link org.fairsend.delivery.Templates}): they read
 * no file, resource or URL, call no Java, and every render has a budget ({@link org.fairsend.delivery.TemplateLimits});
 * what it refuses is a {@link org.fairsend.delivery.TemplateRefused}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "delivery")
package org.fairsend.delivery;
