package org.fairsend.feedback.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Non-standard bounces (Exim, Postfix without DSN, qmail, Sendmail, Exchange, Domino, providers): the recipients
 * are the addresses the human-readable text names in a recipient position, the diagnostic the lines around them.
 */
final class TextBounces {

    /** Where the returned original begins in a bounce's text. */
    private static final Pattern ORIGINAL_MARKER = Pattern.compile("(?im)^[ \\t>|]*(?:[-=_*]{2,}[ \\t]*)?(?:"
            + "original message|this is a copy of the message|below this line is a copy|a copy of the original message"
            + "|the (?:original )?(?:message|mail) (?:header|headers) (?:follows?|is following|of the original)"
            + "|the header of the original message|(?:the )?headers? of (?:the|your) original|undelivered message follows"
            + "|unsent message follows|original message follows|returned message|message headers? follows?"
            + "|original message headers|included is a copy|forwarded message|begin of the message|message original"
            + "|mensaje original|ursprüngliche nachricht|wiadomość oryginalna|oryginalna wiadomość|message d'origine"
            + "|your message reads|the text you sent follows|body of message|original mail"
            + ")");
    private static final Pattern HEADER_LINE = Pattern.compile("(?i)^(return-path|received|message-id|from|to|subject|date"
            + "|mime-version|dkim-signature|content-type|reply-to|x-mailer|delivered-to|cc|sender|x-originating-ip"
            + "|content-transfer-encoding|x-[a-z0-9-]+|authentication-results|arc-[a-z-]+|list-unsubscribe):");

    private static final String A = Addresses.ADDR;
    /** Addresses in a position that names a failed recipient. */
    private static final List<Pattern> STRONG = List.of(
            Pattern.compile("^[\\s>]*[\"']?<?(" + A + ")>?[\"']?\\s*$"),
            Pattern.compile("^[\\s>]*<(" + A + ")>\\s*(?::|\\.\\.\\.|\\(|,|;| - |\\s)"),
            Pattern.compile("^[\\s>]*(" + A + ")\\s*(?::|\\.\\.\\.| on | - |\\(|\\t|,|;|\\s{2,})"),
            Pattern.compile("(?i)rcpt to:\\s*<?(" + A + ")"),
            Pattern.compile("(?i)(?:recipient|destinataire|empfänger|odbiorca|adresat|destinatario|address|adresse|addressee"
                    + "|mailbox|user|to)s?(?:\\s+address)?(?:\\(es\\))?\\s*[:=]\\s*[\"']?<?(" + A + ")"),
            Pattern.compile("(?i)(?:final|original)-recipient:\\s*(?:rfc822;)?\\s*<?(" + A + ")"),
            Pattern.compile("<(" + A + ")>\\s*(?:\\.\\.\\.|:)"),
            Pattern.compile("(?i)(?:delivery to|could not be delivered to|couldn't be delivered to|failed to deliver to"
                    + "|not be delivered to|undeliverable to|delivery failed for|failed for|message to|mail to|sent to"
                    + "|wasn't delivered to|was not delivered to|reach)\\s+[\"']?<?(" + A + ")"));

    private static final Pattern SKIP_LINE = Pattern.compile("(?i)^\\s*(message-id|in-reply-to|references|reporting-mta"
            + "|received-from-mta|x-postfix-sender|dsn|return-path|from|sender|reply-to|received|dkim-signature|x-[a-z-]+)\\s*:"
            + "|https?://|mailto:|contact (?:your |the )?(?:postmaster|administrator|helpdesk)|please contact|postmaster@");

    private TextBounces() {}

    /** The text of the report up to the returned original. */
    static String reportPart(String text) {
        int cut = text.length();
        Matcher m = ORIGINAL_MARKER.matcher(text);
        if (m.find()) {
            cut = m.start();
        }
        int headers = headerRun(text, 3);
        if (headers >= 0 && headers < cut) {
            cut = headers;
        }
        return text.substring(0, cut);
    }

    /** The text after the report, where the returned original sits. */
    static String originalPart(String text) {
        return text.substring(reportPart(text).length());
    }

    /** Start of the first run of at least n header lines (an embedded original), or -1. */
    static int headerRun(String text, int n) {
        String[] lines = text.split("\n", -1);
        int pos = 0;
        int runStart = -1;
        int count = 0;
        boolean strong = false;
        for (String line : lines) {
            String l = line.replace("\r", "");
            Matcher hm = HEADER_LINE.matcher(l.replaceFirst("^[>|]\\s?", ""));
            if (hm.find()) {
                if (count == 0) {
                    runStart = pos;
                    strong = false;
                }
                count++;
                String name = hm.group(1).toLowerCase();
                if (name.equals("received") || name.equals("message-id") || name.equals("subject") || name.equals("date")
                        || name.equals("return-path") || name.equals("from")) {
                    strong = true;
                }
                if (count >= n && strong) {
                    return runStart;
                }
            } else if (!(count > 0 && (l.startsWith(" ") || l.startsWith("\t")) && !l.isBlank())) {
                count = 0;
            }
            pos += line.length() + 1;
        }
        return -1;
    }

    record Found(String recipient, String chunk) {}

    /** Failed recipients the report names, each with the text around it; {@code exclude} holds the bounce's own parties. */
    static List<Found> find(String report, Set<String> exclude) {
        String[] lines = report.replace("\r", "").split("\n");
        Set<String> strong = new LinkedHashSet<>();
        Set<String> weak = new LinkedHashSet<>();
        for (String line : lines) {
            if (SKIP_LINE.matcher(line).find()) {
                continue;
            }
            for (Pattern p : STRONG) {
                Matcher m = p.matcher(line);
                while (m.find()) {
                    String a = Addresses.clean(m.group(1));
                    if (usable(a, exclude)) {
                        strong.add(a);
                    }
                }
            }
            for (String a : Addresses.all(line)) {
                if (usable(a, exclude)) {
                    weak.add(a);
                }
            }
        }
        Set<String> chosen = strong.isEmpty() ? weak : strong;
        if (chosen.isEmpty() && !exclude.isEmpty()) {
            // a bounce of a message sent to oneself: the failed recipient is also a party of the bounce
            List<Found> again = find(report, Set.of());
            return again.size() == 1 ? again : List.of();
        }
        Lines indexed = new Lines(lines);
        List<Found> out = new ArrayList<>();
        for (String r : chosen) {
            if (out.size() == ParseLimits.MAX_RECIPIENTS) {
                break;
            }
            out.add(new Found(r, indexed.chunk(r, chosen)));
        }
        return out;
    }

    private static boolean usable(String a, Set<String> exclude) {
        return !exclude.contains(a) && !Addresses.isSystem(a);
    }

    /**
     * The lines of a report, indexed once for every recipient's chunk: each line lower-cased, the addresses it
     * names and the host names it names as a whole word. Issue 13 (fuzzing): a report naming thousands of
     * recipients made the chunks cost recipients x lines x recipients (and a regex compiled for each), minutes.
     */
    static final class Lines {
        final String[] lines;
        private final String[] lower;
        private final List<List<String>> addresses = new ArrayList<>();
        private final List<List<String>> hosts = new ArrayList<>();
        private Set<String> domainsOf;
        private Set<String> domains;

        Lines(String[] lines) {
            this.lines = lines;
            this.lower = new String[lines.length];
            for (int i = 0; i < lines.length; i++) {
                lower[i] = lines[i].toLowerCase(Locale.ROOT);
                addresses.add(lower[i].indexOf('@') < 0 ? List.of() : Addresses.all(lower[i]));
                hosts.add(hostWords(lower[i]));
            }
        }

        /** The paragraph that first names the recipient, and every other line naming it with the line after. */
        String chunk(String recipient, Set<String> all) {
            StringBuilder sb = new StringBuilder();
            boolean inParagraph = false;
            boolean seen = false;
            for (int i = 0; i < lines.length && sb.length() < ParseLimits.MAX_CHUNK; i++) {
                boolean names = lower[i].contains(recipient);
                if (names) {
                    if (!seen) {
                        inParagraph = true;
                        seen = true;
                    } else if (!inParagraph) {
                        // the command a transcript line answers (">>> DATA", "did not like our RCPT TO:") sits just before it
                        String before = i > 0 ? lines[i - 1].strip().replaceFirst("^>\\s?(?=>>>)", "") : "";
                        if (!before.isEmpty() && (before.startsWith(">>>") || before.endsWith(":")) && !namesOther(i - 1, recipient, all)) {
                            sb.append(lines[i - 1]).append('\n');
                        }
                        sb.append(lines[i]).append('\n');
                        if (i + 1 < lines.length) {
                            sb.append(lines[i + 1]).append('\n');
                        }
                        continue;
                    }
                } else if (inParagraph) {
                    boolean other = namesOther(i, recipient, all);
                    if (lines[i].isBlank() || other) {
                        // a blank line right after the address line (Sendmail, Exim) does not end the paragraph
                        if (lines[i].isBlank() && sb.toString().strip().equalsIgnoreCase(lines[i - 1].strip())
                                && !other) {
                            continue;
                        }
                        inParagraph = false;
                        continue;
                    }
                }
                if (inParagraph) {
                    sb.append(lines[i]).append('\n');
                }
            }
            return sb.length() > ParseLimits.MAX_CHUNK ? sb.substring(0, ParseLimits.MAX_CHUNK) : sb.toString();
        }

        /**
         * Whether line {@code i} is about another recipient: it names one, or names another recipient's domain (not
         * this one's) the way Sendmail starts a host's entry ({@code 550 example.org (smtp)... 550 Host unknown}).
         */
        private boolean namesOther(int i, String recipient, Set<String> all) {
            for (String a : addresses.get(i)) {
                if (!a.equals(recipient) && all.contains(a)) {
                    return true;
                }
            }
            if (hosts.get(i).isEmpty() || lower[i].contains(recipient)) {
                return false;
            }
            String domain = recipient.substring(recipient.indexOf('@') + 1);
            Set<String> others = domainsOf(all);
            for (String h : hosts.get(i)) {
                if (!h.equals(domain) && others.contains(h)) {
                    return true;
                }
            }
            return false;
        }

        private Set<String> domainsOf(Set<String> all) {
            if (domainsOf != all) {
                domains = new java.util.HashSet<>();
                for (String o : all) {
                    domains.add(o.substring(o.indexOf('@') + 1));
                }
                domainsOf = all;
            }
            return domains;
        }

        /**
         * The host names a line names as a whole word: a run of {@code [A-Za-z0-9_.@-]} up to its first {@code @} (what
         * {@code (?<![\\w.@-])host(?![\\w.-])} finds).
         */
        static List<String> hostWords(String lower) {
            List<String> out = null;
            int n = lower.length();
            int i = 0;
            while (i < n) {
                if (!wordChar(lower.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                int at = -1;
                while (i < n && wordChar(lower.charAt(i))) {
                    if (at < 0 && lower.charAt(i) == '@') {
                        at = i;
                    }
                    i++;
                }
                int end = at < 0 ? i : at;
                if (end > start) {
                    if (out == null) {
                        out = new ArrayList<>();
                    }
                    out.add(lower.substring(start, end));
                }
            }
            return out == null ? List.of() : out;
        }

        private static boolean wordChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '@' || c == '-';
        }
    }
}
