package org.fairsend.platform;

/**
 * Text from outside on its way into a {@code text} or {@code varchar} column: PostgreSQL refuses the NUL character
 * (U+0000) in text, so a reply, callback body or diagnostic that carries one would fail its insert and lose the
 * record (found by fuzzing the webhooks, issue 13). NULs are dropped, and the text is cut to a column's length
 * without splitting a surrogate pair.
 */
public final class Texts {

    private Texts() {}

    /** {@code s} without NUL characters, at most {@code max} chars long; null stays null. */
    public static String storable(String s, int max) {
        if (s == null) return null;
        if (s.indexOf('\u0000') >= 0) s = s.replace("\u0000", "");
        if (s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
