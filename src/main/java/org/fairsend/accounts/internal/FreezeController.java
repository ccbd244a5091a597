package org.fairsend.accounts.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountFreezes;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The freeze of an account (issue 19, seed 002 §1.5): the operator freezes and lifts it, each with a reason; the operator
 * and the account read its state, its reason and every freeze so far.
 */
@RestController
class FreezeController {

    private final AccountFreezes freezes;
    private final AccountService accounts;

    FreezeController(AccountFreezes freezes, AccountService accounts) {
        this.freezes = freezes;
        this.accounts = accounts;
    }

    record ReasonRequest(String reason) {}

    /** Where the account stands: its status ({@code frozen} while a freeze is in force), that freeze, and every freeze so far. */
    record FreezeView(Account.Status status, boolean frozen, AccountFreezes.Freeze current, List<AccountFreezes.Freeze> history) {}

    @PostMapping("/api/operator/accounts/{id}/freeze")
    FreezeView freeze(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest in) {
        freezes.freeze(id, Caller.current().actor(), in == null ? null : in.reason());
        return view(id);
    }

    @PostMapping("/api/operator/accounts/{id}/unfreeze")
    FreezeView unfreeze(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest in) {
        freezes.unfreeze(id, Caller.current().actor(), in == null ? null : in.reason());
        return view(id);
    }

    @GetMapping("/api/operator/accounts/{id}/freeze")
    FreezeView operatorView(@PathVariable UUID id) {
        return view(id);
    }

    /** The caller's own account. */
    @GetMapping("/api/account/freeze")
    FreezeView mine() {
        return view(Caller.current().accountId());
    }

    private FreezeView view(UUID id) {
        Account a = accounts.get(id);
        var current = freezes.current(id).filter(f -> a.status() == Account.Status.FROZEN).orElse(null);
        return new FreezeView(a.status(), a.status() == Account.Status.FROZEN, current, freezes.history(id));
    }
}
