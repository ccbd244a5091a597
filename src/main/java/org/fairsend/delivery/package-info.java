/**
 * Audience materialisation, the send queue, rendering, the channel transports (SMTP, SMPP, voice), throttling, the last-mile gate and the send log.
 */
@org.springframework.modulith.ApplicationModule(displayName = "delivery")
package org.fairsend.delivery;
