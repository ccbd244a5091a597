package org.fairsend.content.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.fairsend.content.Finding;
import org.fairsend.content.VoiceContent;
import org.fairsend.policy.Policy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** on real French voicemail transcripts. */
class VoiceRulesTest {

    private static final VoiceRules RULES = new VoiceRules(Policy.defaults());
    private static final Set<String> NAMES = Set.of("Garage Martin et Fils SARL", "Garage Martin");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # transcript                                                                                                         | blocking rules
            Bonjour, ici le Garage Martin. Votre véhicule est prêt. Pour ne plus recevoir nos messages, appelez le 01 62 45 67 89. |
            Bonjour, c'est GARAGE MARTIN : votre contrôle technique approche. Pour vous opposer à ces messages, tapez 9.          |
            Bonjour, votre contrôle technique approche. Pour ne plus recevoir nos messages, tapez 9.                            | R-20
            Bonjour, ici le Garage Martin, votre contrôle technique approche. Rappelez-nous vite !                               | R-20
            Ici le Garage Martin. Pour vous désinscrire appelez le 08 99 12 34 56.                                                | R-11,R-20
            Ici le Garage Martin. Profitez de la prime pour votre pompe à chaleur ! Pour vous opposer, appuyez sur la touche 9.   | X-7
            Ici le Garage Martin : un audit énergétique gratuit de votre logement. Pour vous opposer, tapez 9.                    | X-7
            Ici le Garage Martin : installez un monte-escalier. Pour vous opposer, tapez 9.                                       | X-7
            Ici le Garage Martin : pariez sur le casino en ligne. Pour vous opposer, tapez 9.                                     | R-11
            '   '                                                                                                                 | R-20
            """)
    void transcripts(String transcript, String rules) {
        List<Finding> f = RULES.review(new VoiceContent(transcript, NAMES, Set.of()));
        List<String> blocking = f.stream().filter(Finding::blocking).map(Finding::rule).distinct().sorted().toList();
        assertThat(blocking).as(transcript + " -> " + f).isEqualTo(rules == null ? List.of() : List.of(rules.split(",")));
    }
}
