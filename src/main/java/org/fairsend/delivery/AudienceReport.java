package org.fairsend.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audience would be: every contact targeted, by class. {@code eligible} receive the message;
 * {@code suppressed} are targeted but stopped, and count as blockades; the other classes are left
 * out: {@code no_consent}, {@code cold_prospect}, {@code unconfirmed}, {@code unsubscribed},
 * {@code bounced}, {@code complained}, {@code inactive}, {@code frequency_cap},
 * {@code subject_not_covered} (X-8: their basis, existing customer or B2B, does not cover the campaign's topic),
 * {@code no_address}.
 *
 * @param neverEngaged eligible contacts with no open nor click ever, neither a person's nor a privacy proxy's prefetch,
 *     although the R-8 rule can judge them (joined before the window, enough tracked messages reached them): a new
 *     contact, just confirmed or never sent a tracked message, is not counted (issue 20)
 * @param unknownKept eligible contacts whose engagement is unknown (R-8: only machine opens, or too few messages that
 *     could show an open): kept, since inactivity alone never excludes them
 * @param exclusions per rule, how many contacts each class leaves out (or keeps, for {@code unknown_kept}) and why
 */
public record AudienceReport(long targeted, Map<String, Long> byClass, long neverEngaged, long unknownKept,
        List<Exclusion> exclusions) {

    /** One line of the preflight's exclusions: the class, the rule behind it, how many contacts and why. */
    public record Exclusion(String cls, String rule, long count, boolean excluded, String why) {}

    /** Every class but {@code eligible}, with its rule and reason (R-8 issue 16: the preflight shows each one). */
    private static final Map<String, String[]> WHY = new LinkedHashMap<>();

    static {
        WHY.put("suppressed", new String[] {"R-16", "on the suppression list (hard bounce, complaint, unsubscribe...): blocked and counted as blockades"});
        WHY.put("no_consent", new String[] {"R-1", "no consent in force for this channel"});
        WHY.put("cold_prospect", new String[] {"R-13", "cold prospects: no consent and no prior relationship"});
        WHY.put("unconfirmed", new String[] {"R-3", "double opt-in not confirmed"});
        WHY.put("unsubscribed", new String[] {"R-10", "unsubscribed"});
        WHY.put("bounced", new String[] {"R-16", "their address bounced"});
        WHY.put("complained", new String[] {"R-16", "they complained"});
        WHY.put("subject_not_covered", new String[] {"X-8", "their consent basis (existing customer, B2B) does not cover the campaign's topic"});
        WHY.put("inactive", new String[] {"R-8", "inactive: no person's open nor click within the hygiene window although enough tracked messages reached them"});
        WHY.put("frequency_cap", new String[] {"R-12", "already received the maximum of marketing messages in 30 days"});
        WHY.put("no_address", new String[] {"audience", "no address on this channel"});
        WHY.put("not_mobile", new String[] {"audience", "their number cannot receive SMS (not a mobile)"});
        WHY.put("opposed", new String[] {"X-4", "on the national opposition list"});
        WHY.put("prospecting", new String[] {"R-19", "no contract in progress nor explicit voice opt-in"});
        WHY.put("refused_recently", new String[] {"R-19", "refused a voice message recently"});
        WHY.put("voice_cap", new String[] {"R-19", "already had the maximum of voice solicitations in 30 days"});
    }

    public AudienceReport(long targeted, Map<String, Long> byClass, long neverEngaged, long unknownKept) {
        this(targeted, byClass, neverEngaged, unknownKept, exclusions(byClass, unknownKept));
    }

    public AudienceReport(long targeted, Map<String, Long> byClass, long neverEngaged) {
        this(targeted, byClass, neverEngaged, 0);
    }

    public long count(String cls) {
        return byClass.getOrDefault(cls, 0L);
    }

    private static List<Exclusion> exclusions(Map<String, Long> byClass, long unknownKept) {
        List<Exclusion> out = new ArrayList<>();
        WHY.forEach((cls, w) -> {
            long n = byClass.getOrDefault(cls, 0L);
            if (n > 0) out.add(new Exclusion(cls, w[0], n, true, w[1]));
        });
        byClass.forEach((cls, n) -> {
            if (!cls.equals("eligible") && !WHY.containsKey(cls) && n > 0) out.add(new Exclusion(cls, "audience", n, true, cls));
        });
        if (unknownKept > 0) {
            out.add(new Exclusion("unknown_kept", "R-8", unknownKept, false,
                    "engagement unknown (new contacts, only machine opens such as Apple Mail Privacy Protection, or too few tracked messages): kept, never excluded by inactivity alone"));
        }
        return List.copyOf(out);
    }
}
