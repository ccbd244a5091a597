/**
 * Who must never be contacted: per account or platform-wide, per channel, with the reason (unsubscribe,
 * hard bounce, complaint, spamtrap, erasure...) and its source. Entries are looked up by the
 * address hash only, so an erased person stays suppressed with no readable address left.
 */
@org.springframework.modulith.ApplicationModule(displayName = "suppression")
package org.fairsend.suppression;
