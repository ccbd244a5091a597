package org.fairsend.contacts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;

/** What other modules may ask of, or report to, the contact directory. */
public interface ContactDirectory {

    Optional<Contact> find(UUID accountId, UUID contactId);

    /** Many contacts of the account at once (the delivery engine loads a batch's recipients). Unknown ids are absent. */
    java.util.List<Contact> findAll(UUID accountId, java.util.Collection<UUID> contactIds);

    /** Whether the list exists in the account. */
    boolean listExists(UUID accountId, UUID listId);

    /** The contact holding an already normalised address (email for email, E.164 for SMS and voice). */
    Optional<Contact> findByAddress(UUID accountId, Channel channel, String normalizedAddress);

    /** An open (R-8 interest; not an own contact for retention, X-8). */
    void recordOpen(UUID accountId, UUID contactId, Instant at);

    /** A click: interest and an own contact that restarts the retention period. */
    void recordClick(UUID accountId, UUID contactId, Instant at);

    /** Sets the subscription state on a channel (bounces, complaints). Unknown addresses are ignored. */
    void setStatus(UUID accountId, Channel channel, String normalizedAddress, SubscriptionState status);

    /** One of the account's lists and whether the contact is on it (the unsubscribe page's preference centre). */
    record ListMembership(UUID listId, String name, boolean member) {}

    /** The account's lists, each with whether the contact is a member. */
    java.util.List<ListMembership> memberships(UUID accountId, UUID contactId);

    /** Takes the contact off one of the account's lists (the preference centre); unknown ids are ignored. */
    void leaveList(UUID accountId, UUID contactId, UUID listId);
}
