package org.fairsend.suppression;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.platform.Channel;

/**
 * The suppression list. An entry applies to its account's messages on its channel, or to every
 * account's when platform-wide. Adding is idempotent per (account, channel, address, reason) and publishes
 * {@link AddressSuppressed} inside the recording transaction, so the last-mile gate learns it at once.
 */
public interface Suppressions {

    /** Suppresses a normalised address, keeping it readable (for the evidence pack). */
    void suppress(UUID accountId, Channel channel, String normalizedAddress, SuppressionReason reason, String source,
            String detail);

    /** Suppresses by hash only: the address itself is not kept (erasure, X-5). */
    void suppressHashed(UUID accountId, Channel channel, String addressHash, SuppressionReason reason, String source);

    /** Whether messages of the account on the channel must not go to the address. */
    boolean isSuppressed(UUID accountId, Channel channel, String normalizedAddress);

    boolean isSuppressedHash(UUID accountId, Channel channel, String addressHash);

    /**
     * Of the given address hashes, those suppressed for the account on the channel. For transactional mail
     * ({@code hardOnly}) an unsubscribe does not count, only bounces, complaints, spamtraps and erasure.
     */
    Set<String> suppressedAmong(UUID accountId, Channel channel, Collection<String> hashes, boolean hardOnly);

    /** Entries added after {@code afterId}, oldest first (other nodes' gates follow the list with it). */
    List<Suppression> since(long afterId, int limit);

    long lastId();

    /**
     * For many addresses at once (imports): each suppressed one among {@code normalizedAddresses} with the
     * reasons of the entries that apply to the account on the channel (its own and platform-wide).
     */
    Map<String, List<SuppressionReason>> reasonsFor(UUID accountId, Channel channel, Collection<String> normalizedAddresses);

    /** The entries about an address that apply to an account (its own and platform-wide). */
    List<Suppression> entriesFor(UUID accountId, String normalizedAddress);

    /** An account's entries, newest first, keyset-paged by id. */
    List<Suppression> list(UUID accountId, Long beforeId, int limit);

    /** Removes an account's manual entry (the other reasons are facts that stay). */
    boolean removeManual(UUID accountId, long id);

    /**
     * The person came back (issue 15): new explicit consent on the channel lifts the account's unsubscribe entries in
     * force for the address (they stay in the history, stamped with {@code by} and {@code why}). Nothing else is ever
     * lifted this way: complaints, bounces, spamtraps, erasure, manual entries and platform-wide entries stay.
     *
     * @return how many entries were lifted
     */
    int liftUnsubscribe(UUID accountId, Channel channel, String normalizedAddress, String by, String why);

    /**
     * The operator lifts one entry in force with a reason (issue 15): a complaint, a hard bounce or repeated soft
     * bounces (a person who complained by mistake, a mailbox that works again). Unsubscribes are lifted by the person's
     * own new consent only; spamtraps, erasure and retention never. Throws {@code RuleViolation} (409, R-16) for
     * another reason, {@code NotFound} for an unknown entry.
     */
    Suppression liftByOperator(long id, String operator, String why);

    /** One entry, any account's (the operator's pages). */
    java.util.Optional<Suppression> find(long id);

    /** Lifted entries, newest lift first (the operator's pages). */
    List<Suppression> lifted(int limit);
}
