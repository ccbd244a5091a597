/**
 * Tracked numbers, advertising media, redirections, call events, caller masking and statistics.
 */
@org.springframework.modulith.ApplicationModule(displayName = "calltracking")
package org.fairsend.calltracking;
