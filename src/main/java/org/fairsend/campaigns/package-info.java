/**
 * Campaign definitions, the preflight compliance report, the lifecycle state machine and scheduling windows.
 */
@org.springframework.modulith.ApplicationModule(displayName = "campaigns")
package org.fairsend.campaigns;
