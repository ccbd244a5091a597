package org.fairsend.content.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds text so that a lexicon term matches however it is written: accents, case, ligatures, leet digits
 * and symbols (0 o, 1 i/l, 3 e, 4 a, 5 s, 7 t, @ a, $ s), stretched letters ({@code viaaagra}) and
 * separators inside a word ({@code c.a.s.i.n.o}, {@code v-i-a-g-r-a}, {@code c a s i n o}). Words stay
 * words: a term only matches whole tokens, so "sex" never matches "Sussex" nor "arme" "charme".
 */
final class Folding {

    private Folding() {}

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?\\}\\}|\\{%.*?%\\}|\\{#.*?#\\}", Pattern.DOTALL);
    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}._%+-]+)@([\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+)");
    private static final String W = "\\p{L}\\p{N}@$€£";
    /** single characters separated by punctuation: c.a.s.i.n.o, v-i-a-g-r-a, s*e*x */
    private static final Pattern SPACED_PUNCT = Pattern.compile(
            "(?<![" + W + "])[" + W + "](?:[.\\-_*·•|+~/\\\\]{1,2}[" + W + "]){2,}(?![" + W + "])");
    /** single characters separated by spaces, from four on (French has one-letter words: "il y a à") */
    private static final Pattern SPACED_BLANK = Pattern.compile(
            "(?<![" + W + "])[" + W + "](?:[ \\u00a0]{1,2}[" + W + "]){3,}(?![" + W + "])");
    private static final Pattern SEPARATORS = Pattern.compile("[.\\-_*·•|+~/\\\\ \\u00a0]");
    private static final Pattern TOKEN = Pattern.compile("[" + W + "]+");

    /**
     * Invisible characters that split a word without showing: zero-width spaces and joiners, the soft hyphen,
     * word joiners, direction marks and overrides, Hangul fillers, Mongolian separators, the byte-order mark.
     */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufeff\\uffa0]");

    /** Cyrillic and Greek letters drawn like a Latin letter (lower case; upper case is lowered first). */
    private static final Map<Character, Character> LOOK_ALIKES = lookAlikes(
            "\u0430a\u0432b\u0441c\u0435e\u04bbh\u0456i\u0458j\u043ak\u043cm\u043dh\u043eo\u043fn\u0440p\u0442t\u0443y\u0445x\u0455s\u0501d\u051bq\u051dw\u04cfl\u0261g\u03b1a\u03b2b\u03b5e\u03b7n\u03b9i\u03bak\u03bdv\u03bfo\u03c1p\u03c4t\u03c5u\u03c7x\u03b3y\u03f2c\u03f3j\u03bcu");

    private static Map<Character, Character> lookAlikes(String pairs) {
        Map<Character, Character> m = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length(); i += 2) if (pairs.charAt(i) != pairs.charAt(i + 1)) m.put(pairs.charAt(i), pairs.charAt(i + 1));
        return Map.copyOf(m);
    }

    /**
     * Lower case, no accents, ligatures spelled out, typographic quotes and dashes made plain; invisible characters
     * removed; fullwidth forms and mathematical letters made plain (NFKD); Cyrillic and Greek look-alikes read as the
     * Latin letter they imitate inside a word that mixes them with Latin letters, or that is made of look-alikes
     * only (a real Greek or Russian word has letters with no Latin twin, and stays as it is).
     */
    static String fold(String s) {
        if (s == null || s.isEmpty()) return "";
        String t = INVISIBLE.matcher(s).replaceAll("");
        t = t.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02bc', '\'')
                .replace('\u2010', '-').replace('\u2011', '-').replace('\u2013', '-').replace('\u2014', '-')
                .replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss");
        t = Normalizer.normalize(t, Normalizer.Form.NFKD);
        t = MARKS.matcher(t).replaceAll("");
        return lookAlikesAsLatin(t.toLowerCase(Locale.ROOT));
    }

    /** Each word (run of letters) whose non-Latin letters are all look-alikes and that holds a Latin letter or a look-alike only. */
    private static String lookAlikesAsLatin(String t) {
        StringBuilder b = null;
        int i = 0, n = t.length();
        while (i < n) {
            if (!Character.isLetter(t.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean foreign = false, allLookAlike = true;
            while (i < n && Character.isLetter(t.charAt(i))) {
                char c = t.charAt(i);
                if (LOOK_ALIKES.containsKey(c)) foreign = true;
                else if (c >= 0x0370) {
                    foreign = true;
                    allLookAlike = false;
                }
                i++;
            }
            if (foreign && allLookAlike) {
                if (b == null) b = new StringBuilder(t);
                for (int k = start; k < i; k++) {
                    Character latin = LOOK_ALIKES.get(t.charAt(k));
                    if (latin != null) b.setCharAt(k, latin);
                }
            }
        }
        return b == null ? t : b.toString();
    }

    /** Removes Jinja expressions and tags ({@code {{ first_name }}}, {@code {% if %}}). */
    static String withoutTemplates(String s) {
        return s == null ? "" : TEMPLATE.matcher(s).replaceAll(" ");
    }

    /** One word of the text: its folded forms (a '1' may stand for i or l) and whether letters were stretched. */
    record Token(List<String> forms, boolean stretched) {
        boolean is(String termToken) {
            for (String f : forms) {
                if (f.equals(termToken)) return true;
                if (stretched && collapse(f).equals(collapse(termToken))) return true;
            }
            return false;
        }

        boolean startsWith(String prefix) {
            for (String f : forms) {
                if (f.startsWith(prefix)) return true;
                if (stretched && collapse(f).startsWith(collapse(prefix))) return true;
            }
            return false;
        }

        List<String> keys() {
            List<String> k = new ArrayList<>(forms.size());
            for (String f : forms) k.add(collapse(f));
            return k;
        }
    }

    /** The words of a text, folded and de-obfuscated. */
    static List<Token> tokens(String raw) {
        String s = fold(withoutTemplates(raw));
        s = EMAIL.matcher(s).replaceAll("$1 $2");
        s = join(SPACED_PUNCT, s);
        s = join(SPACED_BLANK, s);
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) out.add(token(m.group()));
        return out;
    }

    /** The words of a URL: decoded, then split on its punctuation. */
    static List<Token> urlTokens(String url) {
        return tokens(decode(url));
    }

    static String decode(String url) {
        if (url == null) return "";
        try {
            return URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** A term's canonical tokens (first form of each), as a text would fold them. */
    static List<String> termTokens(String term) {
        boolean wildcard = term.strip().endsWith("*");
        String t = wildcard ? term.strip().substring(0, term.strip().length() - 1) : term;
        List<String> out = new ArrayList<>();
        for (Token tok : tokens(t)) out.add(tok.forms().getFirst());
        if (wildcard && !out.isEmpty()) out.set(out.size() - 1, out.getLast() + "*");
        return out;
    }

    private static String join(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) return s;
        StringBuilder b = new StringBuilder();
        do {
            m.appendReplacement(b, Matcher.quoteReplacement(SEPARATORS.matcher(m.group()).replaceAll("")));
        } while (m.find());
        m.appendTail(b);
        return b.toString();
    }

    static Token token(String word) {
        boolean letters = false, leet = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) letters = true;
            else if ("013457@$".indexOf(c) >= 0) leet = true;
        }
        List<String> forms;
        if (letters && leet) {
            String i = unleet(word, 'i');
            forms = word.indexOf('1') >= 0 ? List.of(i, unleet(word, 'l')) : List.of(i);
        } else {
            forms = List.of(word);
        }
        return new Token(forms, hasRun(forms.getFirst(), 3));
    }

    private static String unleet(String w, char one) {
        StringBuilder b = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            b.append(switch (c) {
                case '0' -> 'o';
                case '1' -> one;
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return b.toString();
    }

    /** Every run of the same letter reduced to one: "viaaagra" and "viagra" both give "viagra". */
    static String collapse(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (i == 0 || s.charAt(i) != s.charAt(i - 1)) b.append(s.charAt(i));
        }
        return b.toString();
    }

    private static boolean hasRun(String s, int n) {
        int run = 1;
        for (int i = 1; i < s.length(); i++) {
            run = s.charAt(i) == s.charAt(i - 1) && Character.isLetter(s.charAt(i)) ? run + 1 : 1;
            if (run >= n) return true;
        }
        return false;
    }
}
