package org.fairsend.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fairsend.policy.VoicePolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** which numbers a voicemail drop may show as its caller, on real French number formats. */
class CallerNumberRulesTest {

    private static final List<String> POLICY = VoicePolicy.DEFAULT_CALLER_RANGES;

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # number              | verdict | rule | e164 or reason
            01 62 45 67 89        | allowed |      | +33162456789
            0163123456            | allowed |      | +33163123456
            +33 2 70 12 34 56     | allowed |      | +33270123456
            02.71.12.34.56        | allowed |      | +33271123456
            03 77 00 12 34        | allowed |      | +33377001234
            0378991122            | allowed |      | +33378991122
            04 24 10 20 30        | allowed |      | +33424102030
            0425556677            | allowed |      | +33425556677
            05 68 12 34 56        | allowed |      | +33568123456
            0569000001            | allowed |      | +33569000001
            09 48 12 34 56        | allowed |      | +33948123456
            09 49 00 00 01        | allowed |      | +33949000001
            09 47 51 23 45        | allowed |      | +33947512345
            09 47 91 23 45        | allowed |      | +33947912345
            01 45 67 89 00        | refused | X-7  | outside the ranges
            01 59 12 34 56        | refused | X-7  | outside the ranges
            02 40 12 34 56        | refused | X-7  | outside the ranges
            03 20 12 34 56        | refused | X-7  | outside the ranges
            04 91 12 34 56        | refused | X-7  | outside the ranges
            05 56 12 34 56        | refused | X-7  | outside the ranges
            09 70 12 34 56        | refused | X-7  | outside the ranges
            09 47 41 23 45        | refused | X-7  | outside the ranges
            06 12 34 56 78        | refused | R-21 | mobile
            +33 6 98 76 54 32     | refused | R-21 | mobile
            07 56 12 34 56        | refused | R-21 | mobile
            07 81 23 45 67        | refused | R-21 | mobile
            08 00 12 34 56        | refused | X-7  | outside the ranges
            08 10 12 34 56        | refused | R-21 | shared-cost
            08 20 12 34 56        | refused | R-21 | shared-cost
            08 91 12 34 56        | refused | R-21 | premium-rate
            08 99 12 34 56        | refused | R-21 | premium-rate
            118 712               | refused | X-7  | short number
            118218                | refused | X-7  | short number
            3617                  | refused | X-7  | short number
            +44 20 7946 0958      | refused | X-7  | must be a French number
            +1 212 555 0123       | refused | X-7  | must be a French number
            +262 262 12 34 56     | refused | X-7  | must be a French number
            +32 2 555 12 12       | refused | X-7  | must be a French number
            anonymous             | refused | X-7  | masked
            masqué                | refused | X-7  | masked
            01 62 XX XX XX        | refused | X-7  | masked
            01 62 12              | refused | X-7  | not a valid phone number
            """)
    void callerNumbers(String number, String verdict, String rule, String expected) {
        var v = CallerNumberRules.check(number, POLICY, "number");
        if (verdict.equals("allowed")) {
            assertThat(v.allowed()).as(number + ": " + v.violation()).isTrue();
            assertThat(v.e164()).isEqualTo(expected);
            assertThat(v.range()).isNotNull();
            assertThat(v.national()).startsWith(v.range());
        } else {
            assertThat(v.allowed()).as(number).isFalse();
            assertThat(v.violation().rule()).as(number + ": " + v.violation().message()).isEqualTo(rule);
            assertThat(v.violation().message()).as(number).contains(expected);
            assertThat(v.violation().field()).isEqualTo("number");
        }
    }

    @ParameterizedTest(name = "ranges {0}: 01 45 67 89 00 allowed={1}")
    @CsvSource(delimiter = '|', textBlock = """
            0145          | true
            0162,0163     | false
            """)
    void theRangesArePolicy(String ranges, boolean allowed) {
        assertThat(CallerNumberRules.check("01 45 67 89 00", List.of(ranges.split(",")), "number").allowed()).isEqualTo(allowed);
    }
}
