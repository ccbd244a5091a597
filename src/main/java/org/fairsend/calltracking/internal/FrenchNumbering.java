package org.fairsend.calltracking.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fairsend.accounts.Account;

/**
 * The French numbering plan as call tracking needs it: the five geographic zones (01 Île-de-France,
 * 02 Nord-Ouest, 03 Nord-Est, 04 Sud-Est, 05 Sud-Ouest), the zone of each mainland département, the zone of an
 * account (from its main phone number when that is geographic, else from its postcode), and what a caller
 * prefix tells: its zone, its département where the prefix belongs to a single one, its line type.
 *
 * <p>The département of a prefix is the one its first three digits (0ZAB) were allotted to in the 1996 plan,
 * given only where that block served a single département: 01 numbers cover all of Île-de-France, and blocks
 * shared by several départements (02 43 Sarthe and Mayenne, 04 75 Drôme and Ardèche, ...) tell no département.
 * Numbers keep their block when ported, so this is where the line was opened, not where the caller stands.
 */
final class FrenchNumbering {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final Map<String, String> ZONE_OF_DEPARTEMENT = new HashMap<>();
    private static final Map<String, String> DEPARTEMENT_OF_BLOCK = new HashMap<>();

    static {
        zone("01", "75", "77", "78", "91", "92", "93", "94", "95");
        zone("02", "14", "18", "22", "27", "28", "29", "35", "36", "37", "41", "44", "45", "49", "50", "53", "56",
                "61", "72", "76", "85");
        zone("03", "02", "08", "10", "21", "25", "39", "51", "52", "54", "55", "57", "58", "59", "60", "62", "67",
                "68", "70", "71", "80", "88", "89", "90");
        zone("04", "01", "03", "04", "05", "06", "07", "11", "13", "15", "26", "2A", "2B", "30", "34", "38", "42",
                "43", "48", "63", "66", "69", "73", "74", "83", "84");
        zone("05", "09", "12", "16", "17", "19", "23", "24", "31", "32", "33", "40", "46", "47", "64", "65", "79",
                "81", "82", "86", "87");
        block("14", "231"); block("27", "232"); block("76", "235"); block("28", "237"); block("45", "238");
        block("44", "240"); block("49", "241"); block("37", "247"); block("18", "248"); block("85", "251");
        block("22", "296"); block("56", "297"); block("29", "298"); block("35", "299");
        block("59", "320", "327", "328"); block("62", "321"); block("80", "322"); block("02", "323");
        block("08", "324"); block("51", "326"); block("60", "344"); block("21", "380"); block("25", "381");
        block("54", "383"); block("71", "385"); block("57", "387"); block("67", "388"); block("68", "389");
        block("13", "442", "491"); block("34", "467"); block("03", "470"); block("69", "472", "478");
        block("63", "473"); block("38", "476"); block("42", "477"); block("73", "479"); block("06", "493");
        block("83", "494");
        block("16", "545"); block("17", "546"); block("33", "556", "557"); block("40", "558"); block("64", "559");
    }

    private static void zone(String zone, String... departements) {
        for (String d : departements) ZONE_OF_DEPARTEMENT.put(d, zone);
    }

    private static void block(String departement, String... blocks) {
        for (String b : blocks) DEPARTEMENT_OF_BLOCK.put(b, departement);
    }

    private FrenchNumbering() {}

    static final List<String> ZONES = List.of("01", "02", "03", "04", "05");

    /** The zone of a mainland département (two characters: 01..95, 2A, 2B). */
    static Optional<String> zoneOfDepartement(String departement) {
        return Optional.ofNullable(ZONE_OF_DEPARTEMENT.get(departement));
    }

    static Map<String, String> departementsOfBlocks() {
        return Map.copyOf(DEPARTEMENT_OF_BLOCK);
    }

    /** The mainland département of a French postcode (Corsica: 200xx-201xx 2A, 202xx-206xx 2B); empty otherwise. */
    static Optional<String> departementOfPostcode(String postcode) {
        if (postcode == null) return Optional.empty();
        String p = postcode.strip();
        if (!p.matches("[0-9]{5}")) return Optional.empty();
        String d = p.substring(0, 2);
        if (d.equals("20")) d = p.charAt(2) <= '1' ? "2A" : "2B";
        return ZONE_OF_DEPARTEMENT.containsKey(d) ? Optional.of(d) : Optional.empty();
    }

    /** The zone of a French geographic number (+33 1..5, fixed line), in E.164. */
    static Optional<String> zoneOfNumber(String e164) {
        if (e164 == null || !e164.matches("\\+33[1-5][0-9]{8}")) return Optional.empty();
        return Optional.of("0" + e164.charAt(3));
    }

    /** The account's zone: from its main phone number when geographic, else from its postcode. */
    static Optional<String> zoneOf(Account account) {
        Optional<String> z = zoneOfNumber(account.mainPhone());
        if (z.isPresent()) return z;
        return departementOfPostcode(account.postcode()).flatMap(FrenchNumbering::zoneOfDepartement);
    }

    /** Where the account's zone comes from, for messages. */
    static String zoneSource(Account account) {
        if (zoneOfNumber(account.mainPhone()).isPresent()) return "its main phone number " + account.mainPhone();
        if (departementOfPostcode(account.postcode()).isPresent()) return "its postcode " + account.postcode();
        return "neither its main phone number nor its postcode";
    }

    /** What a caller prefix (E.164 without the last 4 digits) tells. */
    record PrefixFacts(String lineType, String zone, String departement) {}

    static PrefixFacts ofPrefix(String prefix) {
        if (prefix == null) return new PrefixFacts("unknown", null, null);
        String lineType = lineType(prefix);
        if (!prefix.startsWith("+33") || prefix.length() < 4) return new PrefixFacts(lineType, null, null);
        char z = prefix.charAt(3);
        if (z < '1' || z > '5' || !"fixed".equals(lineType)) return new PrefixFacts(lineType, null, null);
        String departement = prefix.length() >= 6 ? DEPARTEMENT_OF_BLOCK.get(prefix.substring(3, 6)) : null;
        return new PrefixFacts(lineType, "0" + z, departement);
    }

    /**
     * Fixed or mobile from the prefix alone: the prefix completed with zeros is a number of the same block, and
     * libphonenumber types blocks, not single numbers.
     */
    static String lineType(String prefix) {
        try {
            PhoneNumber n = PHONES.parse(prefix + "0000", "FR");
            PhoneNumberType t = PHONES.getNumberType(n);
            return switch (t) {
                case FIXED_LINE -> "fixed";
                case MOBILE -> "mobile";
                case FIXED_LINE_OR_MOBILE -> "fixed-or-mobile";
                case VOIP -> "voip";
                case TOLL_FREE, PREMIUM_RATE, SHARED_COST, UAN, PERSONAL_NUMBER, PAGER, VOICEMAIL -> "other";
                case UNKNOWN -> "unknown";
            };
        } catch (NumberParseException e) {
            return "unknown";
        }
    }
}
