package org.fairsend.feedback.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding mail addresses in headers and free text. */
final class Addresses {

    /**
     * A mail address in text. Every repetition is bounded and none is a repeated group of variable length (issue 13,
     * fuzzing): a local part of up to 256 characters (dots anywhere but first), up to 20 labels of up to 63, so
     * that a long run of address characters costs linear time and no deep regex recursion (a "a.a.a..." of
     * 100,000 labels overflowed the stack; a run of "!" took quadratic time).
     */
    static final String ADDR = "(?:\"[^\"\\s<>@]{1,64}\"|[A-Za-z0-9!#$%&'*+/=?^_`{|}~-][A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{0,255})"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,20}[A-Za-z]{1,63}";
    /** An address not inside a longer run of address characters (so a long run is tried once, not at each of its characters). */
    static final Pattern ANY = Pattern.compile("(?<![A-Za-z0-9._%+=!#$&'*/?^`{|}~-])(" + ADDR + ")(?![A-Za-z0-9-])");

    /** Local parts of the mail system's own addresses, never a failed recipient. */
    static final Set<String> SYSTEM = Set.of("mailer-daemon", "maildaemon", "mailer_daemon", "double-bounce",
            "mail-daemon", "bounce", "bounces", "mdaemon", "postmaster");

    private Addresses() {}

    static String first(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ANY.matcher(text);
        return m.find() ? clean(m.group(1)) : null;
    }

    static List<String> all(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = ANY.matcher(text);
            while (m.find()) {
                out.add(clean(m.group(1)));
            }
        }
        return new ArrayList<>(out);
    }

    static String clean(String a) {
        String s = a.toLowerCase(Locale.ROOT).trim();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static boolean isAddress(String a) {
        return a != null && a.matches(ADDR);
    }

    static boolean isSystem(String address) {
        int at = address.indexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        return SYSTEM.contains(local);
    }

    /** The address in a DSN field value such as {@code rfc822; <a@b>}. */
    static String fromTyped(String value) {
        if (value == null) {
            return null;
        }
        String v = value;
        int semi = v.indexOf(';');
        if (semi >= 0 && semi < 12) {
            v = v.substring(semi + 1);
        }
        v = v.strip();
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1);
        }
        // a plain address only: a source route (@relay:user@host) or a file or program is no recipient address
        if (v.matches(ADDR)) {
            return clean(v);
        }
        int at = v.lastIndexOf('@');
        boolean plain = at > 0 && at < v.length() - 1 && v.indexOf(':') < 0 && v.indexOf('/') < 0 && v.indexOf(' ') < 0;
        return plain ? clean(v) : null;
    }
}
