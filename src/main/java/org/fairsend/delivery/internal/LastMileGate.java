package org.fairsend.delivery.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.platform.Channel;
import org.fairsend.suppression.AddressSuppressed;
import org.fairsend.suppression.Suppression;
import org.fairsend.suppression.SuppressionReason;
import org.fairsend.suppression.Suppressions;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The only door out (docs/ARCHITECTURE.md, "The send path"). Each batch is checked against the suppression list in the database when
 * it is claimed; then every message is checked again in memory right before the wire, against what was
 * suppressed since: this node learns it synchronously from {@link AddressSuppressed} (published inside the
 * recording transaction, so before its commit), other nodes' entries are followed from the table every
 * poll. So an unsubscribe, bounce, complaint or sanction recorded at time T stops every message that
 * reaches the gate after T (after T plus one poll interval for a recording made on another node). The same holds for an
 * account the operator froze (issue 19, seed 002 §1.5: {@link #frozen}), on every channel, transactional messages included.
 */
@Component
public class LastMileGate {

    private static final Duration KEEP = Duration.ofMinutes(30);

    private record Recent(UUID accountId, SuppressionReason reason, Instant at, String detail) {

        Recent(UUID accountId, SuppressionReason reason, Instant at) {
            this(accountId, reason, at, null);
        }
    }

    private final Map<String, java.util.List<Recent>> recent = new ConcurrentHashMap<>();
    private final Suppressions suppressions;
    private final Clock clock;
    private volatile long watermark = -1;
    private final org.fairsend.accounts.AccountFreezes freezes;
    /** Issue 19: the accounts frozen now, as the last poll of the table found them (account id to the operator's reason). */
    private volatile Map<UUID, String> frozen = Map.of();
    /** Frozen on this node since: known before the freeze commits, kept until a poll sees it (or for a while, if it rolled back). */
    private final Map<UUID, Recent> frozenHere = new ConcurrentHashMap<>();

    LastMileGate(Suppressions suppressions, Clock clock, org.fairsend.accounts.AccountFreezes freezes) {
        this.suppressions = suppressions;
        this.clock = clock;
        this.freezes = freezes;
    }

    /** Issue 19: an account frozen on this node stops at this gate at once, before the freeze commits. */
    @EventListener
    void on(org.fairsend.accounts.AccountFrozen e) {
        frozenHere.put(e.accountId(), new Recent(e.accountId(), null, clock.instant(), e.reason()));
    }

    /** Counts the lifts applied on this node: a poll that read the table before one of them does not overwrite it. */
    private final java.util.concurrent.atomic.AtomicLong lifts = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A freeze lifted on this node: its messages may leave again (other nodes follow at their next poll). Applied once
     * the lifting has committed, and a poll that read the table before then leaves it alone ({@link #followFreezes}): a
     * message sent right after the operator lifted the freeze is never blocked by a stale read.
     */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(org.fairsend.accounts.AccountUnfrozen e) {
        lifts.incrementAndGet();
        frozenHere.remove(e.accountId());
        Map<UUID, String> next = new java.util.HashMap<>(frozen);
        next.remove(e.accountId());
        frozen = Map.copyOf(next);
    }

    /** Frozen on this node or another (issue 19, seed 002 §1.5): the operator's reason, or null when the account may send. */
    String frozen(UUID accountId) {
        Recent here = frozenHere.get(accountId);
        if (here != null) return here.detail();
        return frozen.get(accountId);
    }

    /** Issue 19: the frozen accounts, re-read every poll (a freeze or its lifting on another node is seen within a poll). */
    @Scheduled(fixedDelayString = "${fairsend.delivery.gate-poll:250ms}")
    void followFreezes() {
        Instant polled = clock.instant();
        long liftsBefore = lifts.get();
        Map<UUID, String> now = new java.util.HashMap<>();
        freezes.frozenNow().forEach((id, f) -> now.put(id, f.reason()));
        if (lifts.get() != liftsBefore) return; // a lift committed meanwhile: this read may predate it; the next poll reads after
        frozen = Map.copyOf(now);
        // seen in the table: the table speaks for it from now on; never seen after a minute: its transaction rolled back
        frozenHere.entrySet().removeIf(e -> now.containsKey(e.getKey()) || e.getValue().at().isBefore(polled.minus(Duration.ofMinutes(1))));
    }

    /** Recorded on this node: known before the recording commits. */
    @EventListener
    void on(AddressSuppressed e) {
        remember(e.accountId(), e.channel(), e.addressHash(), e.reason());
    }

    /**
     * Lifted on this node (issue 15: the person came back, or the operator lifted a complaint): what this gate remembered
     * of the entry no longer stops their messages. (A lift on another node is seen by the batch check at once; this
     * node's memory of an entry recorded in the last 30 minutes keeps it until it ages out.)
     */
    @EventListener
    void on(org.fairsend.suppression.SuppressionLifted e) {
        var list = recent.get(e.channel().code() + ":" + e.addressHash());
        if (list != null) list.removeIf(r -> java.util.Objects.equals(r.accountId(), e.accountId()) && r.reason() == e.reason());
    }

    /** Recorded on other nodes: followed from the table. */
    @Scheduled(fixedDelayString = "${fairsend.delivery.gate-poll:250ms}")
    void follow() {
        if (watermark < 0) {
            watermark = suppressions.lastId();
            return;
        }
        for (Suppression s : suppressions.since(watermark, 10_000)) {
            remember(s.accountId(), s.channel(), s.addressHash(), s.reason());
            watermark = Math.max(watermark, s.id());
        }
        Instant horizon = clock.instant().minus(KEEP);
        recent.values().forEach(l -> l.removeIf(r -> r.at().isBefore(horizon)));
        recent.entrySet().removeIf(e -> e.getValue().isEmpty());
    }

    private void remember(UUID accountId, Channel channel, String hash, SuppressionReason reason) {
        recent.computeIfAbsent(channel.code() + ":" + hash, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new Recent(accountId, reason, clock.instant()));
    }

    /** The batch-level check against the database: the hashes suppressed for the account. */
    Set<String> suppressedAmong(UUID accountId, Channel channel, Collection<String> hashes, boolean marketing) {
        return suppressions.suppressedAmong(accountId, channel, hashes, !marketing);
    }

    /** The in-memory check right before the wire: suppressed since the batch was claimed? */
    boolean suppressedSince(UUID accountId, Channel channel, String hash, boolean marketing) {
        var list = recent.get(channel.code() + ":" + hash);
        if (list == null) return false;
        for (Recent r : list) {
            if ((r.accountId() == null || r.accountId().equals(accountId))
                    && (marketing || r.reason() != SuppressionReason.UNSUBSCRIBED)) {
                return true;
            }
        }
        return false;
    }
}
