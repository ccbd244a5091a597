package org.fairsend.accounts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.accounts.Caller;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import org.fairsend.platform.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's {@link ApiKeys}: issuing, checking and revoking keys; SQL in {@link ApiKeyStore}. */
@Service
class ApiKeyIssuer implements ApiKeys {

    private final ApiKeyStore store;
    private final Clock clock;
    private final AccountDirectory accounts;

    ApiKeyIssuer(ApiKeyStore store, Clock clock, AccountDirectory accounts) {
        this.store = store;
        this.clock = clock;
        this.accounts = accounts;
    }

    @Override
    @Transactional
    public CreatedKey createOperatorKey(String name) {
        return insert(null, true, name == null ? "operator" : name);
    }

    @Override
    @Transactional
    public CreatedKey createAccountKey(UUID accountId, String name) {
        Account a = accounts.get(accountId);
        if (a.status() == Account.Status.TERMINATED) {
            throw new RuleViolation(409, "accountId", "R-15", "the account is terminated; no new key can be issued");
        }
        return insert(accountId, false, name == null ? "default" : name);
    }

    private CreatedKey insert(UUID accountId, boolean operator, String name) {
        if (name.length() > 100) throw new RuleViolation("name", "length", "at most 100 characters");
        String secret = PREFIX + Hashing.randomToken(32);
        Instant now = clock.instant();
        KeyInfo info = new KeyInfo(Ids.newId(), accountId, operator, name, secret.substring(0, 10), now, null);
        store.insert(info, Hashing.sha256Hex(secret));
        return new CreatedKey(info, secret);
    }

    @Override
    public Optional<Caller> authenticate(String secret, UUID actingAccount) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        return store.caller(Hashing.sha256Hex(secret), actingAccount);
    }

    @Override
    public boolean anyOperatorKey() {
        return store.anyOperatorKey();
    }

    @Override
    public List<KeyInfo> list(UUID accountId) {
        return store.list(accountId);
    }

    @Override
    @Transactional
    public void revoke(UUID keyId) {
        if (!store.revoke(keyId, clock.instant())) throw new NotFound("API key");
    }
}
