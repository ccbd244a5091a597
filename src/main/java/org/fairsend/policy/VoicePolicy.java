package org.fairsend.policy;

import java.util.List;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * The voicemail-drop policy. The calling window itself is the sending-window
 * section shared with SMS; this section holds what is only voice's.
 *
 * @param callerRanges X-7: the national prefixes (10-digit French form, e.g. {@code 0162}, {@code 09475}) from
 *     which automated call and message systems may present a caller number
 * @param maxAudioSeconds the longest recorded message accepted
 * @param maxSolicitationsPer30Days X-4: voice solicitations per number per 30 days, per account
 * @param daysAfterRefusal X-4: no solicitation of a number for this many days after it refused one
 * @param bannedCanvassing X-7: terms of energy-renovation and home-adaptation canvassing, refused outright
 *     (matched on whole words, accents and case folded; a trailing {@code *} matches a word's start)
 */
public record VoicePolicy(List<String> callerRanges, Integer maxAudioSeconds, Integer maxSolicitationsPer30Days,
        Integer daysAfterRefusal, List<String> bannedCanvassing) {

    public static final List<String> DEFAULT_CALLER_RANGES = List.of("0162", "0163", "0270", "0271", "0377", "0378",
            "0424", "0425", "0568", "0569", "0948", "0949", "09475", "09476", "09477", "09478", "09479");

    public static final List<String> DEFAULT_BANNED_CANVASSING = List.of(
            "renovation energetique", "travaux de renovation", "isolation thermique", "isolation des combles",
            "isolation a 1 euro", "isolation exterieure", "combles perdus", "pompe a chaleur", "pompes a chaleur", "panneaux solaires",
            "panneau solaire", "photovoltaique*", "chaudiere", "audit energetique", "diagnostic energetique",
            "maprimerenov", "prime renov", "certificats d economies d energie", "cee", "passoire thermique",
            "adaptation du logement", "adaptation de logement", "monte-escalier", "monte escalier",
            "douche senior", "salle de bain adaptee", "maprimeadapt", "perte d autonomie",
            "energy renovation", "home insulation", "heat pump", "solar panels", "stairlift", "walk-in shower",
            "home adaptation");

    public VoicePolicy {
        callerRanges = callerRanges == null ? DEFAULT_CALLER_RANGES : List.copyOf(callerRanges);
        if (maxAudioSeconds == null) maxAudioSeconds = 60;
        if (maxSolicitationsPer30Days == null) maxSolicitationsPer30Days = 4;
        if (daysAfterRefusal == null) daysAfterRefusal = 60;
        bannedCanvassing = bannedCanvassing == null ? DEFAULT_BANNED_CANVASSING : List.copyOf(bannedCanvassing);
    }

    public static VoicePolicy defaults() {
        return new VoicePolicy(null, null, null, null, null);
    }

    public void problems(List<Violation> v) {
        for (int i = 0; i < callerRanges.size(); i++) {
            String r = callerRanges.get(i);
            if (r == null || !r.matches("0[1-9][0-9]{2,6}")) {
                v.add(new Violation("voice.callerRanges[" + i + "]", "X-7",
                        "a range is a French national prefix of 4 to 8 digits starting with 0 (e.g. 0162, 09475)"));
            } else if (r.startsWith("06") || r.startsWith("07") || r.startsWith("08")) {
                v.add(new Violation("voice.callerRanges[" + i + "]", "R-21",
                        "mobile (06, 07) and special-rate (08) numbers are never caller numbers"));
            }
        }
        if (maxAudioSeconds < 5 || maxAudioSeconds > 300) {
            v.add(new Violation("voice.maxAudioSeconds", "voice", "between 5 and 300 seconds"));
        }
        if (maxSolicitationsPer30Days < 1 || maxSolicitationsPer30Days > 4) {
            v.add(new Violation("voice.maxSolicitationsPer30Days", "X-4", "at most 4 voice solicitations per number per 30 days (and at least 1)"));
        }
        if (daysAfterRefusal < 60 || daysAfterRefusal > 3650) {
            v.add(new Violation("voice.daysAfterRefusal", "X-4", "at least 60 days without solicitation after a refusal"));
        }
        if (bannedCanvassing.isEmpty()) {
            v.add(new Violation("voice.bannedCanvassing", "X-7", "the energy-renovation and home-adaptation lexicon cannot be empty"));
        }
        for (int i = 0; i < bannedCanvassing.size(); i++) {
            String t = bannedCanvassing.get(i);
            if (t == null || t.isBlank() || t.length() > 100) {
                v.add(new Violation("voice.bannedCanvassing[" + i + "]", "X-7", "a term has 1 to 100 characters"));
            }
        }
    }
}
