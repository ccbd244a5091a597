package org.fairsend.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The review desk's marking of the matched terms: case and accents folded, whole words, the text itself kept. */
class HighlightTest {

    private static String render(List<Highlight.Piece> pieces) {
        StringBuilder b = new StringBuilder();
        for (var p : pieces) b.append(p.marked() ? "[" + p.text() + "]" : p.text());
        return b.toString();
    }

    @Test
    void termsAreMarkedWhateverTheirCaseAndAccentsAsWholeWordsOnly() {
        var pieces = Highlight.pieces("Le Tirage des rois, TIRÂGE ou tirages ? Mise à prix : 5 €. Sur-mise.", List.of("tirage", "mise"));
        assertThat(render(pieces)).isEqualTo("Le [Tirage] des rois, [TIRÂGE] ou tirages ? [Mise] à prix : 5 €. Sur-[mise].");
        // every character of the text is kept, in order
        assertThat(String.join("", pieces.stream().map(Highlight.Piece::text).toList()))
                .isEqualTo("Le Tirage des rois, TIRÂGE ou tirages ? Mise à prix : 5 €. Sur-mise.");
    }

    @Test
    void aMultiWordTermAndTextWithoutTermsOrMarkup() {
        assertThat(render(Highlight.pieces("Gagnez le gros lot <b>ici</b>", List.of("gros lot")))).isEqualTo("Gagnez le [gros lot] <b>ici</b>");
        assertThat(render(Highlight.pieces("Rien à signaler", List.of("casino")))).isEqualTo("Rien à signaler");
        assertThat(Highlight.pieces(null, List.of("x"))).isEmpty();
    }
}
