package org.fairsend.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * The policy document. Every section has the defaults of docs/RULES.md; a section or value left out of an
 * update keeps its default. Later channels add their sections here.
 */
public record Policy(Retention retention, Hygiene hygiene, Frequency frequency, Content content, SendingHours sendingHours,
        SmsPolicy sms, VoicePolicy voice, CalltrackingPolicy calltracking, ReputationPolicy reputation, FormPolicy forms,
        SpamFilterPolicy spamFilter, RegulatedAccountsPolicy regulatedAccounts, DedicatedIpPolicy dedicatedIp, EvidencePolicy evidence,
        BillingPolicy billing) {

    public Policy {
        if (retention == null) retention = new Retention(null, null);
        if (hygiene == null) hygiene = new Hygiene(null, null, null, null);
        if (frequency == null) frequency = new Frequency(null);
        if (content == null) content = new Content(null, null, null, null, null, null, null, null);
        if (sendingHours == null) sendingHours = SendingHours.defaults();
        if (voice == null) voice = VoicePolicy.defaults();
        if (sms == null) sms = SmsPolicy.defaults();
        if (calltracking == null) calltracking = new CalltrackingPolicy(null, null);
        if (reputation == null) reputation = ReputationPolicy.defaults();
        if (forms == null) forms = FormPolicy.defaults();
        if (spamFilter == null) spamFilter = SpamFilterPolicy.defaults();
        if (regulatedAccounts == null) regulatedAccounts = RegulatedAccountsPolicy.defaults();
        if (dedicatedIp == null) dedicatedIp = DedicatedIpPolicy.defaults(); // issue 19
        if (evidence == null) evidence = EvidencePolicy.defaults();
        if (billing == null) billing = BillingPolicy.defaults(); // issue 19: monthly statements
        // a policy document written before the canvassing lexicon moved to the content section keeps its own
        // additions to voice.bannedCanvassing (as clear terms of content.canvassing)
        content = content.withLegacyCanvassing(voice.bannedCanvassing());
    }

    public static Policy defaults() {
        return new Policy(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * prospects' data is kept {@code prospectYears} from collection or their last own contact (a click
     * counts, an open does not); opt-out records are kept at least {@code optOutRecordYears}.
     */
    public record Retention(Integer prospectYears, Integer optOutRecordYears) {
        public Retention {
            if (prospectYears == null) prospectYears = 3;
            if (optOutRecordYears == null) optOutRecordYears = 3;
        }
    }

    /**
     * a contact is {@code inactive} on a channel when no person opened nor clicked for {@code inactiveMonths}
     * (3 to 6) although at least {@code minTrackedDeliveries} messages that could show it (open pixel or tracked
     * links) reached the address in that window; with fewer, or with only machine signals, its engagement is
     * unknown and inactivity alone never excludes it. A click less than {@code scannerClickSeconds} after the
     * message left, or a second link of one message clicked within {@code linkBurstSeconds}, is a scanner's
     * (which agents and networks are machines is the data file {@code feedback/machine-signals.json}).
     */
    public record Hygiene(Integer inactiveMonths, Integer minTrackedDeliveries, Integer scannerClickSeconds, Integer linkBurstSeconds) {
        public Hygiene {
            if (inactiveMonths == null) inactiveMonths = 6;
            if (minTrackedDeliveries == null) minTrackedDeliveries = 3;
            if (scannerClickSeconds == null) scannerClickSeconds = 5;
            if (linkBurstSeconds == null) linkBurstSeconds = 1;
        }

        public Hygiene(Integer inactiveMonths) {
            this(inactiveMonths, null, null, null);
        }
    }

    /** at most {@code marketingPerRecipientPer30Days} marketing messages per recipient per channel. */
    public record Frequency(Integer marketingPerRecipientPer30Days) {
        public Frequency {
            if (marketingPerRecipientPer30Days == null) marketingPerRecipientPer30Days = 2;
        }
    }

    /**
     * the content lexicons. Defaults come from {@code content/lexicon-default.json}.
     *
     * <p>{@code categories} is keyed by category id ({@code gambling}, {@code forex}, ...). A category given
     * in an update replaces the default's values it states ({@code fr}, {@code en}, {@code regulated},
     * {@code label}) and keeps the others; a category left out keeps its default; a new id adds a category
     * (prohibited unless {@code regulated: true}). Terms are matched on whole words with accents, case and
     * simple obfuscation folded; a term ending in {@code *} matches any word starting with it; a phrase in
     * {@code allowedPhrases} is never flagged (e.g. "pistolet a colle", "fait un tabac").
     * {@code promotionalPatterns} are regular expressions applied to the folded text (lower case, no
     * accents) of transactional messages.
     */
    public record Content(Map<String, Category> categories, List<String> allowedPhrases, Terms subjectSpamTerms,
            Terms promotionalTerms, List<String> promotionalPatterns, Shouting shouting, Integer subjectMaxLength,
            Category canvassing) {

        public Content(Map<String, Category> categories, List<String> allowedPhrases, Terms subjectSpamTerms,
                Terms promotionalTerms, List<String> promotionalPatterns, Shouting shouting, Integer subjectMaxLength) {
            this(categories, allowedPhrases, subjectSpamTerms, promotionalTerms, promotionalPatterns, shouting, subjectMaxLength, null);
        }

        public Content {
            LexiconDefaults.File d = LexiconDefaults.file();
            Map<String, Category> merged = new LinkedHashMap<>();
            Map<String, Category> given = categories == null ? Map.of() : categories;
            d.categories().forEach((id, def) -> merged.put(id, Category.over(def, given.get(id))));
            given.forEach((id, c) -> merged.putIfAbsent(id, Category.over(new Category(false, id, List.of(), List.of(), null, null, null), c)));
            categories = java.util.Collections.unmodifiableMap(merged);
            allowedPhrases = allowedPhrases == null ? d.allowedPhrases() : List.copyOf(allowedPhrases);
            subjectSpamTerms = Terms.over(d.subjectSpamTerms(), subjectSpamTerms);
            promotionalTerms = Terms.over(d.promotionalTerms(), promotionalTerms);
            promotionalPatterns = promotionalPatterns == null ? d.promotionalPatterns() : List.copyOf(promotionalPatterns);
            if (shouting == null) shouting = new Shouting(null, null, null, null, null);
            if (subjectMaxLength == null) subjectMaxLength = 150;
            canvassing = Category.over(d.canvassing(), canvassing);
        }

        /**
         * the terms of an old {@code voice.bannedCanvassing} list that this section does not know yet (an
         * operator's additions) become clear canvassing terms; the others are already classified here.
         */
        Content withLegacyCanvassing(List<String> legacy) {
            if (legacy == null || legacy.isEmpty()) return this;
            java.util.Set<String> known = new java.util.HashSet<>();
            for (String t : canvassing.all()) known.add(LexiconDefaults.key(t));
            for (String t : canvassing.ambiguous().all()) known.add(LexiconDefaults.key(t));
            for (String t : canvassing.context().all()) known.add(LexiconDefaults.key(t));
            List<String> extra = legacy.stream().filter(t -> t != null && !t.isBlank() && !known.contains(LexiconDefaults.key(t))).toList();
            if (extra.isEmpty()) return this;
            List<String> fr = new ArrayList<>(canvassing.fr());
            fr.addAll(extra);
            return new Content(categories, allowedPhrases, subjectSpamTerms, promotionalTerms, promotionalPatterns, shouting,
                    subjectMaxLength, new Category(canvassing.regulated(), canvassing.label(), fr, canvassing.en(), canvassing.ambiguous(),
                            canvassing.context(), canvassing.contextNeeded(), canvassing.ordinary()));
        }

        /** The categories the operator may allow for an approved (regulated) account. */
        public Set<String> regulatedCategories() {
            Set<String> r = new java.util.TreeSet<>();
            categories.forEach((id, c) -> { if (c.regulated()) r.add(id); });
            return r;
        }
    }

    /**
     * One R-11 theme. {@code fr} and {@code en} are its clear terms and phrases: one of them is enough to decide
     * (blocking, unless the account is approved for a regulated theme). {@code ambiguous} terms also have an
     * ordinary meaning (a brand, a place, an idiom: "casino", "tabac"): alone they hold the campaign for the
     * operator's review; with a clear term of the theme, or at least {@code contextNeeded} distinct {@code context}
     * terms of it, in the same message, they decide like a clear term. {@code ordinary} terms frame an ambiguous
     * term in its ordinary sense (prevention, security advice, news: "prévention", "never ask for your password"):
     * an ambiguous term that is not decided is not reported when the message has more distinct ordinary terms of the
     * theme than context terms of it. {@code regulated} ones are
     * allowed for approved accounts.
     */
    public record Category(Boolean regulated, String label, List<String> fr, List<String> en, Terms ambiguous, Terms context,
            Integer contextNeeded, Terms ordinary) {

        public Category(Boolean regulated, String label, List<String> fr, List<String> en, Terms ambiguous, Terms context,
                Integer contextNeeded) {
            this(regulated, label, fr, en, ambiguous, context, contextNeeded, null);
        }

        public Category {
            if (regulated == null) regulated = false;
            fr = fr == null ? null : List.copyOf(fr);
            en = en == null ? null : List.copyOf(en);
        }

        static Category over(Category def, Category given) {
            if (given == null) return new Category(def.regulated, def.label, def.fr == null ? List.of() : def.fr,
                    def.en == null ? List.of() : def.en, Terms.over(def.ambiguous, null), Terms.over(def.context, null),
                    def.contextNeeded == null ? 2 : def.contextNeeded, Terms.over(def.ordinary, null));
            return new Category(given.regulated == null ? def.regulated : given.regulated,
                    given.label == null ? def.label : given.label,
                    given.fr == null ? (def.fr == null ? List.of() : def.fr) : given.fr,
                    given.en == null ? (def.en == null ? List.of() : def.en) : given.en,
                    Terms.over(def.ambiguous, given.ambiguous), Terms.over(def.context, given.context),
                    given.contextNeeded != null ? given.contextNeeded : def.contextNeeded == null ? 2 : def.contextNeeded,
                    Terms.over(def.ordinary, given.ordinary));
        }

        /** The clear terms, French then English. */
        public List<String> all() {
            List<String> all = new ArrayList<>(fr);
            all.addAll(en);
            return all;
        }
    }

    /** A French and an English term list. */
    public record Terms(List<String> fr, List<String> en) {
        public Terms {
            fr = fr == null ? null : List.copyOf(fr);
            en = en == null ? null : List.copyOf(en);
        }

        static Terms over(Terms def, Terms given) {
            List<String> dfr = def == null || def.fr == null ? List.of() : def.fr;
            List<String> den = def == null || def.en == null ? List.of() : def.en;
            if (given == null) return new Terms(dfr, den);
            return new Terms(given.fr == null ? dfr : given.fr, given.en == null ? den : given.en);
        }

        public List<String> all() {
            List<String> all = new ArrayList<>(fr);
            all.addAll(en);
            return all;
        }
    }

    /**
     * R-12 shouting in a subject: more than {@code maxCapitalsShare} of its letters in capitals (counted
     * from {@code minLettersForCapitals} letters), more than {@code maxCapitalWords} words of 4+ letters all
     * in capitals, more than {@code maxExclamationMarks} '!' or more than {@code maxCurrencySigns} currency
     * signs.
     */
    public record Shouting(Double maxCapitalsShare, Integer minLettersForCapitals, Integer maxCapitalWords,
            Integer maxExclamationMarks, Integer maxCurrencySigns) {
        public Shouting {
            if (maxCapitalsShare == null) maxCapitalsShare = 0.5;
            if (minLettersForCapitals == null) minLettersForCapitals = 8;
            if (maxCapitalWords == null) maxCapitalWords = 2;
            if (maxExclamationMarks == null) maxExclamationMarks = 2;
            if (maxCurrencySigns == null) maxCurrencySigns = 2;
        }
    }

    /** The themes R-11 always prohibits: an operator may not make them regulated (approvable). */
    public static final Set<String> ALWAYS_PROHIBITED = Set.of("adult", "gambling", "weapons", "tobacco", "drugs",
            "hatred", "racism", "violence", "human-abuse", "illegal-activity", "premium-rate");

    /** The themes R-11 allows for an account the operator approved as regulated. */
    public static final Set<String> REGULATED = Set.of("politics", "piracy", "penny-stocks", "forex",
            "crypto-and-stock-advice", "payday-loans", "debt-collection", "clairvoyance", "lead-sales-affiliate",
            "surgery", "work-at-home", "real-estate");

    private void contentProblems(List<Violation> v) {
        for (String id : ALWAYS_PROHIBITED) {
            Category c = content.categories().get(id);
            if (c.regulated()) v.add(new Violation("content.categories." + id + ".regulated", "R-11",
                    "this theme is always prohibited (docs/RULES.md, R-11); it cannot be approved for an account"));
        }
        content.categories().forEach((id, c) -> {
            if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) v.add(new Violation("content.categories." + id, "R-11",
                    "a category id is lower-case letters, digits and hyphens"));
            if ((ALWAYS_PROHIBITED.contains(id) || REGULATED.contains(id)) && c.fr().isEmpty() && c.en().isEmpty()) {
                v.add(new Violation("content.categories." + id, "R-11", "a theme of R-11 (docs/RULES.md) needs at least one term"));
            }
            termProblems("content.categories." + id + ".fr", c.fr(), v);
            termProblems("content.categories." + id + ".en", c.en(), v);
            termProblems("content.categories." + id + ".ambiguous.fr", c.ambiguous().fr(), v);
            termProblems("content.categories." + id + ".ambiguous.en", c.ambiguous().en(), v);
            termProblems("content.categories." + id + ".context.fr", c.context().fr(), v);
            termProblems("content.categories." + id + ".context.en", c.context().en(), v);
            termProblems("content.categories." + id + ".ordinary.fr", c.ordinary().fr(), v);
            termProblems("content.categories." + id + ".ordinary.en", c.ordinary().en(), v);
            if (c.contextNeeded() < 1 || c.contextNeeded() > 10) {
                v.add(new Violation("content.categories." + id + ".contextNeeded", "R-11", "between 1 and 10 context terms"));
            }
        });
        Category x7 = content.canvassing();
        if (x7.fr().isEmpty() && x7.en().isEmpty()) {
            v.add(new Violation("content.canvassing", "X-7", "the energy-renovation and home-adaptation lexicon needs clear terms"));
        }
        termProblems("content.canvassing.fr", x7.fr(), v);
        termProblems("content.canvassing.en", x7.en(), v);
        termProblems("content.canvassing.ambiguous.fr", x7.ambiguous().fr(), v);
        termProblems("content.canvassing.ambiguous.en", x7.ambiguous().en(), v);
        termProblems("content.canvassing.context.fr", x7.context().fr(), v);
        termProblems("content.canvassing.context.en", x7.context().en(), v);
        termProblems("content.canvassing.ordinary.fr", x7.ordinary().fr(), v);
        termProblems("content.canvassing.ordinary.en", x7.ordinary().en(), v);
        if (x7.contextNeeded() < 1 || x7.contextNeeded() > 10) {
            v.add(new Violation("content.canvassing.contextNeeded", "X-7", "between 1 and 10 context terms"));
        }
        termProblems("content.allowedPhrases", content.allowedPhrases(), v);
        termProblems("content.subjectSpamTerms.fr", content.subjectSpamTerms().fr(), v);
        termProblems("content.subjectSpamTerms.en", content.subjectSpamTerms().en(), v);
        termProblems("content.promotionalTerms.fr", content.promotionalTerms().fr(), v);
        termProblems("content.promotionalTerms.en", content.promotionalTerms().en(), v);
        for (int i = 0; i < content.promotionalPatterns().size(); i++) {
            String p = content.promotionalPatterns().get(i);
            try {
                if (p == null || p.isBlank()) throw new PatternSyntaxException("empty", String.valueOf(p), 0);
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                v.add(new Violation("content.promotionalPatterns[" + i + "]", "R-1", "not a valid regular expression"));
            }
        }
        Shouting s = content.shouting();
        if (s.maxCapitalsShare() <= 0 || s.maxCapitalsShare() > 1) {
            v.add(new Violation("content.shouting.maxCapitalsShare", "R-12", "a share between 0 (excluded) and 1"));
        }
        if (s.minLettersForCapitals() < 1 || s.maxCapitalWords() < 0 || s.maxExclamationMarks() < 0 || s.maxCurrencySigns() < 0) {
            v.add(new Violation("content.shouting", "R-12", "counts are zero or more (minLettersForCapitals at least 1)"));
        }
        if (content.subjectMaxLength() < 30 || content.subjectMaxLength() > 998) {
            v.add(new Violation("content.subjectMaxLength", "R-12", "between 30 and 998 characters"));
        }
    }

    private static void termProblems(String field, List<String> terms, List<Violation> v) {
        for (int i = 0; i < terms.size(); i++) {
            String t = terms.get(i);
            if (t == null || t.isBlank() || t.length() > 100 || !t.codePoints().anyMatch(c -> Character.isLetterOrDigit(c) || c == '$' || c == '€' || c == '£')) {
                v.add(new Violation(field + "[" + i + "]", "R-11", "a term has 1 to 100 characters with a letter, digit or currency sign"));
            } else if (t.indexOf('*') >= 0 && (t.indexOf('*') != t.length() - 1 || t.strip().length() < 5 || t.contains(" "))) {
                v.add(new Violation(field + "[" + i + "]", "R-11",
                        "'*' only ends a single word of at least 4 letters (e.g. pornograph*)"));
            }
        }
    }

    /** Values outside what the rules allow. */
    public List<Violation> problems() {
        List<Violation> v = new ArrayList<>();
        if (retention.prospectYears() < 1 || retention.prospectYears() > 3) {
            v.add(new Violation("retention.prospectYears", "X-8", "prospects' data is kept at most 3 years (and at least 1)"));
        }
        if (retention.optOutRecordYears() < 3) {
            v.add(new Violation("retention.optOutRecordYears", "X-8", "opt-out records are kept at least 3 years"));
        }
        if (hygiene.inactiveMonths() < 3 || hygiene.inactiveMonths() > 6) {
            v.add(new Violation("hygiene.inactiveMonths", "R-8", "the inactivity window is 3 to 6 months"));
        }
        if (hygiene.minTrackedDeliveries() < 1 || hygiene.minTrackedDeliveries() > 50) {
            v.add(new Violation("hygiene.minTrackedDeliveries", "R-8", "between 1 and 50 tracked deliveries before a contact can be inactive"));
        }
        if (hygiene.scannerClickSeconds() < 0 || hygiene.scannerClickSeconds() > 600) {
            v.add(new Violation("hygiene.scannerClickSeconds", "R-8", "between 0 and 600 seconds"));
        }
        if (hygiene.linkBurstSeconds() < 0 || hygiene.linkBurstSeconds() > 60) {
            v.add(new Violation("hygiene.linkBurstSeconds", "R-8", "between 0 and 60 seconds"));
        }
        if (frequency.marketingPerRecipientPer30Days() < 1 || frequency.marketingPerRecipientPer30Days() > 30) {
            v.add(new Violation("frequency.marketingPerRecipientPer30Days", "R-12", "between 1 and 30"));
        }
        contentProblems(v);
        sendingHours.problems(v);
        voice.problems(v);
        sms.problems(v);
        calltracking.problems(v);
        reputation.problems(v);
        forms.problems(v);
        spamFilter.problems(v);
        regulatedAccounts.problems(v);
        dedicatedIp.problems(v);
        evidence.problems(v);
        billing.problems(v);
        return v;
    }
}
