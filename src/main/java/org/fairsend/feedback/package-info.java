/**
 * Inbound DSN/ARF, unsubscribe endpoints, engagement tracking, SMS MO/STOP and receipts, spamtrap hits and complaints.
 */
@org.springframework.modulith.ApplicationModule(displayName = "feedback")
package org.fairsend.feedback;
