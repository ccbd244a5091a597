package org.fairsend.content.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled term list: each term is tagged (an R-11 category id, "spam", "promotional") and matched on
 * whole folded words (see {@link Folding}); phrases match consecutive words. A match lying entirely inside
 * an allowed phrase ("pistolet a colle", "fait un tabac") is not reported.
 */
final class Lexicon {

    record Entry(String tag, String term, List<String> tokens) {}

    private final Map<String, List<Entry>> byFirst = new HashMap<>();
    private final List<Entry> wildcardFirst = new ArrayList<>();
    private final List<Entry> longSingles = new ArrayList<>();
    private final List<List<String>> allowed = new ArrayList<>();

    Lexicon(Map<String, List<String>> termsByTag, List<String> allowedPhrases) {
        termsByTag.forEach((tag, terms) -> {
            for (String term : terms) {
                List<String> tokens = Folding.termTokens(term);
                if (tokens.isEmpty()) continue;
                Entry e = new Entry(tag, term, tokens);
                String first = tokens.getFirst();
                if (first.endsWith("*")) wildcardFirst.add(e);
                else byFirst.computeIfAbsent(Folding.collapse(first), k -> new ArrayList<>()).add(e);
                if (tokens.size() == 1 && !first.endsWith("*") && first.length() >= 6 && first.chars().allMatch(Character::isLetter)) {
                    longSingles.add(e);
                }
            }
        });
        for (String phrase : allowedPhrases) {
            List<String> tokens = Folding.termTokens(phrase);
            if (!tokens.isEmpty()) allowed.add(tokens);
        }
    }

    /** The matched terms of the text, by tag, in order of first appearance. */
    Map<String, Set<String>> match(String text) {
        return match(Folding.tokens(text));
    }

    Map<String, Set<String>> match(List<Folding.Token> text) {
        boolean[] allowedMask = new boolean[text.size()];
        for (int i = 0; i < text.size(); i++) {
            for (List<String> phrase : allowed) {
                if (matchesAt(text, i, phrase)) {
                    for (int k = i; k < i + phrase.size(); k++) allowedMask[k] = true;
                }
            }
        }
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (int i = 0; i < text.size(); i++) {
            Set<Entry> candidates = new LinkedHashSet<>(wildcardFirst);
            for (String key : text.get(i).keys()) candidates.addAll(byFirst.getOrDefault(key, List.of()));
            for (Entry e : candidates) {
                if (!matchesAt(text, i, e.tokens())) continue;
                boolean inAllowed = true;
                for (int k = i; k < i + e.tokens().size(); k++) inAllowed &= allowedMask[k];
                if (!inAllowed) found.computeIfAbsent(e.tag(), t -> new LinkedHashSet<>()).add(e.term());
            }
        }
        return found;
    }

    /**
     * Terms run together in a host name ({@code casinoroyal.example}, {@code viagra-pascher.example}):
     * single-word terms of six letters or more found inside a label.
     */
    Map<String, Set<String>> matchInHost(String host) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (Folding.Token label : Folding.tokens(host.replace('-', ' ').replace('.', ' '))) {
            for (String form : label.forms()) {
                for (Entry e : longSingles) {
                    if (form.contains(e.tokens().getFirst())) found.computeIfAbsent(e.tag(), t -> new LinkedHashSet<>()).add(e.term());
                }
            }
        }
        return found;
    }

    private static boolean matchesAt(List<Folding.Token> text, int i, List<String> tokens) {
        if (i + tokens.size() > text.size()) return false;
        for (int k = 0; k < tokens.size(); k++) {
            String t = tokens.get(k);
            Folding.Token tok = text.get(i + k);
            boolean ok = t.endsWith("*") ? tok.startsWith(t.substring(0, t.length() - 1)) : tok.is(t);
            if (!ok) return false;
        }
        return true;
    }
}
