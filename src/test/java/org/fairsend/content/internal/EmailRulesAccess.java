package org.fairsend.content.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.fairsend.content.Finding;
import org.fairsend.policy.Policy;

/**
 * Test access to the theme engine of a policy ({@link Screening}): the themes it catches in a text or a link (a
 * blocking or a review decision), with the matched terms, by theme id.
 */
final class EmailRulesAccess {

    private final Screening screening;

    EmailRulesAccess(Policy.Content content) {
        screening = new Screening(content);
    }

    Map<String, Set<String>> themes(String text) {
        return caught(new Screening.Message().part(Finding.Location.TEXT, text));
    }

    Map<String, Set<String>> link(String url) {
        Screening.Message m = new Screening.Message().link(url);
        java.util.regex.Matcher h = java.util.regex.Pattern.compile("://([^/?#:]+)").matcher(url);
        if (h.find()) m.host(h.group(1));
        return caught(m);
    }

    private Map<String, Set<String>> caught(Screening.Message m) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (Screening.Decision d : screening.decide(m, Set.of(), true, Lexicon.Phrases.NONE, Lexicon.Phrases.NONE)) {
            found.computeIfAbsent(d.theme(), k -> new LinkedHashSet<>()).addAll(d.terms());
        }
        return found;
    }
}
