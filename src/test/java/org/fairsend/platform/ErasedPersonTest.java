package org.fairsend.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** the written forms of an erased person's number, and what scrubbing leaves of a text about them. */
class ErasedPersonTest {

    final ErasedPerson person = new ErasedPerson(UUID.randomUUID(), List.of("zoe.martin@exemple.fr"), List.of("+33612345678"),
            List.of("Zoé", "Martin", "Zoé Martin", "x"), List.of("hash1", "hash2"));

    @Test
    void aNumberIsRecognisedInTheFormsPeopleAndMachinesWriteIt() {
        assertThat(ErasedPerson.phoneForms("+33612345678")).contains("+33612345678", "33612345678", "0033612345678",
                "06 12 34 56 78", "+33 6 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "tel:+33-6-12-34-56-78");
        for (String text : List.of("rappelez-moi au 06 12 34 56 78", "from 33612345678", "Zoe.Martin@Exemple.FR wrote", "tel 06.12.34.56.78")) {
            assertThat(person.mentions(text)).as(text).isTrue();
        }
        assertThat(person.mentions("rappelez-moi au 06 12 34 56 79")).isFalse();
        assertThat(person.mentions(null)).isFalse();
    }

    @Test
    void scrubbingReplacesAddressesNumbersAndNamesWhateverTheirCase() {
        String scrubbed = person.scrub("550 5.1.1 <ZOE.MARTIN@exemple.fr>: unknown; signed zoé martin, 06 12 34 56 78, Martin");
        assertThat(scrubbed).isEqualTo("550 5.1.1 <erased>: unknown; signed erased, erased, erased");
        assertThat(person.names()).doesNotContain("x"); // a one-letter name would scrub every text
        assertThat(person.scrub(null)).isNull();
    }
}
