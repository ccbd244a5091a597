package org.fairsend.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API keys: 256 random bits, shown once at creation and stored only as their SHA-256 (a key of that
 * entropy needs no slow hash). Operator keys belong to no account.
 */
public interface ApiKeys {

    /** What every key starts with. */
    String PREFIX = "fsk_";

    /** A key as listed: never the secret. */
    record KeyInfo(UUID id, UUID accountId, boolean operator, String name, String displayPrefix,
            Instant createdAt, Instant revokedAt) {}

    /** A freshly created key: the only time the secret is visible. */
    record CreatedKey(KeyInfo info, String secret) {}

    CreatedKey createOperatorKey(String name);

    /** A new key of an open account (R-15: a terminated account gets none). */
    CreatedKey createAccountKey(UUID accountId, String name);

    /** The caller a presented secret authenticates, if the key exists, is not revoked and its account is open. */
    Optional<Caller> authenticate(String secret, UUID actingAccount);

    boolean anyOperatorKey();

    List<KeyInfo> list(UUID accountId);

    /** Revokes a key (404 when unknown or already revoked). */
    void revoke(UUID keyId);
}
