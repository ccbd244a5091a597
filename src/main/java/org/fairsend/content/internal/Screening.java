package org.fairsend.content.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairsend.content.Finding;
import org.fairsend.content.Severity;
import org.fairsend.policy.Policy;

/**
 * The one theme engine of every channel: email parts, SMS text and voice transcripts are folded
 * ({@link Folding}) and matched against the policy's themes and the energy-renovation / home-adaptation canvassing
 * lexicon. Per theme:
 * <ul>
 *   <li>a clear term or phrase decides: a blocking finding (a regulated theme is allowed for an approved account);
 *   <li>an ambiguous term (it also has an ordinary meaning: a brand, a place, an idiom) decides with a clear term of
 *       the same theme anywhere in the message, or with at least {@code contextNeeded} distinct context terms of it
 *       and fewer {@code ordinary} terms (prevention, security advice, news, fiction, a play) than context terms; with
 *       that much context and as much ordinary framing the theme is not clear: a {@code review} finding. Alone it is a
 *       {@code review} finding, the campaign held for the operator, unless the message frames it in its ordinary
 *       sense: more distinct ordinary terms of the theme than context terms, in which case it is not reported;
 *   <li>a match lying inside an allowed phrase of the policy, or inside an allowed term or name of the account, is
 *       not reported.
 * </ul>
 * Every finding lists the matched terms (and the context that decided) so the review desk can highlight them.
 * Pure and linear in the text's size: each word is looked up by its folded form.
 */
final class Screening {

    /** The tag of the canvassing lexicon (category ids are lower case, so it cannot clash with one). */
    static final String CANVASSING = "X-7";

    private final Map<String, Policy.Category> themes = new LinkedHashMap<>();
    private final Lexicon clear;
    private final Lexicon ambiguous;
    private final Lexicon context;
    private final Lexicon ordinary;

    Screening(Policy.Content policy) {
        themes.putAll(policy.categories());
        themes.put(CANVASSING, policy.canvassing());
        Map<String, List<String>> c = new LinkedHashMap<>(), a = new LinkedHashMap<>(), x = new LinkedHashMap<>(), o = new LinkedHashMap<>();
        themes.forEach((id, theme) -> {
            c.put(id, theme.all());
            a.put(id, theme.ambiguous().all());
            x.put(id, theme.context().all());
            o.put(id, theme.ordinary().all());
        });
        this.clear = new Lexicon(c, policy.allowedPhrases());
        this.ambiguous = new Lexicon(a, policy.allowedPhrases());
        this.context = new Lexicon(x, policy.allowedPhrases());
        this.ordinary = new Lexicon(o, List.of());
    }

    /** One message to screen: its parts (each a list of segments: alt texts, links), and its link hosts. */
    static final class Message {
        final Map<Finding.Location, List<List<Folding.Token>>> parts = new LinkedHashMap<>();
        final List<String> hosts = new ArrayList<>();

        Message part(Finding.Location location, String text) {
            parts.computeIfAbsent(location, l -> new ArrayList<>()).add(Folding.tokens(text == null ? "" : text));
            return this;
        }

        Message link(String href) {
            parts.computeIfAbsent(Finding.Location.LINK, l -> new ArrayList<>()).add(Folding.urlTokens(href));
            return this;
        }

        Message host(String host) {
            hosts.add(host);
            return this;
        }
    }

    /**
     * The findings of a message.
     *
     * @param approved the regulated themes the operator approved for the account
     * @param canvassing whether X-7 applies: every marketing message (a solicitation), on every channel
     * @param allowed the account's allowed terms and names
     * @param ownNames the account's legal and trade names: an ambiguous term inside one of them (the account's own
     *     brand, "Tabac de la Gare") is not reported, a clear term still is
     */
    List<Finding> screen(Message m, Set<String> approved, boolean canvassing, Lexicon.Phrases allowed, Lexicon.Phrases ownNames) {
        List<Finding> f = new ArrayList<>();
        Set<String> ok = approved == null ? Set.of() : approved;
        // per theme the decisions do not depend on the other themes' approval: decide as if none were approved, then an
        // approved regulated theme that would block is an info line naming the theme (issue 19: the campaign shows the
        // approval it relies on), and its ambiguous terms are not reported
        for (Decision d : decide(m, Set.of(), canvassing, allowed, ownNames)) {
            Policy.Category c = themes.get(d.theme());
            if (!d.theme().equals(CANVASSING) && c.regulated() && ok.contains(d.theme())) {
                if (d.severity() == Severity.BLOCKING) f.add(approvedTheme(d));
            } else {
                f.add(d.finding());
            }
        }
        return f;
    }

    /** What the engine decided about one theme at one location: blocking or review, the matched terms, why. */
    record Decision(Finding.Location location, String theme, Severity severity, Set<String> terms, Set<String> context, String how,
            Screening screening) {
        Finding finding() {
            return severity == Severity.REVIEW ? screening.review(location, theme, terms, context)
                    : screening.decided(location, theme, terms, how);
        }
    }

    /** The decisions of the engine, by location and theme, in order of location. */
    List<Decision> decide(Message m, Set<String> approved, boolean canvassing, Lexicon.Phrases allowed, Lexicon.Phrases ownNames) {
        Set<String> ok = approved == null ? Set.of() : approved;
        Map<Finding.Location, Map<String, Set<String>>> clearAt = new LinkedHashMap<>();
        Map<Finding.Location, Map<String, Set<String>>> unclearAt = new LinkedHashMap<>();
        Map<String, Set<String>> contextInMessage = new LinkedHashMap<>();
        Map<String, Set<String>> ordinaryInMessage = new LinkedHashMap<>();
        m.parts.forEach((location, segments) -> {
            for (List<Folding.Token> tokens : segments) {
                add(clearAt, location, clear.match(tokens, allowed));
                add(unclearAt, location, ambiguous.match(tokens, allowed, ownNames));
                context.match(tokens, allowed).forEach((id, terms) -> contextInMessage.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(terms));
                ordinary.match(tokens).forEach((id, terms) -> ordinaryInMessage.computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(terms));
            }
        });
        for (String h : m.hosts) {
            // terms run together in a host name (casinoroyal.example): clear ones decide, ambiguous ones as in a text
            add(clearAt, Finding.Location.LINK, clear.matchInHost(h, allowed));
            add(unclearAt, Finding.Location.LINK, ambiguous.matchInHost(h, allowed));
        }
        Set<String> clearInMessage = new LinkedHashSet<>();
        clearAt.values().forEach(byTheme -> clearInMessage.addAll(byTheme.keySet()));
        // an ambiguous term decided by the theme's clear terms joins the finding of its location
        Map<Finding.Location, Map<String, Set<String>>> decidedAt = new LinkedHashMap<>();
        Map<Finding.Location, Map<String, String>> howAt = new LinkedHashMap<>();
        List<Decision> reviews = new ArrayList<>();
        Set<Finding.Location> locations = new LinkedHashSet<>(clearAt.keySet());
        locations.addAll(unclearAt.keySet());
        for (Finding.Location location : Finding.Location.values()) {
            if (!locations.contains(location)) continue;
            Map<String, Set<String>> clearHere = clearAt.getOrDefault(location, Map.of());
            clearHere.forEach((id, terms) -> {
                if (applies(id, ok, canvassing)) add(decidedAt, location, Map.of(id, terms));
            });
            unclearAt.getOrDefault(location, Map.of()).forEach((id, terms) -> {
                if (!applies(id, ok, canvassing)) return;
                Policy.Category theme = themes.get(id);
                Set<String> ctx = contextInMessage.getOrDefault(id, Set.of());
                if (clearHere.containsKey(id)) {
                    add(decidedAt, location, Map.of(id, terms));
                } else if (clearInMessage.contains(id)) {
                    add(decidedAt, location, Map.of(id, terms));
                    howAt.computeIfAbsent(location, l -> new LinkedHashMap<>()).put(id, ", with other terms of the theme in the message");
                } else if (ctx.size() >= theme.contextNeeded() && ordinaryInMessage.getOrDefault(id, Set.of()).size() < ctx.size()) {
                    Set<String> all = new LinkedHashSet<>(terms);
                    all.addAll(ctx);
                    add(decidedAt, location, Map.of(id, all));
                    howAt.computeIfAbsent(location, l -> new LinkedHashMap<>()).put(id, " (in context: " + String.join(", ", ctx) + ")");
                } else if (ctx.size() < theme.contextNeeded() && ordinaryInMessage.getOrDefault(id, Set.of()).size() > ctx.size()) {
                    // the message frames the word in its ordinary sense (prevention, security advice, news, fiction) more
                    // than anything around it points to the theme: not reported
                } else {
                    Set<String> all = new LinkedHashSet<>(terms);
                    all.addAll(ctx);
                    reviews.add(new Decision(location, id, Severity.REVIEW, all, ctx, "", this));
                }
            });
        }
        List<Decision> out = new ArrayList<>();
        decidedAt.forEach((location, byTheme) -> byTheme.forEach((id, terms) -> out.add(new Decision(location, id, Severity.BLOCKING, terms,
                Set.of(), howAt.getOrDefault(location, Map.of()).getOrDefault(id, ""), this))));
        out.addAll(reviews);
        return out;
    }

    /** The account's legal and trade names as phrases (an ambiguous term inside them is the account's own brand). */
    static Lexicon.Phrases names(Set<String> senderNames) {
        if (senderNames == null || senderNames.isEmpty()) return Lexicon.Phrases.NONE;
        return new Lexicon.Phrases(senderNames.stream().filter(n -> n != null && !n.isBlank()).toList());
    }

    private boolean applies(String id, Set<String> approved, boolean canvassing) {
        if (id.equals(CANVASSING)) return canvassing;
        Policy.Category c = themes.get(id);
        return !(c.regulated() && approved.contains(id));
    }

    private Finding approvedTheme(Decision d) {
        Policy.Category c = themes.get(d.theme());
        return new Finding(Finding.REGULATED_APPROVAL, Severity.INFO, d.location(), d.location().phrase() + " touches a regulated theme ("
                + c.label() + ") this account is approved for: " + String.join(", ", d.terms()) + d.how() + ".", null, List.copyOf(d.terms()),
                d.theme());
    }

    private Finding decided(Finding.Location location, String id, Set<String> terms, String how) {
        Policy.Category c = themes.get(id);
        String list = String.join(", ", terms);
        if (id.equals(CANVASSING)) {
            return new Finding("X-7", Severity.BLOCKING, location, location.phrase() + " is " + c.label() + ", banned on every channel: "
                    + list + how + ".", "Remove this content: energy-renovation and home-adaptation canvassing cannot be sent by any account.",
                    List.copyOf(terms));
        }
        if (!c.regulated()) {
            return new Finding("R-11", Severity.BLOCKING, location, location.phrase() + " touches a prohibited theme (" + c.label() + "): "
                    + list + how + ".", "Remove this content: Fairsend refuses " + c.label() + " for every account.", List.copyOf(terms), id);
        }
        return new Finding("R-11", Severity.BLOCKING, location, location.phrase() + " touches a regulated theme (" + c.label()
                + ") this account is not approved for: " + list + how + ".",
                "Remove this content, or apply for the regulated theme '" + id
                        + "' with the licence or registration it requires (console: Regulated; API: POST /api/regulated/applications).",
                List.copyOf(terms), id);
    }

    private Finding review(Finding.Location location, String id, Set<String> all, Set<String> ctx) {
        Policy.Category c = themes.get(id);
        Set<String> terms = new LinkedHashSet<>(all);
        terms.removeAll(ctx);
        String what = id.equals(CANVASSING) ? c.label() + " (X-7)"
                : (c.regulated() ? "a regulated" : "a prohibited") + " theme (" + c.label() + ")";
        return Finding.review(id.equals(CANVASSING) ? "X-7" : "R-11", location, location.phrase() + " may touch " + what + ": "
                + String.join(", ", terms) + (ctx.isEmpty() ? "" : " (context: " + String.join(", ", ctx) + ")")
                + ". The words also have an ordinary meaning: the operator reviews the campaign before it goes out.",
                "Nothing to do if the words mean something ordinary here (a brand, a place, an expression); otherwise remove this content."
                        + " A brand or name of yours that contains the word can be added to your allowed terms by the operator.",
                List.copyOf(all));
    }

    private static void add(Map<Finding.Location, Map<String, Set<String>>> into, Finding.Location location, Map<String, Set<String>> found) {
        if (found.isEmpty()) return;
        found.forEach((id, terms) -> into.computeIfAbsent(location, l -> new LinkedHashMap<>())
                .computeIfAbsent(id, k -> new LinkedHashSet<>()).addAll(terms));
    }
}
