package org.fairsend.reputation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Codes;

/**
 * The reputation module's API for other modules (the web console): an account's indicators against their
 * thresholds, its incidents, audit and penalty lines, the accounts closest to a threshold, and the
 * operator's actions (reverse a step, suspend or reinstate a channel), each with who and why, audited here.
 * An unknown account or incident answers {@link org.fairsend.platform.NotFound}; a missing reason a
 * {@link org.fairsend.platform.RuleViolation} on field {@code reason}.
 */
public interface ReputationViews {

    /** Why a threshold counted as crossed (stored as the code in {@code reputation_incident.trigger_rule}). */
    enum Trigger {
        /** The rate reached the threshold on at least the minimum sample. */
        THRESHOLD,
        /** Earlier: the Wilson lower bound of the rate already reached it. */
        WILSON,
        /** A count above its maximum (spamtraps, complaints of the day). */
        COUNT;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static Trigger of(String code) {
            return Codes.of(Trigger.class, code, "trigger");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /**
     * What an audit line records, stored as its code ({@code campaign-suspended}, ...) in
     * {@code reputation_audit.action}; {@link #toString()} is the code.
     */
    enum AuditAction {
        CAMPAIGN_INCRIMINATED, CAMPAIGN_SUSPENDED, CAMPAIGN_CROSSED_AGAIN, CAMPAIGN_SUSPENDED_AGAIN, CHANNEL_SUSPENDED,
        CHANNEL_REINSTATED, ACCOUNT_TERMINATED, PENALTY, NOTIFIED, NOTICE_FAILED, REVERSED,
        /** The operator reinstated an account it had terminated (issue 19): the termination charge is credited. */
        ACCOUNT_REINSTATED,
        /** R-14 account level: the account's day crossed a threshold, its marketing on the channel paused; the operator resumed it. */
        MARKETING_PAUSED, MARKETING_RESUMED;

        @JsonValue
        public String code() {
            return Codes.code(this).replace('_', '-');
        }

        public static AuditAction of(String code) {
            return Codes.of(AuditAction.class, code == null ? null : code.replace('-', '_'), "action");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /** An incident counts on the ladder while {@code standing}; the operator may reverse it. */
    enum IncidentStatus {
        STANDING, REVERSED;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static IncidentStatus of(String code) {
            return Codes.of(IncidentStatus.class, code, "status");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /**
     * One indicator against its threshold: {@code applies} tells whether the breaker looks at it yet (minimum
     * sample, daily volume); {@code proximity} is value / threshold (1 or more: crossed).
     */
    record Reading(Indicator indicator, String label, boolean rate, double value, double threshold, long numerator, long sample,
            boolean applies, boolean crossed, double proximity) {}

    /**
     * A channel today: its standing, {@code today} the indicators of the account's day (every message counted) against
     * the account-level thresholds, and its marketing standing.
     */
    record ChannelState(Channel channel, org.fairsend.accounts.AccountDirectory.ChannelState status, Instant until, String reason, List<Reading> today,
            Marketing marketing) {}

    /**
     * R-14 at the account level: whether the account's marketing on the channel is paused, since when, why (the
     * explanation: indicator, value, threshold, sample, day) and the operator's resume.
     */
    record Marketing(boolean paused, Instant since, String reason, Indicator indicator, Double value, Double threshold, Long sample,
            LocalDate day) {}

    /** A past or current pause of the account's marketing on a channel (R-14 account level). */
    record MarketingPause(long id, Channel channel, LocalDate day, Indicator indicator, String label, boolean rate, double value,
            double threshold, long sample, long numerator, String reason, List<UUID> suspendedCampaigns, Instant pausedAt, Instant resumedAt,
            String resumedBy, String resumeReason) {}

    record Status(UUID accountId, String legalName, String status, List<ChannelState> channels, long standingIncidents, int nextRung,
            int policyVersion) {}

    /** One policy day (in the policy's time zone) of one channel. */
    record Day(LocalDate day, Channel channel, Map<String, Long> counters, List<Reading> indicators) {}

    /**
     * An incriminated campaign: what stopped it (indicator, value, threshold, sample) and what followed; {@code spamtraps}
     * counts those observed at the decision and after it.
     */
    record Incident(long id, UUID accountId, UUID campaignId, Channel channel, Indicator indicator, String label, boolean rate, double value,
            double threshold, long sample, long numerator, Trigger trigger, Double lowerBound, int policyVersion, int rung, long spamtraps,
            boolean campaignSuspended, IncidentStatus status, Instant crossedAt, Instant decidedAt, Instant reversedAt, String reversedBy,
            String reversalReason) {}

    /** A step of the ladder or an operator's action on it. */
    record AuditEntry(long id, UUID campaignId, Long incidentId, AuditAction action, String actor, String reason, String detail,
            int policyVersion, Instant at) {}

    /**
     * What a ledger line charges (R-15, stored as its code in {@code reputation_ledger.kind}): a {@code penalty} per
     * spamtrap observed on an incriminated campaign of a step, or the {@code termination} charge (months of
     * subscription). A reversal (a credit) keeps the kind of the line it reverses.
     */
    enum LineKind {
        PENALTY, TERMINATION;

        @JsonValue
        public String code() {
            return Codes.code(this);
        }

        public static LineKind of(String code) {
            return Codes.of(LineKind.class, code, "kind");
        }

        @Override
        public String toString() {
            return code();
        }
    }

    /**
     * A billing ledger line: amounts in minor units excluding tax; a reversal is negative and names its line;
     * {@code bookedOn} is a day of the policy's time zone.
     */
    record PenaltyLine(long id, UUID campaignId, Long incidentId, String rule, String description, long quantity, long unitCents,
            long amountCents, String currency, LocalDate bookedOn, Long reversesId, LineKind kind) {}

    /**
     * A termination of the account's contract: by the ladder's 4th step ({@code incidentId}) or by the operator;
     * {@code reversedAt} set when the step was reversed or the operator reinstated the account.
     */
    record Termination(long id, Long incidentId, Instant terminatedAt, String terminatedBy, String reason, Instant reversedAt,
            String reversedBy, String reversalReason) {}

    record Sanctions(UUID accountId, List<Incident> incidents, List<AuditEntry> audit, List<PenaltyLine> ledger, long balanceCents) {}

    /** An account's indicator nearest to (or furthest past) its threshold today. */
    record Closest(UUID accountId, String legalName, Channel channel, Indicator indicator, String label, double value, double threshold,
            long sample, boolean applies, double proximity) {}

    Status status(UUID accountId);

    /** Daily indicators from {@code from} to {@code to} inclusive (at most 366 days). */
    List<Day> days(UUID accountId, LocalDate from, LocalDate to);

    /** The incident of a campaign, if it was incriminated. */
    Optional<Incident> incidentOf(UUID campaignId);

    Sanctions sanctions(UUID accountId);

    /**
     * The account's ledger lines booked from {@code from} to {@code to} inclusive (days of the policy's time zone), oldest
     * first; none for an unknown account.
     */
    List<PenaltyLine> ledger(UUID accountId, LocalDate from, LocalDate to);

    /** The account's terminations, oldest first (issue 19: the subscription is billed to the day one took effect). */
    List<Termination> terminations(UUID accountId);

    /**
     * The operator terminates the account's contract with a reason: nothing leaves any more, the termination
     * charge ({@code reputation.ladder.terminationSubscriptionMonths} months of its subscription) is booked; 409 when
     * it is already terminated.
     */
    Termination terminate(UUID accountId, String actor, String reason);

    /**
     * The operator reinstates a terminated account with a reason: the termination ends, its charge is credited (a
     * termination by the ladder's 4th step is reversed with that step); 409 when it is not terminated.
     */
    Termination reinstate(UUID accountId, String actor, String reason);

    /** The account's penalty lines as CSV (the format of {@code /api/reputation/ledger.csv}). */
    String ledgerCsv(UUID accountId);

    /** Accounts nearest a threshold today, nearest first (an indicator the breaker does not yet apply counts a tenth). */
    List<Closest> closest(int limit);

    /** Reverses a step of the ladder of {@code accountId} (another account's incident: not found). */
    Incident reverse(UUID accountId, long incidentId, String actor, String reason);

    /** The operator suspends a channel of the account until {@code until}; its sending campaigns on it are suspended. */
    void suspendChannel(UUID accountId, Channel channel, Instant until, String actor, String reason);

    /** The operator lifts a channel suspension before its end. */
    void reinstateChannel(UUID accountId, Channel channel, String actor, String reason);

    /** The account's marketing pauses (R-14 account level), oldest first. */
    List<MarketingPause> marketingPauses(UUID accountId);

    /**
     * The operator resumes the account's marketing on a channel with a reason: the campaigns the pause suspended
     * resume; 409 when it is not paused.
     */
    MarketingPause resumeMarketing(UUID accountId, Channel channel, String actor, String reason);
}
