package org.fairsend.support;

import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;

/** Helpers of the {@link EventScenarioTest}s. */
public final class Scenarios {

    private Scenarios() {}

    /** A new account (what {@link Fixtures#account()} creates, without an API key). */
    public static Account account(AccountService accounts) {
        String n = UUID.randomUUID().toString().substring(0, 8);
        return accounts.create(new AccountService.NewAccount("Boulangerie Scenario " + n + " SARL", "Boulangerie " + n, "FR", true,
                "contact-" + n + "@boulangerie-scenario.fr", "+33145678900", "75011", 4900L, "EUR", null, "12 rue Oberkampf, 75011 Paris"));
    }
}
