package org.fairsend.platform;

import java.util.List;

/**
 * Input that breaks a rule. Rendered as problem+json (HTTP 422 unless another status is given) whose
 * {@code errors} name each offending field and the rule (an R-/X- number of docs/RULES.md, or a validation rule).
 * Nothing is stored when it is thrown inside a transaction.
 */
public class RuleViolation extends RuntimeException {

    public record Violation(String field, String rule, String message) {}

    private final transient List<Violation> violations;
    private final int status;

    public RuleViolation(String field, String rule, String message) {
        this(422, List.of(new Violation(field, rule, message)));
    }

    public RuleViolation(int status, String field, String rule, String message) {
        this(status, List.of(new Violation(field, rule, message)));
    }

    public RuleViolation(int status, List<Violation> violations) {
        super(violations.isEmpty() ? "invalid input" : violations.getFirst().message());
        this.violations = List.copyOf(violations);
        this.status = status;
    }

    public List<Violation> violations() {
        return violations;
    }

    public int status() {
        return status;
    }

    /**
     * The reason a person gives for a decision (a freeze, a suspension, a rental refused...): required, else a violation
     * of {@code reason} saying {@code whenMissing}; at most {@code max} characters; stripped.
     */
    public static String requiredReason(String reason, String whenMissing, int max) {
        if (reason == null || reason.isBlank()) throw new RuleViolation("reason", "required", whenMissing);
        if (reason.length() > max) throw new RuleViolation("reason", "length", "at most " + String.format(java.util.Locale.ENGLISH, "%,d", max) + " characters");
        return reason.strip();
    }
}
