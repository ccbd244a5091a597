package org.fairsend.feedback.internal;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a mobile-originated SMS for the opt-out keywords: STOP, STOP SMS, ARRET, ARRÊT, DESABONNER,
 * UNSUBSCRIBE (also DÉSABONNER, DESINSCRIRE, STOPSMS), case and accents folded, as a word anywhere in the text
 * ("Stop merci", "merci de ne plus m'écrire : STOP"), but not inside another word ("stoppez"); and for
 * {@code CONTACT}, which asks who sends.
 */
final class MoKeywords {

    enum Kind { STOP, CONTACT, OTHER }

    private static final Set<String> STOP = Set.of("STOP", "STOPSMS", "ARRET", "DESABONNER", "DESABONNEMENT", "DESINSCRIRE",
            "UNSUBSCRIBE", "STOPALL", "STOPPER");
    private static final Set<String> CONTACT = Set.of("CONTACT");

    private MoKeywords() {}

    static Kind read(String text) {
        List<String> words = words(text);
        if (words.stream().anyMatch(STOP::contains)) return Kind.STOP;
        if (words.stream().anyMatch(CONTACT::contains)) return Kind.CONTACT;
        return Kind.OTHER;
    }

    static List<String> words(String text) {
        if (text == null) return List.of();
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(folded.split("[^A-Z0-9]+")).filter(w -> !w.isEmpty()).toList();
    }
}
