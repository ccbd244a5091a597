/**
 * Call tracking's implementation: the number pool and its history, media and redirections (with the French
 * numbering plan's zones), the provider webhook and call recorder, the one place caller numbers are masked,
 * form and email intake, reports, recurring report mail, and the reaction to zone changes.
 */
package org.fairsend.calltracking.internal;
