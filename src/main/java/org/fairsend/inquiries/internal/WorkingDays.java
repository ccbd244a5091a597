package org.fairsend.inquiries.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;

/**
 * Working days in the policy's time zone (seed 002 §1.2: the answer is due in working days): the days of
 * {@code evidence.workingDays}, except the closed dates of {@code sendingHours.extraClosedDates}. Adding N working days
 * keeps the time of day: a request opened on Monday 10:00 with 5 working days is due the next Monday 10:00.
 */
final class WorkingDays {

    private final ZoneId zone;
    private final Collection<DayOfWeek> days;
    private final Collection<LocalDate> closed;

    WorkingDays(ZoneId zone, Collection<DayOfWeek> days, Collection<LocalDate> closed) {
        this.zone = zone;
        this.days = days;
        this.closed = closed;
    }

    boolean working(LocalDate d) {
        return days.contains(d.getDayOfWeek()) && !closed.contains(d);
    }

    Instant plus(Instant from, int n) {
        return move(from, n, 1);
    }

    Instant minus(Instant from, int n) {
        return move(from, n, -1);
    }

    private Instant move(Instant from, int n, int step) {
        ZonedDateTime z = from.atZone(zone);
        for (int moved = 0, guard = 0; moved < n && guard < 3660; guard++) {
            z = z.plusDays(step);
            if (working(z.toLocalDate())) moved++;
        }
        return z.toInstant();
    }
}
