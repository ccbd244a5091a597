package org.fairsend.feedback.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides a reason from an MTA's text, the enhanced status code and the reply code, and the kind from the reason.
 * Text phrases (reason-phrases.txt) come first because they are the most specific; the status code, then the reply
 * code decide when the text says nothing known.
 */
final class Reasons {

    /**
     * Reasons that make a permanent failure hard: the address or domain does not exist or accepts no mail, or the
     * mailbox is worded as disabled for good (issue 16; RFC 3463 x.1.1, x.1.2, x.1.6, x.1.10, x.2.1 "disabled").
     */
    static final Set<String> HARD_REASONS = Set.of("user_unknown", "host_unknown", "has_moved", "not_accept", "disabled");

    /**
     * Wording that says the refusal is about the sender or the message, not the address: a block list, spam, a
     * policy, the sender's reputation or IP (RFC 3463 x.7.x territory, whatever code the MTA put in front). It
     * outranks wording that would make the address look nonexistent: "550 5.1.1 blocked by policy: listed at
     * Spamhaus" says nothing against the address (issue 16: filtering and blocking are soft).
     */
    private static final Pattern BLOCK_LIST = Pattern.compile("spamhaus|spamcop|barracuda|sorbs|blocked using|blacklist"
            + "|black list|blocklist|block list|denylist|\\b(?:rbl|dnsbl)\\b|(?<!not )listed (?:at|in|on|by) |client host (?:\\[[^\\]]{0,64}\\] )?"
            + "(?:blocked|rejected)|your ip|sending ip|sender ip|ip address (?:is )?(?:blocked|listed)|reputation|banned");
    private static final Pattern SPAM = Pattern.compile("\\bspam\\b|unsolicited|junk mail|bulk mail|spammy");
    private static final Pattern POLICY = Pattern.compile("(?:due to|by|for|violates|violation of) (?:the |a |local |our "
            + "|site |security |content )?polic(?:y|ies)|policy (?:violation|reasons|rejection|restriction)"
            + "|blocked (?:by|due to|for)|message (?:was )?blocked|content (?:rejected|filter)");

    /** The soft reason that sender-side wording gives (block list, spam, policy), or null when it gives none. */
    static String sendersFault(String normalizedText) {
        if (stated(BLOCK_LIST, normalizedText)) {
            return "blocked";
        }
        if (stated(SPAM, normalizedText)) {
            return "spam_detected";
        }
        if (stated(POLICY, normalizedText)) {
            return "policy";
        }
        return null;
    }

    /** Hedged wording ("they may be blacklisted") lists possibilities, it states nothing: it does not count. */
    private static final Pattern HEDGE = Pattern.compile("(?:may|might|could) (?:also )?(?:be|have been) (?:\\w+ ){0,2}$");

    private static boolean stated(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String before = text.substring(Math.max(0, m.start() - 40), m.start());
            if (!HEDGE.matcher(before).find()) {
                return true;
            }
        }
        return false;
    }

    static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
    static final Pattern REPLY = Pattern.compile("(?<![\\d.#-])([245][0-5]\\d)(?=[ -]|$)(?![ -]?\\d{3,})");

    private record Rule(String reason, String phrase, Pattern regex) {
        boolean matches(String text) {
            return regex != null ? regex.matcher(text).find() : text.contains(phrase);
        }
    }

    private static final List<Rule> RULES = load();

    private Reasons() {}

    private static List<Rule> load() {
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = Reasons.class.getResourceAsStream("reason-phrases.txt")) {
            if (in == null) {
                throw new IllegalStateException("reason-phrases.txt missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                if (parts.length < 2) {
                    continue;
                }
                String phrase = parts[1].strip();
                if (phrase.startsWith("re:")) {
                    rules.add(new Rule(parts[0], phrase, Pattern.compile(phrase.substring(3), Pattern.CASE_INSENSITIVE)));
                } else {
                    rules.add(new Rule(parts[0], normalize(phrase), null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(rules);
    }

    static String normalize(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("\\s+", " ").trim();
    }

    /** The reason the phrases give, or null. */
    static String fromText(String text) {
        String t = normalize(text);
        if (t.isEmpty()) {
            return null;
        }
        for (Rule rule : RULES) {
            if (rule.matches(t)) {
                if (HARD_REASONS.contains(rule.reason())) {
                    String soft = sendersFault(t);
                    if (soft != null) {
                        return soft;
                    }
                }
                return rule.reason();
            }
        }
        return null;
    }

    /** Which rule matched, for diagnosis: reason and phrase. */
    static String explain(String text) {
        String t = normalize(text);
        for (Rule rule : RULES) {
            if (rule.matches(t)) {
                return rule.reason() + " <- '" + rule.phrase() + "'";
            }
        }
        return null;
    }

    /** The reason an enhanced status code implies, or null when the code is too general. */
    static String fromStatus(String status) {
        if (status == null) {
            return null;
        }
        Matcher m = STATUS.matcher(status);
        if (!m.find()) {
            return null;
        }
        int subject = Integer.parseInt(m.group(2));
        int detail = Integer.parseInt(m.group(3));
        return switch (subject) {
            case 1 -> switch (detail) {
                case 1, 3, 5 -> "user_unknown";
                case 2 -> "host_unknown";
                case 6 -> "has_moved";
                case 7, 8 -> "blocked";
                case 10 -> "not_accept";
                default -> null;
            };
            case 2 -> switch (detail) {
                case 1 -> "suspended";
                case 2 -> "mailbox_full";
                case 3 -> "too_large";
                default -> "system_error";
            };
            case 3 -> switch (detail) {
                case 2 -> "not_accept";
                case 4 -> "too_large";
                default -> "system_error";
            };
            case 4 -> switch (detail) {
                case 4 -> "not_accept";
                case 7 -> "expired";
                default -> "network_error";
            };
            case 5 -> "syntax_error";
            case 6 -> "content_error";
            case 7 -> switch (detail) {
                case 1 -> "blocked";
                case 13, 14 -> "suspended";
                case 23, 25 -> "blocked";
                case 26, 27 -> "auth_failure";
                default -> "policy";
            };
            default -> null;
        };
    }

    static String fromReplyCode(Integer code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case 421, 450, 451 -> "system_error";
            case 452 -> "mailbox_full";
            case 521, 556 -> "not_accept";
            case 552 -> "mailbox_full";
            case 551 -> "has_moved";
            case 553 -> "user_unknown";
            case 554 -> "rejected";
            case 550 -> "rejected";
            default -> null;
        };
    }

    static String reason(String status, Integer replyCode, String text) {
        String r = fromText(text);
        if (r == null) {
            r = fromStatus(status);
        }
        if (r == null) {
            r = fromReplyCode(replyCode);
        }
        return r == null ? "undefined" : r;
    }

    /**
     * Hard when the reason says the address or domain does not exist (user unknown, host unknown, has moved), or
     * does not accept mail with a permanent failure; everything else is soft.
     */
    static Kind kind(String reason, String status, Integer replyCode) {
        boolean transientFailure = (status != null && status.startsWith("4"))
                || (status == null && replyCode != null && replyCode / 100 == 4);
        if (!HARD_REASONS.contains(reason)) {
            return Kind.SOFT;
        }
        // a transient failure is soft, unless its enhanced code itself says the address is bad (4.1.1, 4.1.2, 4.1.6)
        if (transientFailure && !(status != null && status.matches("4\\.1\\.[126]"))) {
            return Kind.SOFT;
        }
        return Kind.HARD;
    }

    /** The SMTP stage a refusal came at, as MTAs report it (Postfix, Exim, Sendmail transcripts, qmail, m-FILTER). */
    enum Stage { MAIL, RCPT, DATA }

    private static final Pattern STAGE = Pattern.compile(
            "(?<data>in reply to (?:end of )?data command|after (?:end of )?data\\b|after end of message"
            + "|>>> data <<< [45]\\d\\d|smtp command[: -]*data\\b|smtp[: ]data\\b)"
            + "|(?<rcpt>in reply to rcpt to command|after rcpt to\\b|>>> rcpt to:?\\s*<[^>]*> <<< [45]\\d\\d"
            + "|did not like our rcpt to|\\[rcpt_to\\]|smtp[: ]rcpt\\b|smtp command[: -]*rcpt\\b|does not like recipient)"
            + "|(?<mail>in reply to mail from command|after mail from\\b|>>> mail from:?\\s*<[^>]*> <<< [45]\\d\\d)");

    /** Texts that say outright that the user does not exist (a vaguer "mailbox not available" does not). */
    private static final Pattern EXPLICITLY_UNKNOWN = Pattern.compile(
            "user unknown|unknown user|no such (?:user|mailbox|recipient|address)|(?:user|mailbox|recipient|address) does not exist"
            + "|(?:user|recipient|mailbox) not found");

    /** The first stage the text names for a refusal, or null when it names none. */
    static Stage stage(String text) {
        Matcher m = STAGE.matcher(normalize(text));
        if (!m.find()) {
            return null;
        }
        return m.group("data") != null ? Stage.DATA : m.group("rcpt") != null ? Stage.RCPT : Stage.MAIL;
    }

    /**
     * Corrects a text reason with what the SMTP dialogue and the status code say:
     * <ul>
     * <li>"user unknown" refused after DATA, when the status code does not itself say the address is bad (x.1.x):
     * the recipient was accepted at RCPT, so a filter refused the content (filtered, soft);</li>
     * <li>a refusal of MAIL FROM is about the sender (rejected);</li>
     * <li>x.1.6 is "mailbox has moved" whatever the text says;</li>
     * <li>a code in the mailbox class (x.2.x) or x.1.7/x.1.8 outranks a text that would make the address look
     * nonexistent, except x.2.1 ("mailbox disabled", which RFC 3463 allows to be permanent) when the refusal came
     * at RCPT with a text that says the user is unknown: then the address is unknown.</li>
     * </ul>
     */
    static String adjust(String reason, String status, String text) {
        Stage stage = stage(text);
        boolean hard = HARD_REASONS.contains(reason);
        int subject = -1;
        int detail = -1;
        if (status != null) {
            Matcher m = STATUS.matcher(status);
            if (m.find()) {
                subject = Integer.parseInt(m.group(2));
                detail = Integer.parseInt(m.group(3));
            }
        }
        if (reason.equals("user_unknown") && stage == Stage.DATA && subject != 1
                && !DIRECTORY_UNKNOWN.matcher(normalize(text)).find()) {
            // a flat statement that the address does not exist stays hard at any stage (RFC 3463 x.1.1 meaning)
            return "filtered";
        }
        if (hard && stage == Stage.MAIL) {
            return "rejected";
        }
        if (subject == 1 && detail == 6) {
            return "has_moved";
        }
        if (subject == 1 && detail == 1 && reason.equals("suspended")) {
            return "user_unknown"; // "bad destination mailbox" outranks a vague "inactive", "suspended"
        }
        if (subject == 2 && detail == 1 && reason.equals("user_unknown") && stage == Stage.RCPT
                && EXPLICITLY_UNKNOWN.matcher(normalize(text)).find()) {
            return reason;
        }
        if (reason.equals("disabled") && subject == 7) {
            return "policy"; // x.7.x is security or policy: "sending is disabled" speaks of the sender, not the mailbox
        }
        if (reason.equals("disabled") && subject == 2 && detail == 1) {
            return reason; // x.2.1 "mailbox disabled" worded as disabled: permanent with a 5 class (RFC 3463)
        }
        if (hard && (subject == 2 || (subject == 1 && (detail == 7 || detail == 8)))) {
            String byStatus = fromStatus(status);
            if (byStatus != null) {
                return byStatus;
            }
        }
        return reason;
    }

    /**
     * Phrases that state the address does not exist in a way no content or reception filter uses: a directory
     * lookup (Domino, Notes, Exchange, IMail) or a provider's own wording for a nonexistent account.
     */
    private static final Pattern DIRECTORY_UNKNOWN = Pattern.compile("not listed in (?:the )?(?:domino directory"
            + "|public name & address book|name directory)|recipient name is not recognized|invalid final delivery userid"
            + "|(?:couldn't|could not|wasn't|was not) (?:be )?found|does not exist|doesn't exist|not exist at the organization"
            + "|unknown local[- ]part|unrouteable address|no mailbox here by that name");

    /**
     * For a bounce relayed as a report (not a reply this platform received itself): a generic "user unknown", "no
     * such user" or "invalid address" with neither an enhanced code that says the address is bad (x.1.x: a 5.0.0 or
     * no code says nothing) nor any sign that it answered RCPT TO is not proof that the address does not exist:
     * reception filters (mobile carriers' address filters, gateways' content filters after DATA) answer with the
     * same words. It counts as filtered (soft); if it keeps coming, the repeated-soft-bounce rule (R-16) suppresses
     * the address all the same. A directory-lookup or "does not exist" wording stays hard.
     */
    static String corroborate(String reason, String status, String text) {
        if (!reason.equals("user_unknown")) {
            return reason;
        }
        if (status != null) {
            Matcher m = STATUS.matcher(status);
            if (m.find() && !m.group(2).equals("0")) {
                return reason;
            }
        }
        String t = normalize(text);
        if (stage(t) != null || DIRECTORY_UNKNOWN.matcher(t).find()) {
            return reason;
        }
        return "filtered";
    }

    static String firstStatus(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = STATUS.matcher(text);
        String generic = null;
        while (m.find()) {
            String s = m.group(1) + "." + m.group(2) + "." + m.group(3);
            if (m.group(1).equals("2")) {
                continue;
            }
            if (!s.endsWith(".0.0")) {
                return s;
            }
            if (generic == null) {
                generic = s;
            }
        }
        return generic;
    }

    static Integer firstReplyCode(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = REPLY.matcher(text);
        while (m.find()) {
            int c = Integer.parseInt(m.group(1));
            if (c >= 421) {
                return c;
            }
        }
        return null;
    }

    /** Any enhanced status code, success included. */
    static String firstStatusAny(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = STATUS.matcher(text);
        return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : null;
    }

    /** Any reply code, success included. */
    static Integer firstReplyCodeAny(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = REPLY.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }
}
