package org.fairsend.policy;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * Evidence requests after a complaint (seed 002 §1.2, issue 19): how long an account has to answer, when it is
 * reminded, and what it may attach.
 *
 * @param answerWorkingDays the deadline, in working days after the request (default 5); a request still unanswered
 *     then suspends the channel concerned until it is answered
 * @param reminderWorkingDaysBefore the reminder goes out this many working days before the deadline (default 1)
 * @param workingDays the days that count ({@code mon} to {@code sun}; default Monday to Friday); the dates of
 *     {@code sendingHours.extraClosedDates} never count
 * @param maxAttachmentBytes the largest file an account may attach (default 5 MB)
 * @param maxAttachments at most this many files per request (default 10)
 */
public record EvidencePolicy(Integer answerWorkingDays, Integer reminderWorkingDaysBefore, List<String> workingDays, Long maxAttachmentBytes,
        Integer maxAttachments) {

    public EvidencePolicy {
        if (answerWorkingDays == null) answerWorkingDays = 5;
        if (reminderWorkingDaysBefore == null) reminderWorkingDaysBefore = 1;
        workingDays = workingDays == null ? List.of("mon", "tue", "wed", "thu", "fri") : List.copyOf(workingDays);
        if (maxAttachmentBytes == null) maxAttachmentBytes = 5L * 1024 * 1024;
        if (maxAttachments == null) maxAttachments = 10;
    }

    public static EvidencePolicy defaults() {
        return new EvidencePolicy(null, null, null, null, null);
    }

    /** The working days as {@link DayOfWeek}s. */
    public List<DayOfWeek> daysOfWeek() {
        return workingDays.stream().map(EvidencePolicy::day).toList();
    }

    private static DayOfWeek day(String d) {
        return switch (d == null ? "" : d.toLowerCase(Locale.ROOT)) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            case "sun" -> DayOfWeek.SUNDAY;
            default -> throw new IllegalArgumentException("not a day: " + d);
        };
    }

    void problems(List<Violation> v) {
        if (answerWorkingDays < 1 || answerWorkingDays > 60) {
            v.add(new Violation("evidence.answerWorkingDays", "seed-002-1.2", "between 1 and 60 working days"));
        }
        if (reminderWorkingDaysBefore < 0 || reminderWorkingDaysBefore >= answerWorkingDays) {
            v.add(new Violation("evidence.reminderWorkingDaysBefore", "seed-002-1.2", "from 0 to fewer than answerWorkingDays"));
        }
        try {
            if (daysOfWeek().isEmpty()) v.add(new Violation("evidence.workingDays", "seed-002-1.2", "at least one working day"));
        } catch (IllegalArgumentException e) {
            v.add(new Violation("evidence.workingDays", "seed-002-1.2", "days are mon, tue, wed, thu, fri, sat, sun"));
        }
        if (maxAttachmentBytes < 1024 || maxAttachmentBytes > 50L * 1024 * 1024) {
            v.add(new Violation("evidence.maxAttachmentBytes", "seed-002-1.2", "between 1 KB and 50 MB"));
        }
        if (maxAttachments < 1 || maxAttachments > 50) {
            v.add(new Violation("evidence.maxAttachments", "seed-002-1.2", "between 1 and 50"));
        }
    }
}
