/**
 * Call tracking's implementation: the number pool and its history, media and redirections (with the French
 * numbering plan's zones), the provider webhook and call recorder, the one place caller numbers are masked,
 * form and email intake, reports, recurring report mail (periods and schedule in the policy's time zone), and the
 * reaction to zone changes; the reads the REST API answers directly are in {@code CalltrackingStore}.
 */
package org.fairsend.calltracking.internal;
