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
    private final Phrases allowed;

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
        this.allowed = new Phrases(allowedPhrases);
    }

    /**
     * Allowed phrases compiled once, indexed by their first word: which words of a text lie inside one. Used for the
     * policy's allowed phrases and for an account's allowed terms and names.
     */
    static final class Phrases {
        static final Phrases NONE = new Phrases(List.of());

        private final Map<String, List<List<String>>> byFirst = new HashMap<>();
        private final List<List<String>> wildcardFirst = new ArrayList<>();
        private final List<String> compact = new ArrayList<>();

        Phrases(List<String> phrases) {
            for (String phrase : phrases) {
                List<String> tokens = Folding.termTokens(phrase);
                if (tokens.isEmpty()) continue;
                if (tokens.getFirst().endsWith("*")) wildcardFirst.add(tokens);
                else byFirst.computeIfAbsent(Folding.collapse(tokens.getFirst()), k -> new ArrayList<>()).add(tokens);
                String c = String.join("", tokens).replace("*", "");
                if (c.length() >= 4) compact.add(c);
            }
        }

        boolean isEmpty() {
            return byFirst.isEmpty() && wildcardFirst.isEmpty();
        }

        /** Marks in {@code mask} the words of the text lying inside one of the phrases. */
        void mark(List<Folding.Token> text, boolean[] mask) {
            if (isEmpty()) return;
            for (int i = 0; i < text.size(); i++) {
                List<List<String>> candidates = new ArrayList<>(wildcardFirst);
                for (String key : text.get(i).keys()) candidates.addAll(byFirst.getOrDefault(key, List.of()));
                for (List<String> phrase : candidates) {
                    if (matchesAt(text, i, phrase)) {
                        for (int k = i; k < i + phrase.size(); k++) mask[k] = true;
                    }
                }
            }
        }

        /** A host label with the phrases written together ("casinoshop" for "Casino Shop") blanked out. */
        String blank(String label) {
            String out = label;
            for (String c : compact) if (out.contains(c)) out = out.replace(c, " ");
            return out;
        }
    }

    /** The matched terms of the text, by tag, in order of first appearance. */
    Map<String, Set<String>> match(String text) {
        return match(Folding.tokens(text));
    }

    Map<String, Set<String>> match(List<Folding.Token> text) {
        return match(text, Phrases.NONE);
    }

    /** The matched terms, leaving out those lying inside the policy's allowed phrases or the given ones (an account's). */
    Map<String, Set<String>> match(List<Folding.Token> text, Phrases alsoAllowed) {
        return match(text, alsoAllowed, Phrases.NONE);
    }

    Map<String, Set<String>> match(List<Folding.Token> text, Phrases alsoAllowed, Phrases andAllowed) {
        boolean[] allowedMask = new boolean[text.size()];
        allowed.mark(text, allowedMask);
        alsoAllowed.mark(text, allowedMask);
        andAllowed.mark(text, allowedMask);
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
        return matchInHost(host, Phrases.NONE);
    }

    /** As {@link #matchInHost(String)}, an allowed name written together in a label ("casinoshop") left out. */
    Map<String, Set<String>> matchInHost(String host, Phrases alsoAllowed) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (Folding.Token label : Folding.tokens(host.replace('-', ' ').replace('.', ' '))) {
            for (String raw : label.forms()) {
                String form = alsoAllowed.blank(allowed.blank(raw));
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
