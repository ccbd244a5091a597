package org.fairsend.content.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairsend.content.EmailContent;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.platform.Addresses;
import org.fairsend.policy.Policy;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;

/**
 * The content rules of one policy version, applied to an email as written (before personalisation).
 * Pure: no I/O, safe to share between threads.
 *
 * <p>Locations: {@code subject}, {@code preheader}, {@code body} (the HTML part's text), {@code text} (the
 * text part), {@code alt} (image alt text), {@code link} (link targets), {@code sender} (From name and
 * addresses), {@code header} (header values).
 */
final class EmailRules {

    static final Pattern UNSUBSCRIBE_PLACEHOLDER = Pattern.compile("\\{\\{-?\\s*unsubscribe_url\\s*(\\|[^}]*)?-?\\}\\}");
    static final Pattern WHY_PLACEHOLDER = Pattern.compile("\\{\\{-?\\s*why_you_receive_this\\s*(\\|[^}]*)?-?\\}\\}");
    private static final List<String> UNSUBSCRIBE_WORDS = List.of("unsubscribe", "desabonner", "desinscrire", "desinscription",
            "desabonnement", "desabonnez", "desinscrivez", "opt out", "opt-out", "se retirer de la liste");
    private static final Set<String> LEGAL_FORMS = Set.of("sarl", "sas", "sasu", "eurl", "sci", "snc", "scop", "selarl", "scp",
            "ltd", "limited", "inc", "llc", "llp", "gmbh", "plc", "corp", "company", "groupe", "group", "societe", "ets",
            "etablissements", "france", "mail", "email", "news", "newsletter", "noreply", "reply", "info", "contact", "team", "equipe");
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "gov", "gouv", "ac", "edu", "asso", "nom", "ltd", "plc");

    private final Policy.Content policy;
    private final Screening screening;
    private final Lexicon spam;
    private final Lexicon promotional;
    private final List<Pattern> promotionalPatterns;

    EmailRules(Policy.Content policy) {
        this.policy = policy;
        this.screening = new Screening(policy);
        this.spam = new Lexicon(Map.of("spam", policy.subjectSpamTerms().all()), List.of());
        this.promotional = new Lexicon(Map.of("promotional", policy.promotionalTerms().all()), List.of());
        this.promotionalPatterns = policy.promotionalPatterns().stream().map(Pattern::compile).toList();
    }

    List<Finding> review(EmailContent m) {
        return review(m, Lexicon.Phrases.NONE);
    }

    /** Every finding of an email; {@code allowed} are the account's allowed terms and names. */
    List<Finding> review(EmailContent m, Lexicon.Phrases allowed) {
        List<Finding> f = new ArrayList<>();
        Document doc = blank(m.html()) ? null : Jsoup.parse(m.html());
        headerInjection(m, f);
        activeContent(doc, f);
        sender(m, f);
        subject(m, doc, f);
        themes(m, doc, allowed, f);
        if (m.marketing()) {
            if (!m.platformFooter()) {
                unsubscribe(m, doc, f);
                whyYouReceiveThis(m, doc, f);
            }
        } else {
            marketingInTransactional(m, doc, f);
        }
        return f;
    }

    /** The rules that apply to a plain text such as an SMS: prohibited themes and, when transactional, promotion. */
    List<Finding> reviewText(String text, boolean marketing, Set<String> approvedCategories) {
        return reviewText(text, marketing, approvedCategories, Lexicon.Phrases.NONE);
    }

    List<Finding> reviewText(String text, boolean marketing, Set<String> approvedCategories, Lexicon.Phrases allowed) {
        EmailContent m = new EmailContent(null, null, null, null, text, null, null, null, marketing, true, approvedCategories, Set.of());
        List<Finding> f = new ArrayList<>();
        themes(m, null, allowed, f);
        if (!marketing) marketingInTransactional(m, null, f);
        return f;
    }

    // ---- active content ---------------------------------------------------------------------------

    /**
     * Script and active content in an email's HTML: mailbox providers strip it and score it as spam or
     * phishing, and it would run wherever the message is previewed. Blocking, with where it was found.
     */
    private static void activeContent(Document doc, List<Finding> f) {
        if (doc == null) return;
        List<String> found = new ArrayList<>();
        for (var e : doc.select("script, iframe, frame, frameset, object, embed, applet, form, base, meta[http-equiv=refresh]")) {
            found.add("<" + e.normalName() + ">");
        }
        for (var e : doc.getAllElements()) {
            for (var a : e.attributes()) {
                String key = a.getKey().toLowerCase(java.util.Locale.ROOT);
                String value = a.getValue().strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
                if (key.startsWith("on")) found.add(key + "= on <" + e.normalName() + ">");
                else if ((key.equals("href") || key.equals("src") || key.equals("action") || key.equals("formaction"))
                        && (value.startsWith("javascript:") || value.startsWith("vbscript:") || value.startsWith("data:text/html"))) {
                    found.add(value.substring(0, value.indexOf(':') + 1) + " " + key);
                }
            }
        }
        if (!found.isEmpty()) {
            f.add(Finding.blocking("active-content", Finding.Location.BODY, "The HTML holds script or active content: "
                    + String.join(", ", found.stream().distinct().limit(10).toList()) + ".",
                    "Remove scripts, forms, frames, embedded objects, event-handler attributes and javascript: links;"
                    + " email clients do not run them and filters treat them as phishing."));
        }
    }

    // ---- header injection -------------------------------------------------------------------------

    private void headerInjection(EmailContent m, List<Finding> f) {
        check("subject", m.subject(), f);
        check("From name", m.fromName(), f);
        check("From address", m.fromAddress(), f);
        check("Reply-To", m.replyTo(), f);
    }

    private static void check(String field, String value, List<Finding> f) {
        Headers.injection(value).ifPresent(why -> f.add(Finding.blocking("header-injection", Finding.Location.HEADER,
                "The " + field + " contains " + why + ": it could add headers or recipients to the message.",
                "Write the " + field + " on one line, without control characters or encoded line breaks.")));
    }

    // ---- R-9 sender ---------------------------------------------------------------------------------

    private void sender(EmailContent m, List<Finding> f) {
        String fromDomain = null;
        if (blank(m.fromAddress())) {
            f.add(Finding.blocking("R-9", Finding.Location.SENDER, "The message has no From address.",
                    "Send from an address on a domain your account has verified."));
        } else {
            var parsed = Addresses.emailOrError(m.fromAddress().strip());
            if (parsed.error() != null) {
                f.add(Finding.blocking("R-9", Finding.Location.SENDER, "The From address is not valid: " + parsed.error() + ".",
                        "Send from an address on a domain your account has verified."));
            } else {
                fromDomain = domainOf(parsed.value());
            }
        }
        Set<String> names = m.senderNames() == null ? Set.of() : m.senderNames();
        if (blank(m.fromName())) {
            f.add(Finding.blocking("R-9", Finding.Location.SENDER, "The sender name is empty: recipients cannot tell who writes.",
                    "Use your company or brand name as the sender name" + (names.isEmpty() ? "." : ", e.g. " + names.iterator().next() + ".")));
        } else if (!identifies(m.fromName(), names, fromDomain)) {
            f.add(Finding.blocking("R-9", Finding.Location.SENDER, "The sender name \"" + m.fromName().strip()
                    + "\" does not name the sender" + describe(names, fromDomain) + ".",
                    "Put your company or brand name in the sender name (it may be followed by a team or service, "
                            + "e.g. \"" + (names.isEmpty() ? "Acme" : names.iterator().next()) + " - Service client\")."));
        }
        if (!blank(m.replyTo())) {
            for (String address : m.replyTo().split(",")) {
                String a = address.strip();
                int lt = a.lastIndexOf('<');
                if (lt >= 0 && a.endsWith(">")) a = a.substring(lt + 1, a.length() - 1).strip();
                var parsed = Addresses.emailOrError(a);
                if (parsed.error() != null) {
                    f.add(Finding.blocking("R-9", Finding.Location.SENDER, "The Reply-To address \"" + a + "\" is not valid: " + parsed.error() + ".",
                            "Give a Reply-To address on your own domain, or none (replies then go to the From address)."));
                } else if (fromDomain != null && !related(domainOf(parsed.value()), fromDomain, names)) {
                    f.add(Finding.warning("R-9", Finding.Location.SENDER, "Replies go to " + domainOf(parsed.value())
                            + ", a domain unrelated to the From domain " + fromDomain + ": the Reply-To should identify the sender too.",
                            "Use a Reply-To address on " + fromDomain + " (or another domain of your company)."));
                }
            }
        }
    }

    private static String describe(Set<String> names, String domain) {
        List<String> parts = new ArrayList<>(names);
        if (domain != null) parts.add(domain);
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static boolean identifies(String fromName, Set<String> names, String fromDomain) {
        Set<String> nameWords = new LinkedHashSet<>(Words.significant(fromName));
        String compact = compact(fromName);
        Set<String> identifying = new LinkedHashSet<>();
        for (String n : names) {
            for (String w : Words.significant(n)) if (!LEGAL_FORMS.contains(w)) identifying.add(w);
            String c = compact(n);
            if (c.length() >= 3 && compact.contains(c)) return true;
        }
        if (fromDomain != null) {
            String label = registrableLabel(fromDomain);
            String c = compact(label);
            if (c.length() >= 3 && compact.contains(c)) return true;
            for (String w : Words.significant(label.replace('-', ' '))) if (!LEGAL_FORMS.contains(w)) identifying.add(w);
        }
        for (String w : identifying) if (nameWords.contains(w)) return true;
        return false;
    }

    private static boolean related(String replyDomain, String fromDomain, Set<String> names) {
        String a = registrable(replyDomain), b = registrable(fromDomain);
        if (a.equals(b)) return true;
        String la = compact(registrableLabel(replyDomain)), lb = compact(registrableLabel(fromDomain));
        if (la.length() >= 4 && lb.length() >= 4 && (la.contains(lb) || lb.contains(la))) return true;
        for (String n : names) {
            String c = compact(n);
            for (String w : Words.significant(n)) {
                if (!LEGAL_FORMS.contains(w) && w.length() >= 4 && la.contains(w)) return true;
            }
            if (c.length() >= 4 && la.contains(c)) return true;
        }
        return false;
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The registrable domain without a public suffix list: the last two labels, three under co.uk-like suffixes. */
    static String registrable(String domain) {
        String[] l = domain.toLowerCase(Locale.ROOT).split("\\.");
        if (l.length <= 2) return domain.toLowerCase(Locale.ROOT);
        int keep = SECOND_LEVEL.contains(l[l.length - 2]) ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(l, Math.max(0, l.length - keep), l.length));
    }

    static String registrableLabel(String domain) {
        return registrable(domain).split("\\.")[0];
    }

    private static String compact(String s) {
        return Folding.fold(s).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    // ---- R-12 subject -------------------------------------------------------------------------------

    private void subject(EmailContent m, Document doc, List<Finding> f) {
        String subject = m.subject() == null ? "" : m.subject().strip();
        if (subject.isEmpty()) {
            f.add(Finding.blocking("R-12", Finding.Location.SUBJECT, "The subject is empty.", "Write a subject that says what the message is about."));
            return;
        }
        if (subject.length() > policy.subjectMaxLength()) {
            f.add(Finding.warning("R-12", Finding.Location.SUBJECT, "The subject has " + subject.length() + " characters; most mail clients cut it after about 60 and more than "
                    + policy.subjectMaxLength() + " looks like spam.", "Shorten the subject to what the message is about."));
        }
        Set<String> spamTerms = spam.match(subject).getOrDefault("spam", Set.of());
        if (!spamTerms.isEmpty()) {
            f.add(new Finding("R-12", Severity.WARNING, Finding.Location.SUBJECT, "The subject uses spam terms: " + String.join(", ", spamTerms) + ".",
                    "Say plainly what the message offers; spam filters and readers distrust these words.", List.copyOf(spamTerms)));
        }
        shouting(Folding.withoutTemplates(subject)).ifPresent(why -> f.add(Finding.warning("R-12", Finding.Location.SUBJECT,
                "The subject shouts: " + why + ". Excessive commercial pressure is flagged.",
                "Write the subject in sentence case, with at most one '!' and no rows of currency signs.")));
        String body = bodyText(m, doc);
        List<String> subjectWords = Words.significant(subject);
        if (!subjectWords.isEmpty() && !Words.significant(body).isEmpty()) {
            Set<String> bodyStems = Words.stems(body);
            boolean related = subjectWords.stream().anyMatch(w -> bodyStems.contains(Words.stem(w)));
            if (!related) {
                f.add(Finding.warning("R-12", Finding.Location.SUBJECT, "None of the subject's words (" + String.join(", ", new LinkedHashSet<>(subjectWords))
                        + ") appears in the message: the subject does not reflect the content.",
                        "Make the subject describe what the message says."));
            }
        }
    }

    Optional<String> shouting(String subject) {
        Policy.Shouting s = policy.shouting();
        List<String> why = new ArrayList<>();
        int letters = 0, upper = 0, exclamations = 0, currency = 0;
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) upper++;
            } else if (c == '!' || c == '\u203c' || c == '\u2757') exclamations++;
            else if (Character.getType(c) == Character.CURRENCY_SYMBOL) currency++;
        }
        if (letters >= s.minLettersForCapitals() && upper > s.maxCapitalsShare() * letters) {
            why.add(Math.round(100.0 * upper / letters) + "% of the letters are capitals");
        } else {
            int capitalWords = 0;
            Matcher w = Pattern.compile("\\p{L}{4,}").matcher(subject);
            while (w.find()) if (w.group().equals(w.group().toUpperCase(Locale.ROOT)) && !w.group().equals(w.group().toLowerCase(Locale.ROOT))) capitalWords++;
            if (capitalWords > s.maxCapitalWords()) why.add(capitalWords + " words in capitals");
        }
        if (exclamations > s.maxExclamationMarks()) why.add(exclamations + " exclamation marks");
        if (currency > s.maxCurrencySigns()) why.add(currency + " currency signs");
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", why));
    }

    // ---- R-11 prohibited themes ---------------------------------------------------------------------

    /**
     * through the one theme engine ({@link Screening}): subject, preheader, sender name, the HTML
     * part's text, image alt texts, link targets and their hosts, the text part. X-7 applies to marketing messages
     * (canvassing is a solicitation); a transactional message may not promote anything anyway.
     */
    private void themes(EmailContent m, Document doc, Lexicon.Phrases allowed, List<Finding> f) {
        Screening.Message message = new Screening.Message()
                .part(Finding.Location.SUBJECT, m.subject())
                .part(Finding.Location.PREHEADER, m.preheader())
                .part(Finding.Location.SENDER, m.fromName());
        if (doc != null) {
            message.part(Finding.Location.BODY, doc.title() + "\n" + doc.body().text());
            for (Element img : doc.select("img[alt], area[alt], input[alt]")) message.part(Finding.Location.ALT, img.attr("alt"));
            for (Element a : doc.select("a[href], area[href]")) {
                String href = a.attr("href");
                message.link(href);
                host(href).ifPresent(message::host);
            }
        }
        message.part(Finding.Location.TEXT, m.text());
        if (m.text() != null) {
            // links written in the text part are link targets too
            Matcher urls = TEXT_URL.matcher(m.text());
            while (urls.find()) host(urls.group()).ifPresent(message::host);
        }
        f.addAll(screening.screen(message, m.approvedCategories(), m.marketing(), allowed, Screening.names(m.senderNames())));
    }

    private static final Pattern TEXT_URL = Pattern.compile("https?://[^\\s<>\"']+");

    private static Optional<String> host(String href) {
        Matcher m = Pattern.compile("^\\s*[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#:@\\s]+@)?([^/?#:\\s]+)").matcher(Folding.decode(href));
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }

    // ---- unsubscribe link ----------------------------------------------------------------

    private void unsubscribe(EmailContent m, Document doc, List<Finding> f) {
        boolean hasText = !blank(m.text());
        if (doc != null) {
            List<Element> candidates = new ArrayList<>();
            for (Element a : doc.select("a, area")) {
                if (isUnsubscribeHref(a.attr("href")) || mentionsUnsubscribe(a.text() + " " + a.attr("title"))) candidates.add(a);
            }
            if (candidates.isEmpty()) {
                f.add(Finding.blocking("R-10", Finding.Location.BODY, "The HTML body has no unsubscribe link.",
                        "Add a visible link <a href=\"{{ unsubscribe_url }}\">Se désabonner</a>, or enable the Fairsend footer."));
            } else {
                List<String> hidden = new ArrayList<>();
                List<Element> visible = new ArrayList<>();
                for (Element a : candidates) {
                    Optional<String> why = Visibility.hiddenBecause(a);
                    if (why.isPresent()) hidden.add(why.get());
                    else visible.add(a);
                }
                List<Element> working = visible.stream().filter(a -> works(a.attr("href"))).toList();
                if (visible.isEmpty()) {
                    f.add(Finding.blocking("R-10", Finding.Location.BODY, "The unsubscribe link is hidden (" + String.join("; ", hidden) + ").",
                            "Show the unsubscribe link in readable text, in a colour that contrasts with its background."));
                } else if (working.isEmpty()) {
                    f.add(Finding.blocking("R-10", Finding.Location.LINK, "The unsubscribe link leads nowhere (href \"" + visible.getFirst().attr("href") + "\").",
                            "Point the unsubscribe link at {{ unsubscribe_url }}."));
                } else {
                    if (working.stream().noneMatch(a -> isUnsubscribeHref(a.attr("href")))) {
                        f.add(Finding.warning("R-10", Finding.Location.LINK, "The unsubscribe link points to your own page, not to Fairsend's: "
                                + "an unsubscribe there does not stop the campaign's next messages at once.",
                                "Point the unsubscribe link at {{ unsubscribe_url }} (it works in one click and takes effect immediately)."));
                    }
                    if (working.stream().allMatch(Visibility::small)) {
                        f.add(Finding.warning("R-10", Finding.Location.BODY, "The unsubscribe link is in very small type: it must be clear and visible.",
                                "Use a font size of at least 10px for the unsubscribe link."));
                    }
                }
            }
            if (hasText && !textMentionsUnsubscribe(m.text())) {
                f.add(Finding.warning("R-10", Finding.Location.TEXT, "The text part has no unsubscribe link, which readers of plain text will miss.",
                        "Add \"Se désabonner : {{ unsubscribe_url }}\" to the text part, or leave the text part empty to derive it from the HTML."));
            }
        } else if (hasText && !textMentionsUnsubscribe(m.text())) {
            f.add(Finding.blocking("R-10", Finding.Location.TEXT, "The message has no unsubscribe link.",
                    "Add \"Se désabonner : {{ unsubscribe_url }}\", or enable the Fairsend footer."));
        }
    }

    static boolean isUnsubscribeHref(String href) {
        return UNSUBSCRIBE_PLACEHOLDER.matcher(Folding.decode(href)).find();
    }

    private static boolean mentionsUnsubscribe(String text) {
        String folded = Folding.fold(text).replaceAll("\\s+", " ");
        return UNSUBSCRIBE_WORDS.stream().anyMatch(folded::contains);
    }

    private static boolean textMentionsUnsubscribe(String text) {
        return UNSUBSCRIBE_PLACEHOLDER.matcher(text).find()
                || (mentionsUnsubscribe(text) && Pattern.compile("(?i)(https?://|mailto:)").matcher(text).find());
    }

    private static boolean works(String href) {
        String h = href.strip().toLowerCase(Locale.ROOT);
        return isUnsubscribeHref(href) || h.startsWith("https://") || h.startsWith("http://") || h.startsWith("mailto:");
    }

    // ---- R-7 why you receive this -------------------------------------------------------------------

    private void whyYouReceiveThis(EmailContent m, Document doc, List<Finding> f) {
        boolean hasText = !blank(m.text());
        if (doc != null) {
            List<Element> holders = new ArrayList<>();
            NodeTraversor.traverse((node, depth) -> {
                if (node instanceof TextNode t && WHY_PLACEHOLDER.matcher(t.getWholeText()).find() && t.parent() instanceof Element p) holders.add(p);
            }, doc.body());
            if (holders.isEmpty()) {
                f.add(Finding.blocking("R-7", Finding.Location.BODY, "The message does not say why the recipient receives it.",
                        "Add {{ why_you_receive_this }} near the footer (filled from each recipient's consent record), or enable the Fairsend footer."));
            } else if (holders.stream().allMatch(p -> Visibility.hiddenBecause(p).isPresent())) {
                f.add(Finding.blocking("R-7", Finding.Location.BODY, "The why-you-receive-this statement is hidden ("
                        + Visibility.hiddenBecause(holders.getFirst()).orElseThrow() + ").",
                        "Show {{ why_you_receive_this }} in readable text."));
            }
            if (hasText && !WHY_PLACEHOLDER.matcher(m.text()).find()) {
                f.add(Finding.warning("R-7", Finding.Location.TEXT, "The text part does not say why the recipient receives the message.",
                        "Add {{ why_you_receive_this }} to the text part, or leave it empty to derive it from the HTML."));
            }
        } else if (hasText && !WHY_PLACEHOLDER.matcher(m.text()).find()) {
            f.add(Finding.blocking("R-7", Finding.Location.TEXT, "The message does not say why the recipient receives it.",
                    "Add {{ why_you_receive_this }} (filled from each recipient's consent record), or enable the Fairsend footer."));
        }
    }

    // ---- R-1 marketing content in a transactional message -------------------------------------------

    private void marketingInTransactional(EmailContent m, Document doc, List<Finding> f) {
        Map<Finding.Location, String> parts = new LinkedHashMap<>();
        parts.put(Finding.Location.SUBJECT, nz(m.subject()));
        parts.put(Finding.Location.PREHEADER, nz(m.preheader()));
        if (doc != null) parts.put(Finding.Location.BODY, doc.title() + "\n" + doc.body().text());
        parts.put(Finding.Location.TEXT, nz(m.text()));
        parts.forEach((location, text) -> {
            Set<String> terms = new LinkedHashSet<>(promotional.match(text).getOrDefault("promotional", Set.of()));
            String folded = Folding.fold(Folding.withoutTemplates(text)).replaceAll("\\s+", " ");
            for (Pattern p : promotionalPatterns) {
                Matcher matcher = p.matcher(folded);
                while (matcher.find()) terms.add(matcher.group().strip());
            }
            if (!terms.isEmpty()) {
                f.add(new Finding("R-1", Severity.BLOCKING, location, "This transactional message carries marketing content: "
                        + String.join(", ", terms) + ". Transactional messages skip consent and unsubscribe, so they may not promote.",
                        "Remove the promotion, or send it as a marketing campaign to consenting contacts.", List.copyOf(terms)));
            }
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String bodyText(EmailContent m, Document doc) {
        StringBuilder b = new StringBuilder();
        if (doc != null) {
            b.append(doc.title()).append('\n').append(doc.body().text()).append('\n');
            for (Element img : doc.select("img[alt]")) b.append(img.attr("alt")).append('\n');
        }
        b.append(nz(m.text()));
        return b.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
