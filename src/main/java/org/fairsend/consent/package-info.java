/**
 * The append-only, hash-chained consent ledger, double opt-in and hosted subscription
 * forms, and evidence packs: for any address, every consent record and, through
 * {@link org.fairsend.consent.EvidenceContributor}s, every message, unsubscribe, bounce and complaint.
 */
@org.springframework.modulith.ApplicationModule(displayName = "consent")
package org.fairsend.consent;
