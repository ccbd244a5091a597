package org.fairsend.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The feedback-loop reporters the operator configured: a report counts only from one of them, recognised by the
 * DKIM signature of one of its domains on the report or by the SMTP peer's address in one of its source ranges
 * (docs/ARCHITECTURE.md, "Trust boundaries"). The operator's REST API and the console manage them through this port.
 * Invalid input is refused whole with {@link org.fairsend.platform.RuleViolation} (422, or 409 for a name taken),
 * one violation per field and rule ({@code name}, {@code dkimDomains[i]}, {@code sourceRanges[i]}); nothing is
 * stored then.
 */
public interface FeedbackLoopReporters {

    /** A reporter as stored: its domains in lower case, its ranges in normalised CIDR notation. */
    record Reporter(long id, String name, List<String> dkimDomains, List<String> sourceRanges, Instant createdAt, String createdBy,
            Instant updatedAt) {}

    /**
     * What the operator gives: a name, at least one DKIM domain or source range (CIDR, or a single address), and why
     * (required: recorded in the reporter's changes with who made it).
     */
    record Definition(String name, List<String> dkimDomains, List<String> sourceRanges, String reason) {}

    /** What a change did. */
    enum Action { ADDED, REPLACED, REMOVED }

    /** One change, as recorded: who, when, why, and the reporter's name, domains and ranges after it. */
    record Change(Action action, String actor, String reason, Instant at, String name, List<String> dkimDomains,
            List<String> sourceRanges) {}

    /** By name. */
    List<Reporter> list();

    Optional<Reporter> find(long id);

    /** @param actor who adds it (recorded) */
    Reporter create(Definition definition, String actor);

    /** Replaces its name, domains and ranges whole; empty when there is no such reporter. */
    Optional<Reporter> replace(long id, Definition definition, String actor);

    /** Whether there was such a reporter; its reports no longer count from the next one on. The reason is required. */
    boolean delete(long id, String actor, String reason);

    /** The changes of a reporter, newest first (also after it was removed). */
    List<Change> changes(long id);
}
