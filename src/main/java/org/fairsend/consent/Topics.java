package org.fairsend.consent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * the subjects a restricted consent basis covers, as exact topic keys. An existing-customer record covers
 * products similar to those bought, a B2B record subjects related to the person's job: what that means is the
 * account's to say, once, as topic keys ({@code bicycles}, {@code payroll-software}). Such a record's
 * {@code subject} is the list of keys it covers ({@code "bicycles, cycling-gear"}); a marketing campaign
 * declares the one key it is about ({@code Campaign.topic}); a recipient whose basis restricts the subject
 * receives the campaign only when the campaign's key is one of the record's. Matching is exact (case aside):
 * no fuzzy text comparison decides who may be written to. An opt-in record ({@link ConsentBasis#allowsAnySubject})
 * is not restricted by topic.
 */
public final class Topics {

    /** A topic key: lower-case letters, digits, '-' and '.', 1 to 64 characters, starting with a letter or digit. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    /** At most this many keys on one record. */
    public static final int MAX_KEYS = 20;

    private Topics() {}

    /** Whether {@code s} is one topic key (as typed: lower case). */
    public static boolean isKey(String s) {
        return s != null && KEY.matcher(s).matches();
    }

    /**
     * The keys a record's subject lists (separated by commas, case ignored), in order, without duplicates; empty
     * when the subject is not a list of keys (then it covers no topic).
     */
    public static List<String> keys(String subject) {
        if (subject == null || subject.isBlank()) return List.of();
        Set<String> out = new LinkedHashSet<>();
        for (String part : subject.split(",")) {
            String k = part.strip().toLowerCase(Locale.ROOT);
            if (!isKey(k)) return List.of();
            out.add(k);
        }
        return List.copyOf(out);
    }

    /** The keys in their stored form, {@code a,b} (null when none). */
    public static String canonical(String subject) {
        List<String> k = keys(subject);
        return k.isEmpty() ? null : String.join(",", k);
    }

    /**
     * Whether a record with {@code basis} and {@code subject} may receive a campaign about {@code topic} (null: the
     * campaign declares none). Opt-in: always. A restricted basis: only when the topic is one of the record's keys.
     */
    public static boolean covers(ConsentBasis basis, String subject, String topic) {
        if (basis == null || basis.allowsAnySubject()) return true;
        if (topic == null || topic.isBlank()) return false;
        return keys(subject).contains(topic.strip().toLowerCase(Locale.ROOT));
    }
}
