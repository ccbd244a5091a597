package org.fairsend.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsSenders;
import org.fairsend.policy.SmsPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** the personalised sender rules, table-driven, under the default policy. */
class SenderRulesTest {

    @ParameterizedTest(name = "{0} (approved={1}, authorised={2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # sender         | approved | brand authorised | expected rule (ok = accepted) | why
            MaBoutique       | true     | false            | ok    | letters
            Shop2026         | true     | false            | ok    | letters and digits
            BOULANGERIE      | true     | false            | ok    | 11 characters
            Boulangeries     | true     | false            | X-6   | 12 characters
            Ma Boutique      | true     | false            | X-6   | a space
            Crêperie         | true     | false            | X-6   | an accent
            Promo!           | true     | false            | X-6   | punctuation
            36111            | true     | false            | X-6   | digits only (a short code is the platform's)
            0612345678       | true     | false            | X-6   | a mobile number is never a marketing sender
            +33712345678     | true     | false            | X-6   | a mobile number in E.164
            Police           | true     | false            | R-18  | always refused
            AMELI            | true     | true             | R-18  | always refused, authorisation or not
            ImpotsGouv       | true     | false            | R-18  | contains a protected name
            BNP              | true     | false            | R-18  | a bank without authorisation
            BNPParibasPr     | true     | false            | X-6   | 12 characters
            BNPParibas1      | true     | false            | R-18  | contains a protected bank name
            BNPParibas1      | true     | true             | ok    | the bank's authorisation is recorded
            BNPPromo         | true     | false            | ok    | BNP is short: only the whole sender is protected
            LaPoste          | true     | false            | R-18  | a carrier
            CreditAgric      | true     | false            | R-18  | the first 11 letters of CREDITAGRICOLE
            Credit           | true     | false            | ok    | too short to name CREDITAGRICOLE
            SFR              | true     | true             | ok    | authorised carrier
            MagicShop        | true     | false            | ok    | CIC is short: only the whole sender is protected
            ALERTE           | true     | false            | X-6   | generic
            rdv              | true     | false            | X-6   | generic, any case
            Colis2           | true     | false            | X-6   | generic with digits
            Paiement         | true     | false            | X-6   | generic
            ColisExpress     | true     | false            | X-6   | 12 characters
            MaBoutique       | false    | false            | R-18  | not approved for the account
            """, commentCharacter = '#')
    void senders(String sender, boolean approved, boolean authorised, String expected, String why) {
        var approval = approved ? new SmsSenders.Approved(UUID.randomUUID(), sender, authorised ? "letter of 2026-11-02" : null, "op",
                Instant.now()) : null;
        var findings = SenderRules.check(sender, true, SmsPolicy.defaults(), approval, true);
        if (expected.equals("ok")) assertThat(findings).as(why).isEmpty();
        else assertThat(findings).as(why).extracting(Finding::rule).containsExactly(expected);
        assertThat(findings).allMatch(Finding::blocking);
    }
}
