package org.fairsend.accounts;

import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.RuleViolation;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: the API key, its account, and whether it is an operator key. An operator key acts on an
 * account by naming it in the {@code Fairsend-Account} header; {@link #accountId()} is then that account.
 */
public record Caller(UUID keyId, UUID ownAccountId, boolean operator, UUID actingAccountId) {

    public static final String ACCOUNT_HEADER = "Fairsend-Account";

    /** The account every account-scoped call works on. */
    public UUID accountId() {
        if (!operator) return ownAccountId;
        if (actingAccountId == null) {
            throw new RuleViolation(400, ACCOUNT_HEADER, "scope",
                    "an operator key must name the account it acts on in the " + ACCOUNT_HEADER + " header");
        }
        return actingAccountId;
    }

    /** The name recorded in audit trails. */
    public String actor() {
        return (operator ? "operator-key:" : "account-key:") + keyId;
    }

    public static Optional<Caller> currentIfAny() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Caller c) return Optional.of(c);
        return Optional.empty();
    }

    public static Caller current() {
        return currentIfAny().orElseThrow(() -> new IllegalStateException("no authenticated caller"));
    }
}
