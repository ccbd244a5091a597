package org.fairsend.feedback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.fairsend.fuzz.Fuzz;

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

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars(GSM7).ofMaxLength(160),
                Arbitraries.strings().withChars("STOPstopÔÖôöÀRÊ\u0301\u0308\u200b\u00a0 -.:!").ofMaxLength(40),
                Arbitraries.of("", " ", "\u0000", "STOP", "Stop\u0301", "S\u200bTOP", "ＳＴＯＰ", "stoppez", "ARRÊT", "arre\u0302t"),
                Arbitraries.integers().between(1, 200_000).map(n -> "\u0301".repeat(n)),
                Arbitraries.integers().between(1, 100_000).map(n -> "é ".repeat(n)));
    }

    @Property
    void keywordsAreReadFromAnyText(@ForAll("texts") String text) {
        MoKeywords.Kind kind = Fuzz.bounded("mo-keywords", text.getBytes(StandardCharsets.UTF_8), () -> MoKeywords.read(text));
        assertThat(kind).isNotNull();
    }

    @Property
    void aStopOnItsOwnIsAlwaysFound(@ForAll("texts") String before, @ForAll("texts") String after) {
        String text = before + " STOP " + after;
        assertThat(Fuzz.bounded("mo-stop", text.getBytes(StandardCharsets.UTF_8), () -> MoKeywords.read(text)))
                .isEqualTo(MoKeywords.Kind.STOP);
    }
}
