package org.fairsend.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;
import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * The platform's calendar, in one place: the policy's time zone ({@link SendingHours#defaultTimeZone()}, Europe/Paris
 * unless the operator changes it) and the day boundary that daily caps, tallies, reports and schedules count in,
 * in Java and in SQL. Nothing else names a time zone: a recipient's own zone is derived from the policy's.
 */
@Component
public class PolicyTime {

    /** What a zone id may contain before it is written into SQL (ZoneId ids are letters, digits, '/', '_', '+', '-'). */
    private static final Pattern SAFE_ZONE = Pattern.compile("[A-Za-z0-9/_+\\-]+");

    private final PolicyService policies;
    private final Clock clock;

    PolicyTime(PolicyService policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** The policy's time zone now (a policy change takes effect at the next call). */
    public ZoneId zone() {
        return policies.current().policy().sendingHours().zone();
    }

    /** Today, in the policy's time zone. */
    public LocalDate today() {
        return dayOf(clock.instant());
    }

    /** The policy day an instant falls on. */
    public LocalDate dayOf(Instant at) {
        return at.atZone(zone()).toLocalDate();
    }

    /** The first instant of a policy day. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone()).toInstant();
    }

    /** A local date-time (as written in an imported file, a form) read in the policy's time zone. */
    public Instant at(LocalDateTime local) {
        return local.atZone(zone()).toInstant();
    }

    /**
     * The SQL expression for the policy day of a {@code timestamp with time zone} column, written so that
     * PostgreSQL and H2 agree (H2 casts a zoned timestamp to a date in the JVM's zone, so the date is cut from the
     * text of the timestamp converted to the policy's zone).
     */
    public String daySql(String column) {
        String id = zone().getId();
        if (!SAFE_ZONE.matcher(id).matches()) throw new IllegalStateException("unexpected time zone id " + id);
        return "cast(substring(cast(" + column + " at time zone '" + id + "' as varchar(40)), 1, 10) as date)";
    }

    /**
     * A trigger for a cron expression read in the policy's time zone, looked up at each firing (so a schedule
     * follows a change of the policy's zone without a restart).
     */
    public Trigger cron(String expression) {
        CronExpression cron = CronExpression.parse(expression);
        return context -> {
            Instant last = context.lastCompletion();
            ZonedDateTime from = (last == null ? clock.instant() : last).atZone(zone());
            ZonedDateTime next = cron.next(from);
            return next == null ? null : next.toInstant();
        };
    }
}
