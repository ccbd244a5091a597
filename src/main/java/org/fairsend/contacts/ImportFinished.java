package org.fairsend.contacts;

import java.util.UUID;

/** An import ended: {@code status} is {@code finished} or {@code failed}. */
public record ImportFinished(UUID accountId, UUID importId, UUID listId, ContactImports.Status status, long rowsRead,
        long rowsAccepted, long rowsRejected) {}
