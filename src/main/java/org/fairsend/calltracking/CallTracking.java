package org.fairsend.calltracking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fairsend.platform.Codes;

/**
 * Call tracking as other modules (the console) see it: an account's media, tracked numbers and
 * their redirections, its call log and figures, and the operator's pool of numbers. Callers are always as
 * stored: masked for an account that chose masked numbers (the masking happens before storage, R-25); nothing
 * here unmasks. Every account-scoped method answers {@link org.fairsend.platform.NotFound} for another account's
 * data, and refuses bad input with a {@link org.fairsend.platform.RuleViolation} naming the field and the rule.
 */
public interface CallTracking {

    /** A pool number's state, stored as its code in {@code ct_number.status}; {@link #toString()} is the code. */
    enum NumberStatus {
        AVAILABLE, ASSIGNED, QUARANTINED, RETIRED;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static NumberStatus of(String code) {
            return Codes.of(NumberStatus.class, code, "status");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /**
     * A tracked number's redirection, stored as its code in {@code ct_assignment.redirect_status}: {@code none}
     * (no redirection set), {@code active}, {@code suspended} (its zone no longer allows it).
     */
    enum RedirectStatus {
        NONE, ACTIVE, SUSPENDED;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static RedirectStatus of(String code) {
            return Codes.of(RedirectStatus.class, code, "redirectStatus");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** Where a call stands, stored as its code in {@code ct_call.status}. */
    enum CallStatus {
        RINGING, ANSWERED, COMPLETED, MISSED;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static CallStatus of(String code) {
            return Codes.of(CallStatus.class, code, "status");
        }

        /** Whether someone picked up (answered, or completed after an answer). */
        public boolean answered() {
            return this == ANSWERED || this == COMPLETED;
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** How the account's callers are stored: {@code masked} (last 4 digits dropped, the default) or {@code full}. */
    enum CallerNumbersMode {
        MASKED, FULL;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static CallerNumbersMode of(String code) {
            return Codes.of(CallerNumbersMode.class, code, "callerNumbers");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    record Medium(UUID id, String name, String type, String formUrl, String emailAddress, Instant createdAt, Instant archivedAt) {}

    /** @param redirectStatus {@code none}, {@code active} or {@code suspended} (with {@code suspendedReason}, R-23) */
    record Line(UUID numberId, String number, Instant assignedAt, UUID mediumId, String mediumName, String redirectTo,
            RedirectStatus redirectStatus, String suspendedReason) {}

    /** A call as stored: {@code caller} is masked when {@code callerMasked}. */
    record Call(UUID id, String trackedNumber, String medium, String caller, boolean callerMasked, String lineType, String zone,
            String departement, CallStatus status, Instant startedAt, Integer durationSeconds, String redirectedTo) {}

    record Counts(long calls, long answered, long missed, long durationSeconds) {}

    /** One medium's figures; {@code byZone} keys are the zones 01..05 or {@code none} (from the stored prefix only). */
    record Figures(UUID mediumId, String name, long calls, long answered, long missed, long forms, long emails,
            Map<String, Counts> byZone) {}

    record Report(LocalDate from, LocalDate to, List<Figures> media, Figures totals) {}

    /** A number of the operator's pool. */
    record PoolNumber(UUID id, String e164, String country, String lineType, NumberStatus status, UUID accountId, Instant quarantineUntil,
            String note) {}

    record Assignment(UUID numberId, String e164, UUID accountId, Instant assignedAt, String assignedBy, String assignReason,
            Instant releasedAt, String releasedBy, String releaseReason) {}

    record Imported(List<PoolNumber> imported, List<String> alreadyInPool) {}

    Set<String> mediumTypes();

    List<Medium> media(UUID accountId);

    Medium createMedium(UUID accountId, String name, String type);

    List<Line> lines(UUID accountId);

    /** Attaches a tracked number to a medium and/or sets its redirection; a target R-23 refuses is refused with the rule. */
    Line configure(UUID accountId, UUID numberId, UUID mediumId, String redirectTo);

    /** {@code masked} (the default) or {@code full}. */
    CallerNumbersMode callerNumbers(UUID accountId);

    /** The call log of a period of whole days in the policy's time zone (null: the last 30 days), callers as stored. */
    List<Call> calls(UUID accountId, String from, String to, int limit);

    /** One call of the account, caller as stored; empty for another account's or an unknown call. */
    java.util.Optional<Call> call(UUID accountId, UUID callId);

    Report report(UUID accountId, String from, String to);

    /** The pool, or only the numbers of that status code (an unknown code: none). */
    List<PoolNumber> pool(String status);

    List<Assignment> history(UUID numberId);

    Imported importNumbers(List<String> numbers, String note);

    Assignment assign(UUID numberId, UUID accountId, String actor, String reason);

    /** Releases a number from its account into quarantine; the reason is required. */
    PoolNumber release(UUID numberId, String actor, String reason);
}
