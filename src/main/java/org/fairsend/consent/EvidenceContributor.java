package org.fairsend.consent;

import java.util.List;
import java.util.UUID;

/**
 * Implemented by the modules that hold records about an address (the contact itself, messages sent,
 * unsubscribes, bounces, complaints) so the evidence pack can show all of them. The consent module
 * owns this interface; the others implement it, keeping the dependency one-way.
 */
public interface EvidenceContributor {

    /** The section's name in the pack, e.g. {@code contact}, {@code messages}, {@code bounces}. */
    String section();

    /** Items about the address (already normalised), each a JSON-serialisable map or record, oldest first. */
    List<?> evidence(UUID accountId, String normalizedAddress);
}
