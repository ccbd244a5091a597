package org.fairsend.dedicatedip;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dedicated-IP workflow (issue 19). Account-side calls take the caller's account and answer 404 for another
 * account's request; operator calls act on any. Every step is audited ({@link #events(UUID)}) and published
 * ({@link DedicatedIpChanged}). Bad input is a {@code RuleViolation} naming the field.
 */
public interface DedicatedIps {

    /** The account asks for a dedicated IP: {@code domains} must be its verified sender domains; one open request at a time. */
    DedicatedIpRequest request(UUID accountId, Long monthlyVolume, List<String> domains, String note, String actor);

    /** The account's requests, newest first. */
    List<DedicatedIpRequest> list(UUID accountId);

    /** One of the account's requests (404 when it is not the account's). */
    DedicatedIpRequest get(UUID accountId, UUID requestId);

    /** Every request (the operator's desk), newest first; {@code status} null for all. */
    List<DedicatedIpRequest> all(DedicatedIpStatus status);

    DedicatedIpRequest getAny(UUID requestId);

    /** The operator assigns a free address of the pool; the warm-up starts on {@code startsOn} (today when null). */
    DedicatedIpRequest assign(UUID requestId, String address, LocalDate startsOn, String reason, String actor);

    DedicatedIpRequest reject(UUID requestId, String reason, String actor);

    /** The operator takes the address back (with a reason): the account sends from the shared addresses again. */
    DedicatedIpRequest release(UUID requestId, String reason, String actor);

    List<DedicatedIpEvent> events(UUID requestId);

    /** The warm-up's progress of a request that has an address; empty otherwise. */
    Optional<WarmupProgress> progress(UUID requestId);

    /** The operator adds an address to the pool. */
    PoolAddress addToPool(String address, String note, String actor);

    List<PoolAddress> pool();
}
