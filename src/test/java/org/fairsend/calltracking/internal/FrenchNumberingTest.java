package org.fairsend.calltracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrenchNumberingTest {

    @Test
    void everyMainlandDepartementHasOneZone() {
        List<String> deps = new ArrayList<>();
        for (int i = 1; i <= 95; i++) if (i != 20) deps.add(String.format("%02d", i));
        deps.add("2A");
        deps.add("2B");
        assertThat(deps).hasSize(96).allSatisfy(d -> assertThat(FrenchNumbering.zoneOfDepartement(d)).isPresent());
        assertThat(FrenchNumbering.zoneOfDepartement("20")).isEmpty();
        assertThat(FrenchNumbering.zoneOfDepartement("974")).isEmpty();
    }

    @Test
    void aBlockTellsADepartementOfItsOwnZone() {
        FrenchNumbering.departementsOfBlocks().forEach((block, dep) ->
                assertThat(FrenchNumbering.zoneOfDepartement(dep)).as(block + " -> " + dep).contains("0" + block.charAt(0)));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            75011, 75, 01
            93200, 93, 01
            69002, 69, 04
            13008, 13, 04
            20000, 2A, 04
            20250, 2B, 04
            35000, 35, 02
            59000, 59, 03
            67000, 67, 03
            33000, 33, 05
            31000, 31, 05
            97400, -, -
            1234, -, -
            """)
    void postcodes(String postcode, String departement, String zone) {
        assertThat(FrenchNumbering.departementOfPostcode(postcode).orElse(null)).isEqualTo(departement);
        assertThat(FrenchNumbering.departementOfPostcode(postcode).flatMap(FrenchNumbering::zoneOfDepartement).orElse(null)).isEqualTo(zone);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            +3347210,  fixed,  04, 69
            +3349155,  fixed,  04, 13
            +3347555,  fixed,  04, -
            +3314567,  fixed,  01, -
            +3329928,  fixed,  02, 35
            +3338860,  fixed,  03, 67
            +3355610,  fixed,  05, 33
            +3361234,  mobile, -,  -
            +3375678,  mobile, -,  -
            +3397080,  voip,   -,  -
            +322555,   fixed,  -,  -
            """)
    void prefixes(String prefix, String lineType, String zone, String departement) {
        FrenchNumbering.PrefixFacts f = FrenchNumbering.ofPrefix(prefix);
        assertThat(f.lineType()).isEqualTo(lineType);
        assertThat(f.zone()).isEqualTo(zone);
        assertThat(f.departement()).isEqualTo(departement);
    }

    @Test
    void maskingDropsTheLastFourDigitsBeforeAnythingElse() {
        CallerNumbers.Stored masked = CallerNumbers.apply("06 12 34 56 78", false);
        assertThat(masked.caller()).isEqualTo("+3361234XXXX");
        assertThat(masked.prefix()).isEqualTo("+3361234");
        assertThat(masked.masked()).isTrue();
        assertThat(masked.toString()).doesNotContain("5678");
        assertThat(masked.lineType()).isEqualTo("mobile");

        CallerNumbers.Stored full = CallerNumbers.apply("04 72 10 30 30", true);
        assertThat(full.caller()).isEqualTo("+33472103030");
        assertThat(full.prefix()).isEqualTo("+3347210");
        assertThat(full.zone()).isEqualTo("04");
        assertThat(full.departement()).isEqualTo("69");

        // the same figures either way: statistics use the prefix only
        CallerNumbers.Stored sameMasked = CallerNumbers.apply("+33472103030", false);
        assertThat(List.of(sameMasked.prefix(), sameMasked.lineType(), sameMasked.zone(), sameMasked.departement()))
                .isEqualTo(List.of(full.prefix(), full.lineType(), full.zone(), full.departement()));

        CallerNumbers.Stored withheld = CallerNumbers.apply("anonymous", false);
        assertThat(withheld.caller()).isNull();
        assertThat(withheld.lineType()).isEqualTo("withheld");
    }
}
