package org.fairsend.console.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text cut into pieces, the matched terms marked (R-11, the review desk): the template renders each piece as
 * escaped text, a marked one inside {@code <mark>}, so nothing the account wrote is ever rendered as HTML. Terms are
 * found as the screening reads them: case and accents folded, whole words only.
 */
final class Highlight {

    private Highlight() {}

    record Piece(String text, boolean marked) {}

    static List<Piece> pieces(String text, List<String> terms) {
        if (text == null || text.isEmpty()) return List.of();
        // the folded text, and for each of its chars the index of the original char it came from
        StringBuilder folded = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String f = fold(new String(Character.toChars(cp)));
            for (int k = 0; k < f.length(); k++) origin.add(i);
            folded.append(f);
            i += n;
        }
        boolean[] marked = new boolean[text.length()];
        String hay = folded.toString();
        for (String term : terms) {
            String t = fold(term).strip();
            if (t.isEmpty()) continue;
            for (int at = hay.indexOf(t); at >= 0; at = hay.indexOf(t, at + 1)) {
                int end = at + t.length();
                if (at > 0 && Character.isLetterOrDigit(hay.charAt(at - 1))) continue;
                if (end < hay.length() && Character.isLetterOrDigit(hay.charAt(end))) continue;
                int from = origin.get(at);
                int to = end < origin.size() ? origin.get(end) : text.length();
                for (int i = from; i < to; i++) marked[i] = true;
            }
        }
        List<Piece> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || marked[i] != marked[start]) {
                out.add(new Piece(text.substring(start, i), marked[start]));
                start = i;
            }
        }
        return out;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }
}
