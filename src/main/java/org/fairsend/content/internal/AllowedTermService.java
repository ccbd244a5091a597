package org.fairsend.content.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.content.AllowedTerms;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link AllowedTerms}: the rules on a term and the compiled terms per account. Screening runs in every preflight
 * and per-message API call, so an account's terms are compiled once ({@link Lexicon.Phrases}) and kept until they
 * change: the entry is dropped when a change made on this node commits, and a change made on another node (issue 18:
 * several nodes, one database) is found by the terms' fingerprint, re-read at most every
 * {@code fairsend.content.allowed-terms-recheck} (2 s) per account.
 */
@Service
class AllowedTermService implements AllowedTerms {

    private final AllowedTermStore store;
    private final AccountDirectory accounts;
    private final Clock clock;
    private final long recheckNanos;
    private final Map<UUID, Compiled> compiled = new ConcurrentHashMap<>();

    /** An account's compiled terms, the fingerprint they were read at, and when that was last checked. */
    private record Compiled(Lexicon.Phrases phrases, String fingerprint, long checkedNanos) {}

    AllowedTermService(AllowedTermStore store, AccountDirectory accounts, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${fairsend.content.allowed-terms-recheck:2s}") java.time.Duration recheck) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
        this.recheckNanos = recheck.toNanos();
    }

    /** The account's allowed terms, compiled; none for no account. */
    Lexicon.Phrases phrases(UUID accountId) {
        if (accountId == null) return Lexicon.Phrases.NONE;
        Compiled c = compiled.get(accountId);
        long now = System.nanoTime();
        if (c != null && now - c.checkedNanos() < recheckNanos) return c.phrases();
        String fingerprint = store.fingerprint(accountId);
        if (c != null && c.fingerprint().equals(fingerprint)) {
            compiled.put(accountId, new Compiled(c.phrases(), fingerprint, now));
            return c.phrases();
        }
        List<String> terms = store.list(accountId).stream().map(AllowedTerm::term).toList();
        Lexicon.Phrases phrases = terms.isEmpty() ? Lexicon.Phrases.NONE : new Lexicon.Phrases(terms);
        compiled.put(accountId, new Compiled(phrases, fingerprint, now));
        return phrases;
    }

    @Override
    public List<AllowedTerm> list(UUID accountId) {
        return store.list(accountId);
    }

    @Override
    public List<Change> history(UUID accountId) {
        return store.history(accountId);
    }

    @Override
    @Transactional
    public AllowedTerm add(UUID accountId, String term, String reason, String actor) {
        accounts.get(accountId);
        List<Violation> v = new ArrayList<>();
        String t = term == null ? "" : term.strip().replaceAll("\\s+", " ");
        String key = key(t);
        if (t.isEmpty()) v.add(new Violation("term", "R-11", "the term is required"));
        else if (t.length() > 100) v.add(new Violation("term", "R-11", "a term has at most 100 characters"));
        else if (t.indexOf('*') >= 0 || Folding.termTokens(t).isEmpty() || key.replace(" ", "").length() < 2) {
            v.add(new Violation("term", "R-11", "a term is a word or a name of at least 2 letters or digits, without wildcards"));
        }
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) v.add(new Violation("reason", "R-11", "say why the term is allowed for this account (e.g. its brand name)"));
        else if (r.length() > 500) v.add(new Violation("reason", "R-11", "a reason has at most 500 characters"));
        if (v.isEmpty() && store.active(accountId, key)) v.add(new Violation("term", "R-11", "'" + t + "' is already allowed for this account"));
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        AllowedTerm added = store.insert(accountId, t, key, r, actor, clock.instant());
        forgetAfterCommit(accountId);
        return added;
    }

    @Override
    @Transactional
    public boolean remove(UUID accountId, long id, String actor) {
        boolean removed = store.remove(accountId, id, actor, clock.instant());
        if (removed) forgetAfterCommit(accountId);
        return removed;
    }

    /** The folded form a duplicate is recognised by: "Casino  Shop" and "casino shop" are one term. */
    static String key(String term) {
        return String.join(" ", Folding.termTokens(term));
    }

    private void forgetAfterCommit(UUID accountId) {
        compiled.remove(accountId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    compiled.remove(accountId);
                }
            });
        }
    }
}
