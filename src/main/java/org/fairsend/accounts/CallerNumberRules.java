package org.fairsend.accounts;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * Whether a number may be shown as the caller of a voicemail drop: a valid French number
 * (libphonenumber), never masked, never a mobile, premium-rate, shared-cost or short number (118 xyz, 36xx),
 * and inside one of the verified ranges for automated systems (0162, 0163, 0270, ... 09475-09479), which are
 * policy ({@link CallerRanges}).
 */
public final class CallerNumberRules {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final ShortNumberInfo SHORT = ShortNumberInfo.getInstance();
    private static final Set<String> MASKED = Set.of("anonymous", "anonyme", "private", "prive", "privé", "masque", "masqué",
            "masked", "unknown", "inconnu", "withheld", "restricted", "clir");

    private CallerNumberRules() {}

    /**
     * The verdict on one number: {@code e164} and {@code national} (10-digit form) when it parsed, the
     * libphonenumber {@code type}, the policy {@code range} it falls in, and the violation when refused.
     */
    public record Verdict(String input, String e164, String national, String type, String range, Violation violation) {
        public boolean allowed() {
            return violation == null;
        }
    }

    public static Verdict check(String raw, List<String> ranges, String field) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty() || MASKED.contains(s.toLowerCase(Locale.ROOT)) || s.chars().anyMatch(c -> c == '*' || c == 'X' || c == 'x')) {
            return refused(raw, null, null, null, field, "X-7", "a masked or missing caller number is never allowed: automated messages show a number");
        }
        if (s.length() > 40) return refused(raw, null, null, null, field, "X-7", "not a phone number");
        PhoneNumber n;
        try {
            n = PHONES.parse(s, "FR");
        } catch (NumberParseException e) {
            return refused(raw, null, null, null, field, "X-7", "not a phone number: " + s);
        }
        if (n.getCountryCode() == 33 && SHORT.isValidShortNumberForRegion(n, "FR") && !PHONES.isValidNumber(n)) {
            return refused(raw, null, null, "SHORT_NUMBER", field, "X-7",
                    "a short number (118 xyz directory enquiries, 36xx, ...) is never a caller number");
        }
        if (!PHONES.isValidNumber(n)) return refused(raw, null, null, "UNKNOWN", field, "X-7", "not a valid phone number: " + s);
        String e164 = PHONES.format(n, PhoneNumberFormat.E164);
        PhoneNumberType type = PHONES.getNumberType(n);
        if (!"FR".equals(PHONES.getRegionCodeForNumber(n))) {
            return refused(raw, e164, null, type.name(), field, "X-7",
                    "the caller number must be a French number (+33) from the ranges verified for automated systems");
        }
        String national = "0" + PHONES.getNationalSignificantNumber(n);
        switch (type) {
            case MOBILE, FIXED_LINE_OR_MOBILE -> {
                return refused(raw, e164, national, type.name(), field, "R-21", "a mobile number (06, 07) is never a caller number");
            }
            case PREMIUM_RATE -> {
                return refused(raw, e164, national, type.name(), field, "R-21", "a premium-rate number (089x) is never a caller number");
            }
            case SHARED_COST -> {
                return refused(raw, e164, national, type.name(), field, "R-21", "a shared-cost number (081x, 082x) is never a caller number");
            }
            default -> { }
        }
        String range = rangeOf(national, ranges);
        if (range == null) {
            return refused(raw, e164, national, type.name(), field, "X-7", national + " is outside the ranges verified for automated systems ("
                    + String.join(", ", ranges) + ")");
        }
        return new Verdict(raw, e164, national, type.name(), range, null);
    }

    /** The longest range (national prefix) the number starts with, or null. */
    public static String rangeOf(String national, List<String> ranges) {
        String best = null;
        for (String r : ranges) {
            if (r != null && national.startsWith(r) && (best == null || r.length() > best.length())) best = r;
        }
        return best;
    }

    private static Verdict refused(String raw, String e164, String national, String type, String field, String rule, String message) {
        return new Verdict(raw, e164, national, type, null, new Violation(field, rule, message));
    }
}
