package org.fairsend.platform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is being erased, in one account: the normalised email addresses and E.164 numbers, their keyed hashes,
 * and the names (first name, last name, both) that may appear in free text. {@link #matchers()} are the texts that
 * identify a row as the person's (the addresses and the usual written forms of the numbers); {@link #scrub} replaces
 * them, and the names, by {@link #MARKER} in a text that belongs to the person.
 *
 * @param hashes the keyed hashes of {@code emails} and {@code phones} ({@link Pseudonyms#address}), in that order
 */
public record ErasedPerson(UUID accountId, List<String> emails, List<String> phones, List<String> names, List<String> hashes) {

    /** What an erased plain column reads when it cannot be null. */
    public static final String MARKER = "erased";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public ErasedPerson {
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        names = names.stream().filter(n -> n != null && n.strip().length() >= 2).map(String::strip).distinct().toList();
        hashes = List.copyOf(hashes);
    }

    /** The plain addresses: emails then numbers (E.164). */
    public List<String> addresses() {
        List<String> all = new ArrayList<>(emails);
        all.addAll(phones);
        return all;
    }

    /**
     * The texts that identify a row as this person's: the email addresses, and each number in E.164, without its
     * plus, in the international, national and RFC 3966 forms and the national digits with no, dotted or dashed
     * separators ({@code +33612345678}, {@code 33612345678}, {@code 0612345678}, {@code 06 12 34 56 78},
     * {@code 06.12.34.56.78}...).
     */
    public List<String> matchers() {
        Set<String> out = new LinkedHashSet<>(emails);
        for (String p : phones) out.addAll(phoneForms(p));
        return out.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The matchers and the names, longest first (so a full name is replaced before its parts). */
    public List<String> needles() {
        Set<String> out = new LinkedHashSet<>(matchers());
        out.addAll(names);
        return out.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** True when {@code text} names the person by address or number (case-insensitive). */
    public boolean mentions(String text) {
        if (text == null || text.isEmpty()) return false;
        String lower = text.toLowerCase(Locale.ROOT);
        for (String m : matchers()) if (lower.contains(m.toLowerCase(Locale.ROOT))) return true;
        return false;
    }

    /** {@code text} with every address, number form and name of the person replaced by {@link #MARKER}. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String n : needles()) {
            out = Pattern.compile(Pattern.quote(n), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(out)
                    .replaceAll(Matcher.quoteReplacement(MARKER));
        }
        return out;
    }

    /** The usual written forms of an E.164 number. */
    public static List<String> phoneForms(String e164) {
        Set<String> out = new LinkedHashSet<>();
        out.add(e164);
        if (e164.startsWith("+")) {
            out.add(e164.substring(1));
            out.add("00" + e164.substring(1));
        }
        try {
            var n = PHONES.parse(e164, "FR");
            String national = PHONES.format(n, PhoneNumberFormat.NATIONAL);
            out.add(national);
            out.add(PHONES.format(n, PhoneNumberFormat.INTERNATIONAL));
            out.add(PHONES.format(n, PhoneNumberFormat.RFC3966));
            String digits = national.replaceAll("[^0-9]", "");
            if (digits.length() >= 6) {
                out.add(digits);
                // national digits in pairs from the end, as French numbers are written: 06 12 34 56 78
                StringBuilder pairs = new StringBuilder(digits);
                for (int i = digits.length() - 2; i > 0; i -= 2) pairs.insert(i, ' ');
                for (String sep : List.of(" ", ".", "-")) out.add(pairs.toString().replace(" ", sep));
            }
        } catch (NumberParseException e) {
            // not a number libphonenumber reads: its E.164 forms above only
        }
        return List.copyOf(out);
    }
}
