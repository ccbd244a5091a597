package org.fairsend.accounts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountFreezes;
import org.fairsend.accounts.AccountFrozen;
import org.fairsend.accounts.AccountUnfrozen;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's {@link AccountFreezes} (issue 19, seed 002 §1.5); SQL in {@link FreezeStore}. */
@Service
class FreezeDesk implements AccountFreezes {

    private final FreezeStore store;
    private final AccountStore accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    FreezeDesk(FreezeStore store, AccountStore accounts, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
    }

    @Override
    @Transactional
    public Freeze freeze(UUID accountId, String actor, String reason) {
        String why = RuleViolation.requiredReason(reason, "say why the account is frozen (it is shown to the account)", 2000);
        Account a = accounts.find(accountId).orElseThrow(() -> new NotFound("account"));
        if (a.status() == Account.Status.FROZEN) {
            throw new RuleViolation(409, "status", "frozen", "the account is already frozen" + current(accountId).map(f -> " since "
                    + f.frozenAt() + ": " + f.reason()).orElse(""));
        }
        if (a.status() != Account.Status.ACTIVE || !store.moveStatus(accountId, Account.Status.ACTIVE, Account.Status.FROZEN)) {
            throw new RuleViolation(409, "status", "frozen", "only an active account can be frozen (it is " + org.fairsend.platform.Codes.code(a.status()) + ")");
        }
        Instant now = clock.instant();
        // inside the transaction, first: the last-mile gate of this node stops the account's messages from this moment,
        // before the commit (a rollback is forgotten by the gate within a minute; the table is the record)
        events.publishEvent(new AccountFrozen(accountId, why, actor, now));
        long id = store.insert(accountId, actor, why, now);
        return store.get(id).orElseThrow();
    }

    @Override
    @Transactional
    public Freeze unfreeze(UUID accountId, String actor, String reason) {
        String why = RuleViolation.requiredReason(reason, "say why the freeze is lifted (it is shown to the account)", 2000);
        Account a = accounts.find(accountId).orElseThrow(() -> new NotFound("account"));
        Freeze open = store.open(accountId).orElseThrow(() -> new RuleViolation(409, "status", "frozen", "the account is not frozen"));
        // a terminated account keeps its termination; its freeze is lifted all the same
        if (a.status() == Account.Status.FROZEN && !store.moveStatus(accountId, Account.Status.FROZEN, Account.Status.ACTIVE)) {
            throw new RuleViolation(409, "status", "frozen", "the account changed meanwhile; try again");
        }
        Instant now = clock.instant();
        if (!store.lift(accountId, actor, why, now)) throw new RuleViolation(409, "status", "frozen", "the account is not frozen");
        events.publishEvent(new AccountUnfrozen(accountId, why, actor, now));
        return store.get(open.id()).orElseThrow();
    }

    @Override
    public Optional<Freeze> current(UUID accountId) {
        return store.open(accountId);
    }

    @Override
    public List<Freeze> history(UUID accountId) {
        accounts.find(accountId).orElseThrow(() -> new NotFound("account"));
        return store.history(accountId);
    }

    @Override
    public Map<UUID, Freeze> frozenNow() {
        Map<UUID, Freeze> out = new LinkedHashMap<>();
        for (Freeze f : store.frozenNow()) out.put(f.accountId(), f);
        return out;
    }

}
