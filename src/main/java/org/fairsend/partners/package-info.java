/**
 * Partner audiences (issue 19, seed 002 §1.4: lists bought or rented from third parties are refused "except rental via
 * our partners"; R-6). The operator registers a partner (legal name and address, sender identity) and imports its
 * subscribers, each with a consent whose declaration names offers from the partner's advertisers, recorded in the
 * consent ledger of an account that carries the partner (its contacts, suppressions, unsubscribes and verified sender
 * domain). An account rents a partner's audience for one campaign: it asks, the operator approves or refuses with a
 * reason; the campaign then goes to the partner's consented subscribers under the partner's identity and
 * unsubscribe, through the campaigns port {@code campaigns.PartnerAudiences}. The account sees counts and its
 * campaign's aggregate results, never an address. Owns the tables {@code partner}, {@code partner_rental},
 * {@code partner_audit} (V132).
 */
@org.springframework.modulith.ApplicationModule(displayName = "partners")
package org.fairsend.partners;
