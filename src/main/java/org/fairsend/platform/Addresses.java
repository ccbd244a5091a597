package org.fairsend.platform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalisation and validation of the two kinds of address Fairsend reaches: email addresses (RFC 5321
 * length limits, dot-atom local part, IDN domains to ASCII, lower-cased) and phone numbers (E.164 through
 * libphonenumber, default region FR). The keyed hash under which an address is looked up once its plain text
 * is gone is {@link Pseudonyms#address}.
 */
public final class Addresses {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern LOCAL = Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern TLD = Pattern.compile("^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");

    private Addresses() {}

    /** A phone number parsed to E.164 with its libphonenumber type (MOBILE, FIXED_LINE, PREMIUM_RATE, ...). */
    public record Phone(String e164, String type, String region) {}

    /** The normalised email address, or a {@link RuleViolation} naming {@code field} and why. */
    public static String email(String raw, String field) {
        return emailOrError(raw).orElseThrowViolation(field);
    }

    /** Like {@link #email} but returns the reason instead of throwing (used on hot import paths). */
    public static Result emailOrError(String raw) {
        // an import validates a line's address, then its consent evidence validates the same (now normalised)
        // address again: the last result of this thread answers that second call
        // (normalising a normalised address gives it back unchanged)
        String[] memo = LAST_EMAIL.get();
        if (raw != null && memo[1] != null && (raw.equals(memo[0]) || raw.equals(memo[1]))) return Result.ok(memo[1]);
        Result r = parseEmail(raw);
        if (r.ok()) {
            memo[0] = raw;
            memo[1] = r.value();
        }
        return r;
    }

    private static final ThreadLocal<String[]> LAST_EMAIL = ThreadLocal.withInitial(() -> new String[2]);
    private static final ThreadLocal<Object[]> LAST_PHONE = ThreadLocal.withInitial(() -> new Object[3]);

    private static Result parseEmail(String raw) {
        if (raw == null || raw.isBlank()) return Result.error("email is empty");
        String s = raw.strip();
        if (s.length() > 254) return Result.error("email is longer than 254 characters");
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) return Result.error("email has no local part or no domain");
        String local = s.substring(0, at);
        String domain = s.substring(at + 1);
        if (local.length() > 64) return Result.error("email local part is longer than 64 characters");
        if (!LOCAL.matcher(local).matches()) return Result.error("email local part has characters that are not allowed");
        String ascii;
        try {
            ascii = IDN.toASCII(domain.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Result.error("email domain is not a valid host name");
        }
        if (ascii.length() > 253) return Result.error("email domain is longer than 253 characters");
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) return Result.error("email domain has no top-level domain");
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) return Result.error("email domain is not a valid host name");
        }
        if (!TLD.matcher(labels[labels.length - 1]).matches()) return Result.error("email domain has an invalid top-level domain");
        return Result.ok(local.toLowerCase(Locale.ROOT) + "@" + ascii);
    }

    /** The phone number in E.164, or a {@link RuleViolation}. */
    public static Phone phone(String raw, String defaultRegion, String field) {
        Optional<Phone> p = phoneOrEmpty(raw, defaultRegion);
        return p.orElseThrow(() -> new RuleViolation(field, "phone", "not a valid phone number: " + raw));
    }

    public static Optional<Phone> phoneOrEmpty(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > 40) return Optional.empty();
        String region = defaultRegion == null ? "FR" : defaultRegion;
        // parsing is costly and an import parses a line's number, then validates its evidence with the E.164
        // form: the last valid number of this thread answers for its raw text (same region) and for its E.164
        // form (which parses to the same number whatever the region)
        Object[] memo = LAST_PHONE.get();
        if (memo[0] instanceof Phone last && (raw.equals(last.e164()) || (raw.equals(memo[1]) && region.equals(memo[2])))) {
            return Optional.of(last);
        }
        Optional<Phone> p = parsePhone(raw, region);
        if (p.isPresent()) {
            memo[0] = p.get();
            memo[1] = raw;
            memo[2] = region;
        }
        return p;
    }

    private static Optional<Phone> parsePhone(String raw, String defaultRegion) {
        try {
            PhoneNumber n = PHONES.parse(raw.strip(), defaultRegion);
            if (!PHONES.isValidNumber(n)) return Optional.empty();
            return Optional.of(new Phone(PHONES.format(n, PhoneNumberFormat.E164), PHONES.getNumberType(n).name(),
                    PHONES.getRegionCodeForNumber(n)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Normalises an address for a channel: an email for {@link Channel#EMAIL}, an E.164 number otherwise.
     */
    public static String normalize(Channel channel, String raw, String field) {
        return channel == Channel.EMAIL ? email(raw, field) : phone(raw, "FR", field).e164();
    }

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{5,14}$");

    /** Whether the text has the form of an E.164 number (a cheap check, not a validation). */
    public static boolean looksE164(String s) {
        return s != null && E164.matcher(s).matches();
    }

    /** Whether the text has the form of a normalised email (a cheap check, not a validation). */
    public static boolean looksNormalizedEmail(String s) {
        if (s == null || s.length() > 254) return false;
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || (c >= 'A' && c <= 'Z')) return false;
        }
        return true;
    }



    /** Either a normalised value or the reason it was refused. */
    public record Result(String value, String error) {
        static Result ok(String v) {
            return new Result(v, null);
        }

        static Result error(String e) {
            return new Result(null, e);
        }

        public boolean ok() {
            return error == null;
        }

        public String orElseThrowViolation(String field) {
            if (error != null) throw new RuleViolation(field, "email", error);
            return value;
        }
    }
}
