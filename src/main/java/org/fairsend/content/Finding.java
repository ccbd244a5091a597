package org.fairsend.content;

import java.util.List;

/**
 * One preflight finding: the SPEC rule it enforces (e.g. {@code R-11}, or {@code header-injection}), its
 * severity, where it is ({@code subject}, {@code preheader}, {@code body} (the HTML part's text), {@code text}
 * (the text part), {@code alt} (image alt text), {@code link} (link targets), {@code header}, {@code sender},
 * {@code audience}, {@code account}), what is wrong, how to fix it, and the matched lexicon terms (or
 * promotional phrases) when a lexicon matched.
 */
public record Finding(String rule, Severity severity, String location, String message, String fix, List<String> terms) {

    public Finding {
        terms = terms == null ? List.of() : List.copyOf(terms);
    }

    public static Finding blocking(String rule, String location, String message, String fix) {
        return new Finding(rule, Severity.BLOCKING, location, message, fix, List.of());
    }

    public static Finding warning(String rule, String location, String message, String fix) {
        return new Finding(rule, Severity.WARNING, location, message, fix, List.of());
    }

    public boolean blocking() {
        return severity == Severity.BLOCKING;
    }
}
