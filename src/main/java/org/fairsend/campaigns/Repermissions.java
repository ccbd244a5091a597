package org.fairsend.campaigns;

import java.util.UUID;

/**
 * Re-permission instead of dropping: for the contacts a campaign's audience leaves out as inactive, a draft
 * email campaign asking "do you still want to hear from us?", targeting exactly them (a new list), with a confirm
 * link whose tracked click (evidence in the engagement record) makes the contact engaged again; those who do not
 * confirm stay inactive and excluded.
 */
public interface Repermissions {

    /** What was created: the draft campaign, its list and how many contacts it targets. */
    record Created(Campaign campaign, UUID listId, long contacts) {}

    /**
     * Creates the re-permission draft for the inactive contacts of the account's campaign {@code campaignId}
     * ({@code NotFound} for another account's; 422 when the campaign is not email or has no inactive contact).
     */
    Created create(UUID accountId, UUID campaignId);
}
