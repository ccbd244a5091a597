package org.fairsend.delivery.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fairsend.platform.Channel;
import org.fairsend.policy.SendingHours;
import org.springframework.stereotype.Component;

/**
 * whether a marketing message may leave now, in its recipient's time zone, and if not when its channel's
 * window next opens. The time zone is the number's (libphonenumber's time-zone map: an overseas number such as
 * +262 692 ... is in Indian/Reunion) when it names exactly one, else the policy's default.
 */
@Component
class SendingWindows {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    /** Zones by number prefix (country code and the first digits decide the zone). */
    private final Map<String, ZoneId> byPrefix = new ConcurrentHashMap<>();

    /** A policy's sending hours parsed once (the policy is immutable per version). */
    private record Parsed(SendingHours hours, ZoneId zone, List<LocalDate> closed) {}

    private volatile Parsed parsed;

    /** Null when the message may leave at {@code now}, else the next opening of the window. */
    Instant heldUntil(SendingHours hours, Channel channel, String recipient, Instant now) {
        SendingHours.Window w = hours.window(channel);
        if (w.always()) return null;
        Parsed p = parsed;
        if (p == null || p.hours() != hours) parsed = p = new Parsed(hours, ZoneId.of(hours.defaultTimeZone()), hours.closedDates());
        ZoneId zone = zone(channel, recipient, p.zone());
        Instant open = nextOpening(w, p.closed(), now.atZone(zone));
        return open == null || !open.isAfter(now) ? null : open;
    }

    /** The first instant at or after {@code from} inside the window; null if it never opens within a year. */
    static Instant nextOpening(SendingHours.Window w, List<LocalDate> closed, ZonedDateTime from) {
        List<DayOfWeek> listed = w.daysOfWeek();
        Set<DayOfWeek> days = listed.isEmpty() ? java.util.EnumSet.noneOf(DayOfWeek.class) : java.util.EnumSet.copyOf(listed);
        List<LocalTime[]> spans = w.spans();
        LocalDate day = from.toLocalDate();
        for (int i = 0; i < 370; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek()) || closed.contains(day)) continue;
            if (w.closedOnPublicHolidays() && FrenchHolidays.isHoliday(day)) continue;
            for (LocalTime[] s : spans) {
                ZonedDateTime start = day.atTime(s[0]).atZone(from.getZone());
                ZonedDateTime end = s[1] == LocalTime.MAX ? day.plusDays(1).atStartOfDay(from.getZone()) : day.atTime(s[1]).atZone(from.getZone());
                if (!from.isBefore(end)) continue;
                return from.isAfter(start) ? from.toInstant() : start.toInstant();
            }
        }
        return null;
    }

    /** The recipient's time zone: its number's single zone, else the default. Emails use the default. */
    ZoneId zone(Channel channel, String recipient, ZoneId fallback) {
        if (channel == Channel.EMAIL || recipient == null || !recipient.startsWith("+")) return fallback;
        String prefix = recipient.substring(0, Math.min(recipient.length(), 7));
        ZoneId z = byPrefix.computeIfAbsent(prefix, p -> lookup(recipient));
        return z.getId().equals("Z") ? fallback : z;
    }

    /**
     * Where libphonenumber names several zones for a range shared by overseas territories (+262 692 is both
     * Réunion and Mayotte), the number's region decides.
     */
    private static final Map<String, String> OVERSEAS = Map.of("RE", "Indian/Reunion", "YT", "Indian/Mayotte", "GP", "America/Guadeloupe",
            "MQ", "America/Martinique", "GF", "America/Cayenne", "PM", "America/Miquelon", "NC", "Pacific/Noumea", "PF", "Pacific/Tahiti",
            "BL", "America/St_Barthelemy", "MF", "America/Marigot");

    private static ZoneId lookup(String e164) {
        try {
            var number = PHONES.parse(e164, null);
            List<String> zones = ZONES.getTimeZonesForNumber(number);
            if (zones.size() == 1 && !zones.getFirst().equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                return ZoneId.of(zones.getFirst());
            }
            String region = OVERSEAS.get(String.valueOf(PHONES.getRegionCodeForNumber(number)));
            if (region != null && zones.contains(region)) return ZoneId.of(region);
        } catch (NumberParseException | java.time.DateTimeException e) {
            // not a number we can place: the default zone
        }
        return java.time.ZoneOffset.UTC; // marker for "use the default"
    }
}
