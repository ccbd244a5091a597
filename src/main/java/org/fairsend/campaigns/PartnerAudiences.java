package org.fairsend.campaigns;

import java.util.Optional;
import java.util.UUID;

/**
 * The port through which a campaign learns that it was given a partner's audience to rent (seed 002 §1.4, R-6: bought
 * or rented lists are refused "except rental via our partners"). Declared here, implemented by the {@code partners}
 * module, so the arrow keeps pointing down. A rented campaign goes to the partner's consented subscribers, kept in the
 * partner's own account (its consent ledger, contacts and suppressions), and leaves under the partner's identity: its
 * From, its legal identity in the message, its unsubscribe; the renting account never sees an address.
 */
public interface PartnerAudiences {

    /** The rental of a campaign, whatever its state; empty when the campaign targets the account's own contacts. */
    Optional<Rented> forCampaign(UUID accountId, UUID campaignId);

    /**
     * A partner audience attached to a campaign.
     *
     * @param approved the operator approved the rental: only then may the campaign start
     * @param partnerAccountId the account carrying the partner's subscribers, suppressions and sender domain: the
     *     campaign's messages are sent, suppressed and unsubscribed under it
     * @param listId the partner's subscribers (each with a consent naming offers from the partner's advertisers)
     * @param legalIdentity the partner's legal name and address, shown in every message
     * @param senderNames the names that identify the partner
     */
    record Rented(UUID rentalId, boolean approved, String state, String partnerName, UUID partnerAccountId, UUID listId,
            String fromName, String fromAddress, String replyTo, String legalIdentity, java.util.Set<String> senderNames) {}
}
