package org.fairsend.content.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fairsend.content.Finding;
import org.fairsend.content.SmsSenders;
import org.fairsend.policy.SmsPolicy;

/**
 * what a personalised SMS sender (TPOA) may be. It matches {@code ^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$}
 * (letters, or letters and digits); it is not a protected name (always refused, or refused unless the account
 * holds the brand's authorisation), nor a generic name; a phone number, a mobile above all, is never a
 * marketing sender; and the operator approved it for the account.
 */
final class SenderRules {

    static final Pattern TPOA = Pattern.compile("^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private SenderRules() {}

    /**
     * @param approval the account's approval of this sender, or null; {@code checkApproval} false when the operator
     *     is approving it now
     */
    static List<Finding> check(String sender, boolean marketing, SmsPolicy p, SmsSenders.Approved approval, boolean checkApproval) {
        List<Finding> f = new ArrayList<>();
        if (sender == null || sender.isBlank()) return f;
        String s = sender.strip();
        String digits = s.replaceAll("[\\s.+()-]", "");
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
            boolean mobile = isMobile(s);
            f.add(Finding.blocking("X-6", Finding.Location.SENDER, mobile
                    ? "a mobile number is never a marketing sender: " + s
                    : "a number is not a personalised sender: " + s,
                    "use an alphanumeric sender approved for your account, or no sender (the platform's short code)"));
            return f;
        }
        if (!TPOA.matcher(s).matches()) {
            f.add(Finding.blocking("X-6", Finding.Location.SENDER, "the sender '" + s + "' must have 1 to 11 letters or digits with at least one letter,"
                    + " no spaces, accents or punctuation", "e.g. MaBoutique or Shop2026"));
            return f;
        }
        String key = fold(s);
        for (String name : p.protectedAlways()) {
            if (names(key, fold(name))) {
                f.add(Finding.blocking("R-18", Finding.Location.SENDER, "'" + s + "' impersonates a protected name (" + name + ") and is always refused",
                        "use your own company's or brand's name"));
                return f;
            }
        }
        for (String name : p.protectedUnlessAuthorised()) {
            if (!names(key, fold(name))) continue;
            // when the operator approves the sender, the authorisation is recorded with the approval itself
            if (checkApproval && (approval == null || approval.brandAuthorisation() == null)) {
                f.add(Finding.blocking("R-18", Finding.Location.SENDER, "'" + s + "' uses a protected brand (" + name
                        + ") and needs the brand's authorisation, recorded by the operator",
                        "send the authorisation to the operator, or use your own name"));
                return f;
            }
            break;
        }
        String bare = key.replaceAll("[0-9]+$", "");
        for (String name : p.genericNames()) {
            String g = fold(name);
            if (key.equals(g) || bare.equals(g)) {
                f.add(Finding.blocking("X-6", Finding.Location.SENDER, "'" + s + "' is a generic name that identifies nobody",
                        "use your company's or brand's name"));
                return f;
            }
        }
        if (checkApproval && approval == null) {
            f.add(Finding.blocking("R-18", Finding.Location.SENDER, "the sender '" + s + "' is not approved for this account",
                    "ask the operator to approve it (POST /api/operator/accounts/{id}/sms-senders), or send without a sender"));
        }
        return f;
    }

    /**
     * Whether a protected name is recognised in a sender: the whole sender; inside it when the name has 4
     * characters or more; or the sender, of 8 characters or more, begins a longer name (CREDITAGRIC).
     */
    static boolean names(String sender, String name) {
        if (name.isEmpty()) return false;
        return sender.equals(name) || name.length() >= 4 && sender.contains(name) || sender.length() >= 8 && name.startsWith(sender);
    }

    /** Whether a protected name needs an authorisation for this sender (for the operator's approval). */
    static String protectedBrand(String sender, SmsPolicy p) {
        String key = fold(sender);
        for (String name : p.protectedUnlessAuthorised()) if (names(key, fold(name))) return name;
        return null;
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replaceAll("[^A-Za-z0-9]", "")
                .toUpperCase(Locale.ROOT);
    }

    private static boolean isMobile(String s) {
        try {
            var n = PHONES.parse(s, "FR");
            var t = PHONES.getNumberType(n);
            return t == PhoneNumberUtil.PhoneNumberType.MOBILE || t == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
        } catch (NumberParseException e) {
            return false;
        }
    }
}
