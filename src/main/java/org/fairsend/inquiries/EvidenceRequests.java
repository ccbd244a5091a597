package org.fairsend.inquiries;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Codes;

/**
 * Evidence requests after a complaint (seed 002 §1.2): the operator opens one from a complaint, the account answers
 * with what the ledger holds, a statement and files, the operator accepts or rejects with a reason. Every method that
 * takes an {@code accountId} is scoped to it: another account's request answers {@link org.fairsend.platform.NotFound}
 * (null: the operator, who sees every request). Bad input is a {@link org.fairsend.platform.RuleViolation} naming the
 * field and the rule.
 */
public interface EvidenceRequests {

    /** Where a request stands. */
    enum State {
        /** Waiting for the account's answer, before the deadline. */
        OPEN,
        /** The deadline passed without an answer: the channel concerned is suspended until the account answers. */
        OVERDUE,
        /** The account answered; waiting for the operator's decision. */
        ANSWERED,
        /** The operator accepted the evidence. */
        ACCEPTED,
        /** The operator rejected the evidence: the campaign counts as incriminated. */
        REJECTED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static State of(String code) {
            return Codes.of(State.class, code, "state");
        }

        /** The account may still add files and answer. */
        public boolean awaitsAnswer() {
            return this == OPEN || this == OVERDUE;
        }
    }

    /** What a step of a request records (stored as its code, {@code attachment-added}). */
    enum Action {
        OPENED, REMINDED, ATTACHMENT_ADDED, ANSWERED, ACCEPTED, REJECTED, SUSPENDED, LIFTED, NOTICE_FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return Codes.code(this).replace('_', '-');
        }

        public static Action of(String code) {
            return Codes.of(Action.class, code == null ? null : code.replace('-', '_'), "action");
        }
    }

    /** A request as both sides see it. */
    record Request(long id, UUID accountId, long complaintId, UUID campaignId, Channel channel, State state, List<String> addresses,
            String note, int policyVersion, String openedBy, Instant openedAt, Instant remindAt, Instant deadline, Instant remindedAt,
            String statement, String answeredBy, Instant answeredAt, String decidedBy, Instant decidedAt, String decisionReason,
            Instant suspendedAt, Instant liftedAt) {}

    /** One step: who, when, what, why. */
    record Step(long id, Action action, String actor, String reason, Instant at) {}

    /** A file the account attached (its bytes through {@link #attachment}). */
    record Attachment(long id, String filename, String contentType, long sizeBytes, String sha256, String uploadedBy, Instant uploadedAt) {}

    /** A file with its bytes. */
    record File(Attachment attachment, byte[] content) {}

    /**
     * What the consent ledger holds about one named address, pre-filled for the answer: each grant with its
     * confirmation, in words. {@code inForce} is the consent in force on the request's channel.
     */
    record AddressEvidence(String address, Channel channel, boolean inForce, String stateText, List<Grant> grants) {}

    /**
     * One consent record as the evidence R-4 and seed 002 §1.2 list: date and time, context, online collection (URL,
     * IP, opt-in type, confirmation time), the declaration and whether consent was separate; for a prior relationship,
     * its nature and how the customer was informed.
     */
    record Grant(long recordId, Channel channel, String basis, Instant collectedAt, String context, String contextDetail, String sourceUrl,
            String ip, String optInType, Instant confirmedAt, String confirmationIp, String declarationText, String subject,
            Boolean separateConsent, Boolean explicit, String relationshipNature, String informedHow, Boolean optOutOffered,
            String provenance, boolean withdrawn, Instant withdrawnAt) {}

    /** Everything about one request: itself, the pre-filled evidence, the files and the steps. */
    record Detail(Request request, List<AddressEvidence> evidence, List<Attachment> attachments, List<Step> steps) {}

    /**
     * Opens a request from a complaint: the account of the complaint is asked for the evidence of {@code addresses}
     * (emails or numbers; empty: the complaint's recipient) on the complaint's channel, by the deadline of the policy.
     * The account is told by mail.
     */
    Request open(long complaintId, List<String> addresses, String note, String actor);

    /** The requests of an account (null: every account), newest first, of one state (null: any). */
    List<Request> list(UUID accountId, State state, int limit);

    /** How many requests wait for the account's answer (open or overdue). */
    long awaitingAnswer(UUID accountId);

    /** How many answered requests wait for the operator's decision. */
    long awaitingDecision();

    Request get(UUID accountId, long id);

    Detail detail(UUID accountId, long id);

    /** Adds a file (PNG, JPEG or PDF, sniffed from its bytes; size capped by the policy) while the request awaits the answer. */
    Attachment attach(UUID accountId, long id, String filename, byte[] content, String actor);

    File attachment(UUID accountId, long id, long attachmentId);

    /** The account answers with its statement; a suspension the missed deadline caused is lifted. */
    Request answer(UUID accountId, long id, String statement, String actor);

    /** The operator accepts the answer, with a reason. */
    Request accept(long id, String reason, String actor);

    /** The operator rejects the answer, with a reason: published as {@link EvidenceRejected}. */
    Request reject(long id, String reason, String actor);

    /** The deadline job's work (seed 002 §1.2): reminders due, overdue requests suspended. Answers the number of steps taken. */
    int checkDeadlines();
}
