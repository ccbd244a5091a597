package org.fairsend.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.fairsend.platform.Channel;
import org.fairsend.policy.SendingHours;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** the default sending hours of each channel, French public holidays and the recipient's time zone. */
class SendingWindowsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final SendingWindows windows = new SendingWindows();
    private final SendingHours hours = SendingHours.defaults();

    @ParameterizedTest(name = "{0} {1} at {2} -> {3} {4}")
    @CsvSource(textBlock = """
            # channel, recipient, Paris local time, held until (Paris local time; 'open' = may leave), why
            sms, +33612345678, 2026-12-06T10:00, 2026-12-07T08:00, 'a Sunday: Monday 08:00'
            sms, +33612345678, 2026-12-07T07:59, 2026-12-07T08:00, 'Monday before the window'
            sms, +33612345678, 2026-12-07T08:00, open, ''
            sms, +33612345678, 2026-12-07T19:59, open, ''
            sms, +33612345678, 2026-12-07T20:00, 2026-12-08T08:00, 'closes at 20:00'
            sms, +33612345678, 2026-12-05T12:00, open, 'Saturday is open for SMS'
            sms, +33612345678, 2026-12-24T21:00, 2026-12-26T08:00, 'Christmas Day is closed'
            sms, +33612345678, 2027-03-28T12:00, 2027-03-30T08:00, 'Easter Sunday then Easter Monday 2027-03-29'
            sms, +33612345678, 2026-05-13T20:30, 2026-05-15T08:00, 'Ascension Thursday 2026-05-14'
            sms, +33612345678, 2026-05-23T21:00, 2026-05-26T08:00, 'Saturday night, Sunday, then Whit Monday 2026-05-25'
            sms, +33612345678, 2026-07-14T09:00, 2026-07-15T08:00, 'Bastille Day'
            voice, +33612345678, 2026-12-07T13:30, 2026-12-07T14:00, 'lunch break'
            voice, +33612345678, 2026-12-07T09:00, 2026-12-07T10:00, ''
            voice, +33612345678, 2026-12-05T11:00, 2026-12-07T10:00, 'no voice on Saturday'
            voice, +33612345678, 2026-12-07T12:59, open, ''
            email, someone@example.org, 2026-12-06T03:00, open, 'email has no window'
            """, commentCharacter = '#')
    void defaultWindows(String channel, String recipient, String local, String expected, String why) {
        Instant now = java.time.LocalDateTime.parse(local).atZone(PARIS).toInstant();
        Instant until = windows.heldUntil(hours, Channel.of(channel), recipient, now);
        if (expected.equals("open")) assertThat(until).isNull();
        else assertThat(until).as(why).isEqualTo(java.time.LocalDateTime.parse(expected).atZone(PARIS).toInstant());
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
        "+33612345678, Europe/Paris",
        "+262692123456, Indian/Reunion",
        "+590690123456, America/Guadeloupe",
        "+596696123456, America/Martinique",
        "+594694123456, America/Cayenne",
    })
    void theNumberSaysItsTimeZone(String number, String zone) {
        assertThat(windows.zone(Channel.SMS, number, PARIS)).isEqualTo(ZoneId.of(zone));
    }

    @org.junit.jupiter.api.Test
    void anOverseasNumberIsHeldByItsOwnClock() {
        // 09:00 in Paris on a Monday is 12:00 in Réunion (open) and 04:00 in Martinique (held until 08:00 there)
        Instant now = ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, PARIS).toInstant();
        assertThat(windows.heldUntil(hours, Channel.SMS, "+262692123456", now)).isNull();
        assertThat(windows.heldUntil(hours, Channel.SMS, "+596696123456", now))
                .isEqualTo(ZonedDateTime.of(2026, 12, 7, 8, 0, 0, 0, ZoneId.of("America/Martinique")).toInstant());
    }

    @org.junit.jupiter.api.Test
    void easterFollowsTheGregorianComputus() {
        assertThat(List.of(FrenchHolidays.easter(2025), FrenchHolidays.easter(2026), FrenchHolidays.easter(2027)))
                .containsExactly(LocalDate.of(2025, 4, 20), LocalDate.of(2026, 4, 5), LocalDate.of(2027, 3, 28));
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2026, 4, 6))).isTrue(); // Easter Monday
        assertThat(FrenchHolidays.isHoliday(LocalDate.of(2026, 4, 7))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void theOperatorsExtraClosedDatesAndEditedWindowsApply() {
        SendingHours edited = new SendingHours(null, null, new SendingHours.Window(null, null, List.of("09:00-18:00"), null), null,
                List.of("2026-12-26"));
        Instant now = ZonedDateTime.of(2026, 12, 24, 18, 30, 0, 0, PARIS).toInstant();
        // 24th after 18:00, 25th holiday, 26th closed by the operator, 27th Sunday: Monday 28th 09:00
        assertThat(windows.heldUntil(edited, Channel.SMS, "+33612345678", now))
                .isEqualTo(ZonedDateTime.of(2026, 12, 28, 9, 0, 0, 0, PARIS).toInstant());
        List<org.fairsend.platform.RuleViolation.Violation> v = new java.util.ArrayList<>();
        new SendingHours("Mars/Olympus", null, new SendingHours.Window(null, List.of("lundi"), List.of("20:00-08:00"), null), null,
                List.of("26/12")).problems(v);
        assertThat(v).extracting(org.fairsend.platform.RuleViolation.Violation::field).containsExactlyInAnyOrder(
                "sendingHours.defaultTimeZone", "sendingHours.sms.days[0]", "sendingHours.sms.hours[0]", "sendingHours.extraClosedDates[0]");
    }
}
