package org.fairsend.accounts.internal;

import java.util.concurrent.Callable;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountService;
import org.fairsend.accounts.ApiKeys;
import org.fairsend.platform.RuleViolation;
import org.fairsend.platform.cli.FairsendCommand;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Component
@Command(name = "account", description = "Manage accounts and operator keys.", subcommands = AccountCommand.Create.class,
        mixinStandardHelpOptions = true)
class AccountCommand implements FairsendCommand, Runnable {

    @Override
    public void run() {
        System.err.println("usage: fairsend account create --operator | --legal-name ... --country FR ...");
    }

    @Component
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an operator key (--operator), or an account and its first API key.")
    static class Create implements Callable<Integer> {
        private final AccountService accounts;
        private final ApiKeys keys;

        @Option(names = "--operator", description = "Create a new operator API key instead of an account.")
        boolean operator;
        @Option(names = "--legal-name") String legalName;
        @Option(names = "--trade-name") String tradeName;
        @Option(names = "--country", defaultValue = "FR") String country;
        @Option(names = "--mainland-france", negatable = true, defaultValue = "true", fallbackValue = "true") boolean mainlandFrance;
        @Option(names = "--contact-email") String contactEmail;
        @Option(names = "--main-phone") String mainPhone;
        @Option(names = "--postcode") String postcode;
        @Option(names = "--fee-cents", defaultValue = "0", description = "Monthly subscription fee in cents.") long feeCents;
        @Option(names = "--language", description = "The recipients' default language (fr, en).") String language;
        @Option(names = "--postal-address", description = "The postal address every marketing email names (R-9).") String postalAddress;

        Create(AccountService accounts, ApiKeys keys) {
            this.accounts = accounts;
            this.keys = keys;
        }

        @Override
        public Integer call() {
            try {
                if (operator) {
                    System.out.println(keys.createOperatorKey("cli").secret());
                    return 0;
                }
                Account a = accounts.create(new AccountService.NewAccount(legalName, tradeName, country, mainlandFrance,
                        contactEmail, mainPhone, postcode, feeCents, "EUR", language, postalAddress));
                System.out.println("account " + a.id());
                System.out.println("apiKey  " + keys.createAccountKey(a.id(), "cli").secret());
                return 0;
            } catch (RuleViolation e) {
                e.violations().forEach(v -> System.err.println(v.field() + " [" + v.rule() + "]: " + v.message()));
                return 2;
            }
        }
    }
}
