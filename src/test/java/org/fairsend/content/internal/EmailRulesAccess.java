package org.fairsend.content.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fairsend.policy.Policy;

/** Test access to the theme lexicon of a policy. */
final class EmailRulesAccess {

    private final Lexicon themes;

    EmailRulesAccess(Policy.Content content) {
        Map<String, java.util.List<String>> byCategory = new LinkedHashMap<>();
        content.categories().forEach((id, c) -> byCategory.put(id, c.all()));
        themes = new Lexicon(byCategory, content.allowedPhrases());
    }

    Map<String, Set<String>> themes(String text) {
        return themes.match(text);
    }

    Map<String, Set<String>> link(String url) {
        Map<String, Set<String>> found = new LinkedHashMap<>(themes.match(Folding.urlTokens(url)));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("://([^/?#:]+)").matcher(url);
        if (m.find()) themes.matchInHost(m.group(1)).forEach((k, v) -> found.merge(k, v, (a, b) -> a));
        return found;
    }
}
