package org.fairsend.content.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsSenders;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.RuleViolation.Violation;
import org.fairsend.policy.PolicyService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's approvals of personalised SMS senders per account: the rules; the rows are {@link SmsSenderStore}'s. */
@Service
class SmsSenderService implements SmsSenders {

    private final SmsSenderStore store;
    private final Clock clock;
    private final PolicyService policies;
    private final AccountDirectory accounts;

    SmsSenderService(SmsSenderStore store, Clock clock, PolicyService policies, AccountDirectory accounts) {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
        this.accounts = accounts;
    }

    @Override
    public Optional<Approved> approved(UUID accountId, String sender) {
        if (sender == null) return Optional.empty();
        return store.approved(accountId, sender);
    }

    @Override
    public List<Approved> list(UUID accountId) {
        return store.list(accountId);
    }

    @Override
    public List<Finding> check(UUID accountId, String sender, boolean marketing) {
        return SenderRules.check(sender, marketing, policies.current().policy().sms(), approved(accountId, sender).orElse(null), true);
    }

    /** The operator approves a sender for an account: the rules must pass; a protected brand needs its authorisation. */
    @Override
    @Transactional
    public Approved approve(UUID accountId, String sender, String brandAuthorisation, String actor) {
        accounts.get(accountId);
        if (sender == null || sender.isBlank()) throw new RuleViolation("sender", "X-6", "the sender is required");
        var p = policies.current().policy().sms();
        List<Violation> v = new ArrayList<>();
        for (Finding f : SenderRules.check(sender, true, p, null, false)) v.add(new Violation("sender", f.rule(), f.message()));
        String brand = SenderRules.protectedBrand(sender, p);
        String auth = brandAuthorisation == null || brandAuthorisation.isBlank() ? null : brandAuthorisation.strip();
        if (v.isEmpty() && brand != null && auth == null) {
            v.add(new Violation("brandAuthorisation", "R-18", "'" + sender.strip() + "' uses the protected brand " + brand
                    + ": record the brand's authorisation (who granted it, when, reference)"));
        }
        if (!v.isEmpty()) throw new RuleViolation(422, v);
        String s = sender.strip();
        Instant now = clock.instant();
        store.revoke(accountId, s, now);
        store.insert(accountId, s, auth, actor, now);
        return approved(accountId, s).orElseThrow();
    }

    @Transactional
    @Override
    public boolean revoke(UUID accountId, String sender) {
        return store.revoke(accountId, sender, clock.instant());
    }
}
