package org.fairsend.contacts;

import java.util.UUID;

/**
 * A batch of an import was committed: {@code contacts} contacts were created or updated and their consent
 * recorded. Published once per batch (not per row) so that a million-row import stays cheap.
 */
public record ContactImported(UUID accountId, UUID importId, UUID listId, long batch, int contacts) {}
