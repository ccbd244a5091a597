package org.fairsend.calltracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.fairsend.accounts.Account;
import org.fairsend.policy.CalltrackingPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R-23 redirection rules over real French numbers (city halls, prefectures, premium-rate and shared-cost service
 * numbers, mobiles, box-internet 09 numbers), for accounts placed in a zone by their main phone number or their
 * postcode.
 */
class RedirectionRulesTest {

    static final CalltrackingPolicy REFUSE_09 = new CalltrackingPolicy(90, "refuse");
    static final CalltrackingPolicy ALLOW_09 = new CalltrackingPolicy(90, "allow");

    static Account account(String mainPhone, String postcode) {
        return new Account(UUID.randomUUID(), "Test SARL", null, "FR", true, "contact@example.fr",
                mainPhone == null || mainPhone.isBlank() ? null : mainPhone, postcode == null || postcode.isBlank() ? null : postcode,
                0, "EUR", Account.Status.ACTIVE, false, Set.of(), Instant.now(), null, null);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2} (09 {3}): {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # account main phone | account postcode | target              | 09 rule | expected check
            +33472103030         | 69001            | 04 72 10 30 30      | refuse  | -
            +33472103030         | 69001            | 04 91 55 11 11      | refuse  | -
            +33472103030         | 69001            | +33 4 76 76 39 39   | refuse  | -
            +33472103030         | 69001            | 01 53 71 53 71      | refuse  | same-zone
            +33472103030         | 69001            | 05 56 10 20 30      | refuse  | same-zone
            +33472103030         | 69001            | 02 23 62 10 10      | refuse  | same-zone
            +33472103030         | 69001            | 03 68 98 50 00      | refuse  | same-zone
            +33472103030         | 69001            | 08 92 68 02 01      | refuse  | surcharged
            +33472103030         | 69001            | 08 99 70 20 20      | allow   | surcharged
            +33472103030         | 69001            | 08 20 20 30 40      | refuse  | surcharged
            +33472103030         | 69001            | 0810636363          | refuse  | surcharged
            +33472103030         | 69001            | 08 00 12 34 56      | refuse  | geographic
            +33472103030         | 69001            | 08 09 10 00 00      | refuse  | geographic
            +33472103030         | 69001            | 06 44 11 22 33      | refuse  | geographic
            +33472103030         | 69001            | 07 56 78 90 12      | allow   | geographic
            +33472103030         | 69001            | 09 70 80 80 80      | refuse  | non-geographic-09
            +33472103030         | 69001            | 09 70 80 80 80      | allow   | -
            +33472103030         | 69001            | +44 20 7946 0000    | refuse  | french
            +33472103030         | 69001            | +32 2 555 12 12     | refuse  | french
            +33472103030         | 69001            | 12345               | refuse  | phone
            +33472103030         | 69001            | pas un numéro       | refuse  | phone
            -                    | 33000            | 05 56 10 20 30      | refuse  | -
            -                    | 33000            | 04 72 10 30 30      | refuse  | same-zone
            +33644112233         | 35000            | 02 23 62 10 10      | refuse  | -
            +33644112233         | 35000            | 02 99 28 55 55      | refuse  | -
            +33644112233         | 35000            | 01 53 71 53 71      | refuse  | same-zone
            +33145678900         | 75011            | 01 84 00 00 00      | refuse  | -
            +33145678900         | 13001            | 04 91 55 11 11      | refuse  | same-zone
            +33970808080         | 13001            | 04 91 55 11 11      | refuse  | -
            -                    | 20000            | 04 95 51 52 53      | refuse  | -
            -                    | 20200            | 04 95 34 47 00      | refuse  | -
            -                    | 67000            | 03 88 60 90 90      | refuse  | -
            -                    | 97400            | +262 262 40 46 46   | refuse  | french
            -                    | 97400            | 04 72 10 30 30      | refuse  | account-zone-unknown
            -                    | -                | 04 72 10 30 30      | refuse  | account-zone-unknown
            """)
    void redirection(String mainPhone, String postcode, String target, String rule09, String expected) {
        Account a = account(mainPhone, postcode);
        RedirectionRules.Verdict v = RedirectionRules.check(target, FrenchNumbering.zoneOf(a), FrenchNumbering.zoneSource(a),
                rule09.equals("allow") ? ALLOW_09 : REFUSE_09);
        assertThat(v.check()).as(v.message()).isEqualTo(expected);
        if (expected == null) {
            assertThat(v.e164()).startsWith("+33");
        } else if (!expected.equals("phone")) {
            assertThat(v.message()).startsWith("R-23: ");
            assertThat(v.violation().violations().getFirst().rule()).isEqualTo("R-23");
            assertThat(v.violation().violations().getFirst().field()).isEqualTo("redirectTo");
        }
    }
}
