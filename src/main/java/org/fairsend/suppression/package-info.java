/**
 * Who must never be contacted: per account or platform-wide, per channel, with the reason (unsubscribe,
 * hard bounce, complaint, spamtrap, erasure...) and its source. Entries are looked up by the
 * address hash only, so an erased person stays suppressed with no readable address left. Also the national
 * opposition list to telephone canvassing (Bloctel, {@link org.fairsend.suppression.OppositionList}, X-7),
 * kept as hashes, which voice audiences are checked against.
 */
@org.springframework.modulith.ApplicationModule(displayName = "suppression")
package org.fairsend.suppression;
