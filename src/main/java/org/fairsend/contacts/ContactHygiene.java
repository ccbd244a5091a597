package org.fairsend.contacts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * List hygiene: each contact's email engagement ({@link EngagementState}: engaged, unknown, inactive over the
 * policy's hygiene window), the inactive ones flagged and excluded from every list of the account in one call, the
 * machine opens (privacy-proxy prefetches) that make an engagement unknown rather than inactive, the
 * re-permission list for the inactive contacts of a campaign; and where an account's bounced addresses came from
 * (the awareness notice of the sanctions ladder, R-15).
 */
public interface ContactHygiene {

    /** An inactive contact: no person's open nor click and no machine's open since the cut-off, enough tracked deliveries. */
    record InactiveContact(UUID id, String email, String phone, Instant lastOpenAt, Instant lastClickAt, Instant createdAt,
            String source) {}

    /**
     * The inactive contacts: how many, and the first {@code limit} of them (oldest first); {@code unknown}: contacts
     * with no person's signal since the cut-off whose engagement is unknown (kept, R-8).
     */
    record InactiveReport(Instant since, long inactive, long onLists, long unknown, List<InactiveContact> contacts) {}

    InactiveReport inactive(UUID accountId, Instant since, int limit);

    /**
     * A contact's email engagement by the audience's own test over the policy's window (from {@code since}):
     * {@code isNew} when the rule cannot judge it yet because it is new to the account's mail: it joined within the
     * window, or no tracked message reached it in the window (a just-confirmed subscriber). A new contact is
     * {@link EngagementState#UNKNOWN}, kept, and is never "never opened" (issue 20). {@code trackedDeliveries}: the
     * tracked messages that reached it in the window.
     */
    record Engagement(EngagementState state, boolean isNew, long trackedDeliveries, Instant since) {}

    /** The contact's email engagement; empty for a contact of another account or without an email address. */
    java.util.Optional<Engagement> engagement(UUID accountId, UUID contactId);

    /** Takes every contact inactive since the cut-off off all of the account's lists; returns how many contacts. */
    long excludeInactive(UUID accountId, Instant since);

    /**
     * A machine opened a message to the contact (R-8: a prefetching privacy proxy, which hides whether the person
     * opens): its engagement is unknown, not inactive. A scanner's click hides nothing and is not recorded here.
     */
    void recordMachineOpen(UUID accountId, UUID contactId, Instant at);

    /**
     * A new list of the account holding exactly {@code contactIds} (those of another account are ignored): the
     * audience of a re-permission campaign. Returns the list's id.
     */
    UUID listOf(UUID accountId, String name, String description, Collection<UUID> contactIds);

    /** How many of the account's email addresses bounced, per contact source (import, form, API...). */
    record SourceCount(String source, long bounced, long contacts) {}

    List<SourceCount> bouncedBySource(UUID accountId);
}
