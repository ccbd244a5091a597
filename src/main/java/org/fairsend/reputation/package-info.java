/**
 * Live deliverability indicators, thresholds, the circuit breaker per campaign and per account day (the pause of an account's marketing on a channel), the sanctions ladder and penalties, notifications.
 */
@org.springframework.modulith.ApplicationModule(displayName = "reputation")
package org.fairsend.reputation;
