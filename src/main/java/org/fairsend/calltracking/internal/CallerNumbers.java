package org.fairsend.calltracking.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The one place the account's caller-number setting is applied. A caller number from the provider
 * goes through {@link #apply} before anything else sees it: when the account chose masked numbers, the last 4
 * digits are dropped here, so no row, log line, report, export or API response can hold them. Statistics and
 * geographic groupings are computed from the prefix only (the number without its last 4 digits), whatever the
 * setting, so both settings give the same figures.
 */
final class CallerNumbers {

    /** What replaces the dropped digits of a masked number. */
    static final String MASK = "XXXX";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private CallerNumbers() {}

    /**
     * A caller as it may be stored.
     *
     * @param caller the full E.164 number, the prefix followed by {@link #MASK}, or null when the caller withheld
     *     the number
     * @param prefix the number without its last 4 digits (null when withheld)
     */
    record Stored(String caller, boolean masked, String prefix, String lineType, String zone, String departement) {}

    /** Applies the setting to the number the provider gave ({@code full}: the account sees full numbers). */
    static Stored apply(String raw, boolean full) {
        String e164 = normalise(raw);
        if (e164 == null) return new Stored(null, !full, null, "withheld", null, null);
        String prefix = e164.substring(0, e164.length() - 4);
        FrenchNumbering.PrefixFacts facts = FrenchNumbering.ofPrefix(prefix);
        return new Stored(full ? e164 : prefix + MASK, !full, prefix, facts.lineType(), facts.zone(), facts.departement());
    }

    /** E.164 for anything that reads as a number (valid or not, French by default); null for withheld callers. */
    private static String normalise(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) return null;
        try {
            PhoneNumber n = PHONES.parse(raw.strip(), "FR");
            String e164 = PHONES.format(n, PhoneNumberFormat.E164);
            return e164.length() >= 8 ? e164 : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
