package org.fairsend.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairsend.platform.Channel;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * when marketing messages may reach people, per channel, in the recipient's time zone
 * ({@code defaultTimeZone} unless the number's region says otherwise). Outside its window a marketing
 * message is held and released when the window opens; transactional messages are never held.
 * Defaults: email no window; SMS Monday to Saturday 08:00-20:00; voice Monday to Friday 10:00-13:00 and
 * 14:00-20:00; SMS and voice never on French public holidays (Easter Monday, Ascension and Whit Monday
 * included) nor on the {@code extraClosedDates}. A window given in an update replaces the default's values it
 * states and keeps the others.
 */
public record SendingHours(String defaultTimeZone, Window email, Window sms, Window voice, List<String> extraClosedDates) {

    static final Window EMAIL = new Window(true, List.of(), List.of(), false);
    static final Window SMS = new Window(false, List.of("mon", "tue", "wed", "thu", "fri", "sat"), List.of("08:00-20:00"), true);
    static final Window VOICE = new Window(false, List.of("mon", "tue", "wed", "thu", "fri"),
            List.of("10:00-13:00", "14:00-20:00"), true);

    public SendingHours {
        if (defaultTimeZone == null || defaultTimeZone.isBlank()) defaultTimeZone = "Europe/Paris";
        email = Window.over(EMAIL, email);
        sms = Window.over(SMS, sms);
        voice = Window.over(VOICE, voice);
        extraClosedDates = extraClosedDates == null ? List.of() : List.copyOf(extraClosedDates);
    }

    /** The policy's time zone as a {@link ZoneId} (Europe/Paris when the stored id is unknown to this JVM). */
    public ZoneId zone() {
        try {
            return ZoneId.of(defaultTimeZone);
        } catch (DateTimeException e) {
            return ZoneId.of(defaults().defaultTimeZone());
        }
    }

    public static SendingHours defaults() {
        return new SendingHours(null, null, null, null, null);
    }

    public Window window(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> sms;
            case VOICE -> voice;
        };
    }

    /** Dates (ISO, e.g. 2026-12-26) on which no window opens, besides the French public holidays. */
    public List<LocalDate> closedDates() {
        return extraClosedDates.stream().map(LocalDate::parse).toList();
    }

    /**
     * One channel's window.
     *
     * @param always no window at all (any day, any time)
     * @param days {@code mon} to {@code sun}
     * @param hours spans {@code HH:mm-HH:mm} in the recipient's local time
     * @param closedOnPublicHolidays closed on French public holidays
     */
    public record Window(Boolean always, List<String> days, List<String> hours, Boolean closedOnPublicHolidays) {

        public Window {
            days = days == null ? null : List.copyOf(days);
            hours = hours == null ? null : List.copyOf(hours);
        }

        static Window over(Window def, Window given) {
            if (given == null) return def;
            return new Window(given.always == null ? def.always : given.always, given.days == null ? def.days : given.days,
                    given.hours == null ? def.hours : given.hours,
                    given.closedOnPublicHolidays == null ? def.closedOnPublicHolidays : given.closedOnPublicHolidays);
        }

        public List<DayOfWeek> daysOfWeek() {
            return days.stream().map(Window::day).toList();
        }

        /** The spans as [from, to) pairs, in order. */
        public List<LocalTime[]> spans() {
            return hours.stream().map(Window::span).sorted(java.util.Comparator.comparing(s -> s[0])).toList();
        }

        static DayOfWeek day(String d) {
            return switch (d.trim().toLowerCase(Locale.ROOT)) {
                case "mon", "monday" -> DayOfWeek.MONDAY;
                case "tue", "tuesday" -> DayOfWeek.TUESDAY;
                case "wed", "wednesday" -> DayOfWeek.WEDNESDAY;
                case "thu", "thursday" -> DayOfWeek.THURSDAY;
                case "fri", "friday" -> DayOfWeek.FRIDAY;
                case "sat", "saturday" -> DayOfWeek.SATURDAY;
                case "sun", "sunday" -> DayOfWeek.SUNDAY;
                default -> throw new IllegalArgumentException(d);
            };
        }

        static LocalTime[] span(String s) {
            String[] p = s.trim().split("-");
            if (p.length != 2) throw new IllegalArgumentException(s);
            LocalTime from = LocalTime.parse(p[0].trim());
            LocalTime to = p[1].trim().equals("24:00") ? LocalTime.MAX : LocalTime.parse(p[1].trim());
            if (!from.isBefore(to)) throw new IllegalArgumentException(s);
            return new LocalTime[] {from, to};
        }
    }

    /** Values the engine could not apply. */
    public void problems(List<Violation> v) {
        try {
            ZoneId.of(defaultTimeZone);
        } catch (DateTimeException e) {
            v.add(new Violation("sendingHours.defaultTimeZone", "X-4", "an IANA time zone such as Europe/Paris"));
        }
        windowProblems("sendingHours.email", email, v);
        windowProblems("sendingHours.sms", sms, v);
        windowProblems("sendingHours.voice", voice, v);
        for (int i = 0; i < extraClosedDates.size(); i++) {
            try {
                LocalDate.parse(extraClosedDates.get(i));
            } catch (DateTimeParseException | NullPointerException e) {
                v.add(new Violation("sendingHours.extraClosedDates[" + i + "]", "X-4", "an ISO date such as 2026-12-26"));
            }
        }
    }

    private static void windowProblems(String field, Window w, List<Violation> v) {
        if (w.always()) return;
        if (w.days().isEmpty()) v.add(new Violation(field + ".days", "X-4", "at least one day (mon to sun), or always: true"));
        for (int i = 0; i < w.days().size(); i++) {
            try {
                Window.day(String.valueOf(w.days().get(i)));
            } catch (IllegalArgumentException e) {
                v.add(new Violation(field + ".days[" + i + "]", "X-4", "a day of the week: mon, tue, wed, thu, fri, sat or sun"));
            }
        }
        if (w.hours().isEmpty()) v.add(new Violation(field + ".hours", "X-4", "at least one span such as 08:00-20:00, or always: true"));
        for (int i = 0; i < w.hours().size(); i++) {
            try {
                Window.span(String.valueOf(w.hours().get(i)));
            } catch (RuntimeException e) {
                v.add(new Violation(field + ".hours[" + i + "]", "X-4", "a span HH:mm-HH:mm that ends after it starts, e.g. 14:00-20:00"));
            }
        }
    }
}
