/**
 * Live deliverability indicators, thresholds, the circuit breaker, the sanctions ladder and penalties, notifications.
 */
@org.springframework.modulith.ApplicationModule(displayName = "reputation")
package org.fairsend.reputation;
