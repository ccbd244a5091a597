package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** opt-out keywords read with case and accents folded and surrounding text tolerated; X-6 CONTACT. */
class MoKeywordsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STOP                                   | STOP
            stop                                   | STOP
            Stop SMS                               | STOP
            STOPSMS                                | STOP
            Arrêt                                  | STOP
            ARRET                                  | STOP
            arrêt svp                              | STOP
            Désabonner                             | STOP
            desabonner moi                         | STOP
            UNSUBSCRIBE                            | STOP
            Merci de ne plus m'écrire. STOP!       | STOP
            stop au 36111                          | STOP
            CONTACT                                | CONTACT
            contact ?                              | CONTACT
            Ne stoppez pas les offres              | OTHER
            Arrêtez-vous chez nous                 | OTHER
            Merci, à demain                        | OTHER
            ''                                     | OTHER
            """)
    void keywords(String text, MoKeywords.Kind kind) {
        assertThat(MoKeywords.read(text)).isEqualTo(kind);
    }
}
