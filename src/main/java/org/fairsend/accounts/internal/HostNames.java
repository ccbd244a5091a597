package org.fairsend.accounts.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fairsend.platform.RuleViolation;

/** Sender-domain names as stored: trimmed, trailing dot dropped, IDN to ASCII, lower-case, valid labels and TLD. */
final class HostNames {

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern TLD = Pattern.compile("^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");

    private HostNames() {}

    /** The host name, or a 400 on field {@code domain} when it is not a valid domain name. */
    static String hostName(String raw) {
        String d = hostNameOrNull(raw);
        if (d == null) throw new RuleViolation("domain", "hostname", "not a valid domain name: " + (raw == null ? "" : raw.strip()));
        return d;
    }

    /** The host name, or null when it is not a valid domain name. */
    static String hostNameOrNull(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 300) return null;
        String s = raw.strip();
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        String ascii;
        try {
            ascii = IDN.toASCII(s.toLowerCase(Locale.ROOT), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (ascii.length() > 253) return null;
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) return null;
        for (String l : labels) if (!LABEL.matcher(l).matches()) return null;
        if (!TLD.matcher(labels[labels.length - 1]).matches()) return null;
        return ascii;
    }
}
