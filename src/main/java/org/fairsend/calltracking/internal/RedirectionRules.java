package org.fairsend.calltracking.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import org.fairsend.platform.RuleViolation;
import org.fairsend.policy.CalltrackingPolicy;

/**
 * Where a tracked number may send its calls: a French number, never a surcharged one (premium-rate or
 * shared-cost, as libphonenumber types it), a geographic number (01 to 05) of the account's own zone; a
 * non-geographic 09 number as the policy says ({@code calltracking.nonGeographic09}).
 */
final class RedirectionRules {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private RedirectionRules() {}

    /**
     * The outcome of a check.
     *
     * @param e164 the target, normalised (null when it is not a phone number)
     * @param check null when allowed; else the name of the failed part of the rule: {@code phone}, {@code french},
     *     {@code surcharged}, {@code non-geographic-09}, {@code account-zone-unknown}, {@code same-zone},
     *     {@code geographic}
     */
    record Verdict(String e164, String check, String message) {
        boolean allowed() {
            return check == null;
        }

        /** The problem+json of a refusal: field {@code redirectTo}, rule R-23 (or {@code phone}). */
        RuleViolation violation() {
            return new RuleViolation("redirectTo", "phone".equals(check) ? "phone" : "R-23", message);
        }
    }

    static Verdict check(String target, Optional<String> accountZone, String zoneSource, CalltrackingPolicy policy) {
        PhoneNumber n;
        try {
            n = target == null || target.isBlank() ? null : PHONES.parse(target.strip(), "FR");
        } catch (NumberParseException e) {
            n = null;
        }
        if (n == null || !PHONES.isValidNumber(n)) {
            return new Verdict(null, "phone", "not a valid phone number: " + target);
        }
        String e164 = PHONES.format(n, PhoneNumberFormat.E164);
        if (n.getCountryCode() != 33 || !"FR".equals(PHONES.getRegionCodeForNumber(n))) {
            return new Verdict(e164, "french", "R-23: a redirection goes to a French (mainland) number; " + e164 + " is not one");
        }
        PhoneNumberType type = PHONES.getNumberType(n);
        if (type == PhoneNumberType.PREMIUM_RATE || type == PhoneNumberType.SHARED_COST) {
            return new Verdict(e164, "surcharged", "R-23: a redirection never goes to a surcharged number; " + e164 + " is "
                    + (type == PhoneNumberType.PREMIUM_RATE ? "premium-rate" : "shared-cost"));
        }
        if (type == PhoneNumberType.VOIP && e164.startsWith("+339")) {
            if (policy.allows09()) return new Verdict(e164, null, null);
            return new Verdict(e164, "non-geographic-09", "R-23: " + e164
                    + " is a non-geographic 09 number, which belongs to no zone; the policy (calltracking.nonGeographic09 = refuse) refuses them");
        }
        Optional<String> zone = FrenchNumbering.zoneOfNumber(e164);
        if (type != PhoneNumberType.FIXED_LINE || zone.isEmpty()) {
            return new Verdict(e164, "geographic", "R-23: a redirection goes to a geographic number (01 to 05) of the account's zone; "
                    + e164 + " is " + describe(type));
        }
        if (accountZone.isEmpty()) {
            return new Verdict(e164, "account-zone-unknown", "R-23: the account's zone is unknown (" + zoneSource
                    + " places it in zone 01 to 05): the operator sets its main phone number or postcode");
        }
        if (!zone.get().equals(accountZone.get())) {
            return new Verdict(e164, "same-zone", "R-23: a redirection stays in the account's zone " + accountZone.get()
                    + " (from " + zoneSource + "); " + e164 + " is in zone " + zone.get());
        }
        return new Verdict(e164, null, null);
    }

    private static String describe(PhoneNumberType type) {
        return switch (type) {
            case MOBILE -> "a mobile number";
            case TOLL_FREE -> "a toll-free number";
            case VOIP -> "a VoIP number";
            default -> "a " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " number";
        };
    }
}
