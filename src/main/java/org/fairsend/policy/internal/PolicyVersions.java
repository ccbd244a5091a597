package org.fairsend.policy.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.Policy;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.PolicySnapshot;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The policy module's {@link PolicyService}: the cached current version, version 1 written at first use, new
 * versions checked before they are saved. SQL in {@link PolicyStore}.
 */
@Service
class PolicyVersions implements PolicyService {

    /** How long a node trusts its cached version before it looks for one saved by another node. */
    private static final long RECHECK_NANOS = Duration.ofSeconds(2).toNanos();

    private final PolicyStore store;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private volatile PolicySnapshot current;
    /** When this node last asked the database for a newer version (System.nanoTime). */
    private volatile long checkedAt;

    PolicyVersions(PolicyStore store, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public PolicySnapshot current() {
        PolicySnapshot c = current;
        if (c == null) return refresh();
        long now = System.nanoTime();
        if (now - checkedAt > RECHECK_NANOS) {
            // another node may have saved a newer version: one indexed look-up every couple of seconds per node
            checkedAt = now;
            Integer newest = store.newestVersion();
            if (newest == null || newest != c.version()) return refresh();
        }
        return c;
    }

    @Override
    public synchronized PolicySnapshot refresh() {
        Optional<PolicySnapshot> latest = store.latest();
        if (latest.isEmpty()) {
            try {
                // in its own transaction: the first reader may be inside one that rolls back (a refused request),
                // which must not take version 1 away from under the cached copy
                ownTransaction.executeWithoutResult(t -> store.insert(1, Policy.defaults(), "fairsend",
                        "defaults (docs/RULES.md)", clock.instant()));
            } catch (DuplicateKeyException raced) {
                // another node wrote version 1
            }
            latest = store.latest();
        }
        current = latest.orElseThrow();
        checkedAt = System.nanoTime();
        return current;
    }

    @Override
    @Transactional
    public PolicySnapshot update(Policy policy, String who, String reason) {
        return update(policy, who, reason, null);
    }

    @Override
    @Transactional
    public PolicySnapshot update(Policy policy, String who, String reason, Integer basedOn) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", "say why the policy changes");
        List<RuleViolation.Violation> problems = policy.problems();
        if (!problems.isEmpty()) throw new RuleViolation(422, problems);
        Integer newest = store.newestVersion();
        int stored = newest == null ? 0 : newest;
        if (basedOn != null && basedOn != stored) throw replaced(basedOn, stored);
        try {
            store.insert(stored + 1, policy, who, reason, clock.instant());
        } catch (DuplicateKeyException raced) {
            // another editor saved version stored + 1 between our read and our insert (the primary key decides)
            if (basedOn != null) throw replaced(basedOn, stored + 1);
            throw new RuleViolation(409, "version", "policy-version", "another policy version was saved at the same moment; try again");
        }
        return refresh();
    }

    private static RuleViolation replaced(int basedOn, int newest) {
        return new RuleViolation(409, "version", "policy-version", "you edited version " + basedOn + " but version " + newest
                + " replaced it meanwhile; nothing was saved: reload the policy, look at what changed and make your change again");
    }

    @Override
    public List<PolicySnapshot> versions() {
        current();
        return store.all();
    }

    @Override
    public Optional<PolicySnapshot> version(int v) {
        return store.version(v);
    }
}
