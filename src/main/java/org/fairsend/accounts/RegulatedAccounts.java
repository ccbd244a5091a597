package org.fairsend.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fairsend.platform.Codes;

/**
 * Regulated accounts (R-11, seed 002 §1.3, issue 19). An account in a regulated activity applies, per theme (an R-11
 * category the policy marks {@code regulated}), for a personalised account: the authority, the licence number, the
 * licence's expiry date and documents (PDF, PNG or JPEG). The operator approves with a reason and an end date that is
 * never after the licence's expiry, or rejects with a reason; an approval lifts the R-11 refusal of that theme for that
 * account only ({@link Account#approvedCategories()}) until the end of its last day in the policy's time zone, after
 * which the theme is refused again (the application's clock decides; the expiry job records the step); the account is
 * mailed {@code regulatedAccounts.expiryWarningDays} before; the operator may revoke it with a reason. Every step is
 * kept with who, when and why ({@link Application#history()}). Another account's application answers
 * {@link org.fairsend.platform.NotFound}; bad input a {@link org.fairsend.platform.RuleViolation} naming the field.
 */
public interface RegulatedAccounts {

    /** Where an application stands; stored as its code. */
    enum State {
        /** Waiting for the operator. */
        PENDING,
        /** In force until {@link Application#approvedUntil()}. */
        APPROVED,
        REJECTED,
        /** Its end date passed. */
        EXPIRED,
        /** Ended early by the operator. */
        REVOKED,
        /** Replaced by a newer approval of the same theme (a renewed licence). */
        SUPERSEDED;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static State of(String code) {
            return Codes.of(State.class, code, "state");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** A document of an application, without its bytes. */
    record Document(UUID id, String fileName, String contentType, int sizeBytes, String sha256, String uploadedBy, Instant uploadedAt) {}

    /** A document and its bytes, to be served as an attachment. */
    record DocumentContent(Document document, byte[] content) {}

    /** One step of an application: who, when, what, the state after it, why. */
    record Step(Instant at, String actor, String action, State state, String detail) {}

    /**
     * An application as both sides see it. {@code state} is the state now: an approval whose last day has passed is
     * {@code expired} even before the expiry job records it.
     */
    record Application(UUID id, UUID accountId, String theme, String themeLabel, String authority, String licenceNumber,
            LocalDate licenceExpiresOn, String note, State state, String submittedBy, Instant submittedAt, String decidedBy,
            Instant decidedAt, String decisionReason, LocalDate approvedUntil, String endedBy, Instant endedAt, String endReason,
            Instant warnedAt, List<Document> documents, List<Step> history) {

        public boolean inForce() {
            return state == State.APPROVED;
        }
    }

    /** An approval in force: what lifts the R-11 refusal of {@code theme} for the account, shown on the campaigns it allows. */
    record Approval(UUID applicationId, UUID accountId, String theme, String themeLabel, String authority, String licenceNumber,
            LocalDate licenceExpiresOn, LocalDate approvedUntil, String decidedBy, Instant decidedAt) {}

    /** A document as uploaded: its name as given and its bytes (the type is sniffed from them). */
    record Upload(String fileName, byte[] content) {}

    /** What the account supplies; dates as ISO {@code yyyy-MM-dd}. */
    record NewApplication(String theme, String authority, String licenceNumber, String licenceExpiresOn, String note,
            List<Upload> documents) {}

    /** A theme an account may apply for, from the policy. */
    record Theme(String id, String label) {}

    /** What one run of the expiry job did. */
    record Run(int warned, int expired) {}

    List<Theme> themes();

    Application apply(UUID accountId, NewApplication in, String actor);

    /** Adds a document to a pending application of the account. */
    Application addDocument(UUID accountId, UUID applicationId, Upload document, String actor);

    List<Application> list(UUID accountId);

    Application get(UUID accountId, UUID applicationId);

    DocumentContent document(UUID accountId, UUID applicationId, UUID documentId);

    /** The operator's queue and search: {@code state} and {@code accountId} may be null (any). */
    List<Application> search(State state, UUID accountId, int limit);

    /** The operator's view of any application. */
    Application get(UUID applicationId);

    DocumentContent document(UUID applicationId, UUID documentId);

    /** Approves until {@code endsOn} (ISO date; default the licence's expiry, never after it), with a reason. */
    Application approve(UUID applicationId, String actor, String reason, String endsOn);

    Application reject(UUID applicationId, String actor, String reason);

    Application revoke(UUID applicationId, String actor, String reason);

    /** The account's approvals in force now. */
    List<Approval> inForce(UUID accountId);

    /** The approval in force for one theme, if any. */
    default Optional<Approval> inForce(UUID accountId, String theme) {
        return inForce(accountId).stream().filter(a -> a.theme().equals(theme)).findFirst();
    }

    /** The themes the account is approved for now. */
    Set<String> approvedThemes(UUID accountId);

    long pendingCount();

    /** Records the approvals whose end passed as expired and warns the accounts whose approval ends soon. */
    Run runExpiry();
}
