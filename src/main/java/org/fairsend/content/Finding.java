package org.fairsend.content;

import java.util.List;
import java.util.Locale;

/**
 * One preflight finding: the rule it enforces (e.g. {@code R-11}, or {@code header-injection}), its severity, where
 * it is ({@link Location}), what is wrong, how to fix it, and the matched lexicon terms (or promotional phrases) when
 * a lexicon matched; for a theme of R-11 (and the {@value #REGULATED_APPROVAL} line of an approved one) the theme's id.
 */
public record Finding(String rule, Severity severity, Location location, String message, String fix, List<String> terms,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String theme) {

    /**
     * The rule of the {@code info} line a regulated theme gives when the account holds an approval in force for it (R-11,
     * issue 19): the campaign may go out, and its preflight names the approval.
     */
    public static final String REGULATED_APPROVAL = "regulated-approval";

    public Finding(String rule, Severity severity, Location location, String message, String fix, List<String> terms) {
        this(rule, severity, location, message, fix, terms, null);
    }

    /**
     * Where a finding is: a part of the message ({@code subject}, {@code preheader}, {@code body} (the HTML part's
     * text), {@code text} (the text part), {@code alt} (image alt text), {@code link} (link targets), {@code header},
     * {@code sender}, the whole rendered {@code message} (the spam filter's score), a voice {@code recording} and its {@code transcript}, its {@code caller} number), or the
     * campaign's {@code audience}, {@code account}, {@code kind} or {@code schedule}. The JSON and the API's
     * violations carry the code.
     */
    public enum Location {
        SUBJECT("The subject"), PREHEADER("The preheader"), SENDER("The sender name"), BODY("The HTML body"), ALT("An image's alt text"),
        LINK("A link target"), TEXT("The text part"), HEADER("A header"), RECORDING("The recording"), TRANSCRIPT("The transcript"),
        CALLER("The caller number"), MESSAGE("The rendered message"), AUDIENCE("The audience"), ACCOUNT("The account"), KIND("The kind"), SCHEDULE("The schedule");

        private final String phrase;

        Location(String phrase) {
            this.phrase = phrase;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The location at the start of a sentence ("The subject touches ..."). */
        public String phrase() {
            return phrase;
        }

        @Override
        public String toString() {
            return code();
        }
    }

    public Finding {
        terms = terms == null ? List.of() : List.copyOf(terms);
    }

    public static Finding blocking(String rule, Location location, String message, String fix) {
        return new Finding(rule, Severity.BLOCKING, location, message, fix, List.of());
    }

    public static Finding warning(String rule, Location location, String message, String fix) {
        return new Finding(rule, Severity.WARNING, location, message, fix, List.of());
    }

    /** An ambiguous finding the operator must look at before the campaign may go out. */
    public static Finding review(String rule, Location location, String message, String fix, List<String> terms) {
        return new Finding(rule, Severity.REVIEW, location, message, fix, terms);
    }

    public boolean review() {
        return severity == Severity.REVIEW;
    }

    /** A figure shown with nothing to fix (the spam filter's score of a sample that passes). */
    public static Finding info(String rule, Location location, String message, List<String> terms) {
        return new Finding(rule, Severity.INFO, location, message, null, terms);
    }

    public boolean blocking() {
        return severity == Severity.BLOCKING;
    }
}
