package org.fairsend.accounts.internal;

import java.util.List;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory.ChannelStatus;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.accounts.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private final AccountService accounts;
    private final ApiKeys keys;
    private final SourceAddressPool senders;

    AccountController(AccountService accounts, ApiKeys keys, SourceAddressPool senders) {
        this.accounts = accounts;
        this.keys = keys;
        this.senders = senders;
    }

    /** @param sourceAddresses the account's dedicated IP pool (empty: the platform's shared addresses) */
    record AccountView(Account account, List<ChannelStatus> channels, List<String> sourceAddresses) {}

    record KeyRequest(String name) {}

    /** A new account with its first API key: the only time that key's secret is shown. */
    record CreatedAccount(Account account, String apiKey, UUID apiKeyId) {}

    /** A new API key: the only time its secret is shown. */
    record CreatedKeyView(String apiKey, ApiKeys.KeyInfo key) {}

    record CategoriesRequest(java.util.Set<String> categories, String reason) {}

    /** The caller's own account (for an operator key: the account named in Fairsend-Account). */
    @GetMapping("/api/account")
    AccountView me() {
        UUID id = Caller.current().accountId();
        return new AccountView(accounts.get(id), accounts.channels(id), senders.texts(id));
    }

    /**
     * Issue 20: the caller's own account sets its recipients' default language and its postal address; the answer
     * is the account as {@code GET /api/account} shows it (the operator sees both on {@code /api/operator/accounts/{id}}).
     */
    @org.springframework.web.bind.annotation.PatchMapping("/api/account")
    AccountView settings(@RequestBody AccountService.Settings in) {
        UUID id = Caller.current().accountId();
        accounts.updateSettings(id, in);
        return me();
    }

    @PostMapping("/api/operator/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedAccount create(@RequestBody AccountService.NewAccount in) {
        Account a = accounts.create(in);
        ApiKeys.CreatedKey key = keys.createAccountKey(a.id(), "default");
        return new CreatedAccount(a, key.secret(), key.info().id());
    }

    @GetMapping("/api/operator/accounts")
    List<Account> list() {
        return accounts.list();
    }

    @GetMapping("/api/operator/accounts/{id}")
    AccountView get(@PathVariable UUID id) {
        return new AccountView(accounts.get(id), accounts.channels(id), senders.texts(id));
    }

    /** Corrects the account's main phone number or postcode (R-23: they decide its telephone zone). */
    @org.springframework.web.bind.annotation.PatchMapping("/api/operator/accounts/{id}")
    AccountView update(@PathVariable UUID id, @RequestBody AccountService.DetailsUpdate in) {
        accounts.updateDetails(id, in);
        return get(id);
    }

    @PostMapping("/api/operator/accounts/{id}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKeyView newKey(@PathVariable UUID id, @RequestBody(required = false) KeyRequest in) {
        ApiKeys.CreatedKey key = keys.createAccountKey(id, in == null ? null : in.name());
        return new CreatedKeyView(key.secret(), key.info());
    }

    @GetMapping("/api/operator/accounts/{id}/keys")
    List<ApiKeys.KeyInfo> keys(@PathVariable UUID id) {
        accounts.get(id);
        return keys.list(id);
    }

    /**
     * the coarse approval of regulated categories, replaced by the regulated-account applications (issue 19): an
     * approval now rests on a licence and ends with it. Answers 410 with where to go.
     */
    @org.springframework.web.bind.annotation.PutMapping("/api/operator/accounts/{id}/regulated-categories")
    Account approveCategories(@PathVariable UUID id, @RequestBody(required = false) CategoriesRequest in) {
        accounts.get(id);
        throw new org.fairsend.platform.RuleViolation(410, "categories", "R-11", "regulated themes are approved per application, with the"
                + " account's licence and an end date: GET /api/operator/regulated/applications?account=" + id
                + ", then POST /api/operator/regulated/applications/{applicationId}/approve");
    }

    @DeleteMapping("/api/operator/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID keyId) {
        keys.revoke(keyId);
    }
}
