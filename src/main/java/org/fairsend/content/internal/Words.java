package org.fairsend.content.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Significant words of a text (folded, stop words and short words left out) and their light stems. */
final class Words {

    private Words() {}

    static final Set<String> STOP = load();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** Folded words of three letters or more that are not stop words nor numbers. */
    static List<String> significant(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(Folding.fold(Folding.withoutTemplates(text)));
        while (m.find()) {
            String w = m.group();
            if (w.length() >= 3 && !STOP.contains(w) && !w.chars().allMatch(Character::isDigit)) out.add(w);
        }
        return out;
    }

    /** Plural s/x dropped, then at most five letters: "printemps"/"printaniere" stay apart, "collections"/"collection" meet. */
    static String stem(String w) {
        String s = w;
        if (s.length() > 4 && (s.endsWith("s") || s.endsWith("x"))) s = s.substring(0, s.length() - 1);
        return s.length() > 5 ? s.substring(0, 5) : s;
    }

    static Set<String> stems(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : significant(text)) out.add(stem(w));
        return out;
    }

    private static Set<String> load() {
        try (InputStream in = Words.class.getClassLoader().getResourceAsStream("content/stopwords.txt")) {
            if (in == null) throw new IllegalStateException("missing content/stopwords.txt");
            Set<String> s = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) continue;
                for (String w : line.trim().split("\\s+")) if (!w.isEmpty()) s.add(w);
            }
            return Set.copyOf(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
