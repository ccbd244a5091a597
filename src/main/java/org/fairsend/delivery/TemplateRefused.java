package org.fairsend.delivery;

import java.util.List;
import org.fairsend.platform.RuleViolation;

/**
 * A template the sandbox will not render (issue 13, "templates are data, not code"): it would read the host, reach
 * outside personalisation, or go over its {@link TemplateLimits budget}. As a {@link RuleViolation} it answers 422
 * problem+json naming the template's field ({@code subject}, {@code html}, {@code text}, {@code preheader}) and the
 * rule; the preflight shows it as a blocking finding; at send time the message fails with the rule as its reason.
 */
public final class TemplateRefused extends RuleViolation {

    /** Why a template is refused; each has its rule id and what the author can do about it. */
    public enum Rule {
        /** include, import, from, extends: a template reads no file, classpath resource or URL. */
        INCLUDE("template-include", "write the content into the template itself: a template includes, imports and extends"
                + " nothing (it reads no file, resource or URL)"),
        /** Java methods, and filters, functions or tags that are not personalisation. */
        FEATURE("template-feature", "personalise with variables ({{ contact.first_name }}), filters, if, for, set and macros"
                + " only"),
        /** Over time, loop iterations, rendered pieces, output size, list size, macro depth or nesting. */
        BUDGET("template-budget", "simplify the template: fewer or shorter loops, less output, shallower macros and tags"),
        /** The template cannot be rendered at all (a malformed tag). */
        SYNTAX("template-syntax", "correct the tag");

        private final String code;
        private final String fix;

        Rule(String code, String fix) {
            this.code = code;
            this.fix = fix;
        }

        public String code() {
            return code;
        }

        public String fix() {
            return fix;
        }
    }

    private final Rule rule;
    private final String field;

    public TemplateRefused(String field, Rule rule, String message) {
        super(422, List.of(new Violation(field, rule.code(), message)));
        this.rule = rule;
        this.field = field;
    }

    public Rule rule() {
        return rule;
    }

    /** The template's part: {@code subject}, {@code preheader}, {@code html}, {@code text}. */
    public String field() {
        return field;
    }

    /** Stack traces say nothing an author or operator needs: the message and rule are the whole story. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
