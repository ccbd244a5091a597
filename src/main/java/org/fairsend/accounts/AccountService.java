package org.fairsend.accounts;

import java.util.List;
import java.util.UUID;

/**
 * Creates and reads accounts and their channel status (the operator's side of {@link AccountDirectory} and
 * {@link AccountSanctions}).
 */
public interface AccountService extends AccountDirectory, AccountSanctions {

    /** What the operator supplies to open an account. */
    record NewAccount(String legalName, String tradeName, String country, Boolean mainlandFrance,
            String contactEmail, String mainPhone, String postcode, Long subscriptionFeeCents, String currency,
            String language, String postalAddress) {

        public NewAccount(String legalName, String tradeName, String country, Boolean mainlandFrance, String contactEmail,
                String mainPhone, String postcode, Long subscriptionFeeCents, String currency) {
            this(legalName, tradeName, country, mainlandFrance, contactEmail, mainPhone, postcode, subscriptionFeeCents, currency,
                    null, null);
        }
    }

    /**
     * What an account sets about itself for its recipients (issue 20; null: unchanged, blank: removed): the default
     * language of its recipient pages, footer and mails (a supported BCP-47 tag, {@code platform.RecipientLanguages}),
     * and its postal address, named with its legal name in every marketing email (R-9; required for marketing email).
     */
    record Settings(String language, String postalAddress) {}

    /**
     * What the operator may correct on an account: its main phone number and postcode (null: unchanged, blank:
     * removed). They place the account in a French telephone zone: a change publishes
     * {@link AccountDetailsChanged}.
     */
    record DetailsUpdate(String mainPhone, String postcode) {}

    /** Opens an account, active on every channel; a {@code RuleViolation} names the refused field (R-23 for the zone). */
    Account create(NewAccount in);

    Account updateDetails(UUID id, DetailsUpdate in);

    /** Changes the account's recipient settings; a {@code RuleViolation} names the refused field (nothing is changed). */
    Account updateSettings(UUID id, Settings in);

    List<Account> list();

    /** The account's status on every channel, in {@code Channel} order. */
    List<ChannelStatus> channels(UUID accountId);
}
