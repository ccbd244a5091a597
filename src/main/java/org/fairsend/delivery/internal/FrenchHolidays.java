package org.fairsend.delivery.internal;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * The French public holidays: the fixed ones, and Easter Monday, Ascension Thursday and Whit Monday
 * computed from Easter Sunday (anonymous Gregorian algorithm).
 */
final class FrenchHolidays {

    private static final Set<MonthDay> FIXED = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8), MonthDay.of(7, 14),
            MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25));

    private FrenchHolidays() {}

    static boolean isHoliday(LocalDate d) {
        if (FIXED.contains(MonthDay.from(d))) return true;
        LocalDate easter = easter(d.getYear());
        return d.equals(easter.plusDays(1)) || d.equals(easter.plusDays(39)) || d.equals(easter.plusDays(50));
    }

    static LocalDate easter(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(y, month, day);
    }
}
