package org.fairsend.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Codes;

/**
 * The caller numbers an account declared as its own for voicemail drops, and the number a
 * voice campaign shows: a declared one, or the platform's own.
 */
public interface CallerNumbers {

    /**
     * A declaration: the number (E.164 and national form), its verified range, who declared it (the person
     * and the API key), when, and the text of the ownership declaration.
     */
    record CallerNumber(UUID id, UUID accountId, String e164, String national, String range, String declarantName,
            String declaredBy, Instant declaredAt, String declaration, Status status, Instant withdrawnAt) {
        public boolean active() {
            return status == Status.ACTIVE;
        }
    }

    /**
     * A declaration is {@code active} until withdrawn (stored as the lower-case code in {@code caller_number.status});
     * {@link #toString()} is the code.
     */
    enum Status {
        ACTIVE, WITHDRAWN;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static Status of(String code) {
            return Codes.of(Status.class, code, "status");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** The number a voice drop shows, and where it came from. */
    record CallerId(String e164, Source source, UUID callerNumberId) {}

    /** Where a shown caller number comes from: a number the account {@code declared}, or the {@code platform}'s own. */
    enum Source {
        DECLARED, PLATFORM;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        @Override
        public String toString() {
            return code();
        }
    }

    Optional<CallerNumber> find(UUID accountId, UUID id);

    List<CallerNumber> list(UUID accountId);

    /**
     * The caller number for a voice campaign: the account's active declared number {@code callerNumberId},
     * or the platform's own number when null. Empty when the declared number is not active (withdrawn, or
     * now outside the policy's ranges) or no platform number is configured.
     */
    Optional<CallerId> effective(UUID accountId, UUID callerNumberId);

    /**
     * Declares a number as the account's own: it must be in the verified ranges for automated systems;
     * the declarant and the text of the declaration are kept. Refused with a {@link org.fairsend.platform.RuleViolation}.
     */
    CallerNumber declare(UUID accountId, String number, String declarantName, String declaration, String actor);
}
