package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.fairsend.fuzz.Fuzz;
import org.fairsend.fuzz.Gens;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Issue 13: the opt-out keywords of a mobile-originated SMS are read from any text (any Unicode, lone
 * surrogates, combining marks, GSM-7's odd characters and escapes, empty, huge) without an error, in bounded time;
 * a STOP standing as its own word is always found.
 */
@Tag("fuzz")
class MoKeywordsFuzzTest {

    /** GSM 03.38's basic set and its extension escapes (ESC), as handsets and aggregators pass them on. */
    static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà\u001b\u0014\u001b(\u001b)\u001b/\u001b<\u001b=\u001b>\u001b@\u001be\f";

    static Gen<String> texts() {
        return Gens.oneOf(
                Gens.strings(200),
                Gens.strings(Character.MIN_VALUE, Character.MAX_VALUE, 200), // any UTF-16 unit, surrogates and noncharacters too
                Gens.strings(GSM7, 160),
                Gens.strings("STOPstopÔÖôöÀRÊ\u0301\u0308\u200b\u00a0 -.:!", 40),
                Gens.of("", " ", "\u0000", "STOP", "Stop\u0301", "S\u200bTOP", "ＳＴＯＰ", "stoppez", "ARRÊT", "arre\u0302t"),
                Gens.ints(1, 200_000, 1, 200_000).map(n -> "\u0301".repeat(n)),
                Gens.ints(1, 100_000, 1, 100_000).map(n -> "é ".repeat(n)));
    }

    @Test
    void keywordsAreReadFromAnyText() {
        Fuzz.forAll("mo-keywords", texts(), MoKeywordsFuzzTest::read);
    }

    static void read(String text) {
        MoKeywords.Kind kind = Fuzz.bounded("mo-keywords", text.getBytes(StandardCharsets.UTF_8), () -> MoKeywords.read(text));
        assertThat(kind).isNotNull();
    }

    @Test
    void aStopOnItsOwnIsAlwaysFound() {
        Fuzz.forAll("mo-stop", texts(), texts(), MoKeywordsFuzzTest::stop);
    }

    static void stop(String before, String after) {
        String text = before + " STOP " + after;
        assertThat(Fuzz.bounded("mo-stop", text.getBytes(StandardCharsets.UTF_8), () -> MoKeywords.read(text)))
                .isEqualTo(MoKeywords.Kind.STOP);
    }
}
