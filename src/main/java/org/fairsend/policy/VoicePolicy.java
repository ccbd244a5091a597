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
 * @param bannedCanvassing X-7, legacy: the canvassing lexicon now lives in the content section
 *     ({@link Policy.Content#canvassing()}, applied to every channel); an old document's list is still read and its
 *     terms unknown to that section are added to it as clear terms. Null unless a document gives it.
 */
public record VoicePolicy(List<String> callerRanges, Integer maxAudioSeconds, Integer maxSolicitationsPer30Days,
        Integer daysAfterRefusal, List<String> bannedCanvassing) {

    public static final List<String> DEFAULT_CALLER_RANGES = List.of("0162", "0163", "0270", "0271", "0377", "0378",
            "0424", "0425", "0568", "0569", "0948", "0949", "09475", "09476", "09477", "09478", "09479");

    public VoicePolicy {
        callerRanges = callerRanges == null ? DEFAULT_CALLER_RANGES : List.copyOf(callerRanges);
        if (maxAudioSeconds == null) maxAudioSeconds = 60;
        if (maxSolicitationsPer30Days == null) maxSolicitationsPer30Days = 4;
        if (daysAfterRefusal == null) daysAfterRefusal = 60;
        bannedCanvassing = bannedCanvassing == null ? null : List.copyOf(bannedCanvassing);
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
        if (bannedCanvassing == null) return;
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
