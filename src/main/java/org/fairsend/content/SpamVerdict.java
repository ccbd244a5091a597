package org.fairsend.content;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the platform's spam filter concluded about one message ({@link SpamFilter}): scored (the score, the policy's
 * threshold and the rules that hit), or not run (and why). Its {@link #finding} is the preflight's line, rule
 * {@code spam-filter}: blocking at or above the threshold, an {@code info} line with the score and the rules below it,
 * a warning when the check did not run.
 */
public sealed interface SpamVerdict {

    String RULE = "spam-filter";

    /** The preflight finding; {@code sample} says which message was scored (e.g. "the message as a@b.example gets it"). */
    Finding finding(String sample);

    /** A rule of the filter that hit: its name (an Rspamd symbol), its score, its description and options when given. */
    record Hit(String rule, double score, String description, List<String> options) {
        public Hit {
            options = options == null ? List.of() : List.copyOf(options);
        }

        @Override
        public String toString() {
            return rule + " " + String.format(Locale.ROOT, "%+.2f", score);
        }
    }

    /**
     * The filter scored the message.
     *
     * @param action the filter's own action at its own thresholds (Rspamd: {@code no action}, {@code add header},
     *     {@code reject}, ...), shown for information: the policy's threshold decides
     * @param messages what the filter said besides its rules (Rspamd's {@code smtp_message}, e.g. "Gtube pattern")
     */
    record Scored(double score, double threshold, List<Hit> hits, String action, List<String> messages) implements SpamVerdict {
        public Scored {
            hits = hits.stream().sorted(Comparator.comparingDouble((Hit h) -> -Math.abs(h.score())).thenComparing(Hit::rule)).toList();
            messages = messages == null ? List.of() : List.copyOf(messages);
        }

        /** At or above the policy's threshold: the campaign is blocked. */
        public boolean spam() {
            return score >= threshold;
        }

        /** The rules that weigh (a non-zero score), or every rule when none does (a forced verdict, e.g. GTUBE). */
        public List<Hit> weighing() {
            List<Hit> w = hits.stream().filter(h -> h.score() != 0).toList();
            return w.isEmpty() ? hits : w;
        }

        @Override
        public Finding finding(String sample) {
            String rules = weighing().isEmpty() ? "no rule" : String.join(", ", weighing().stream().map(Hit::toString).toList());
            String said = messages.isEmpty() ? "" : " (" + String.join("; ", messages) + ")";
            String head = String.format(Locale.ROOT, "the spam filter scores %s %.2f against the threshold %.2f", sample, score, threshold);
            List<String> terms = hits.stream().map(Hit::toString).toList();
            if (spam()) {
                return new Finding(RULE, Severity.BLOCKING, Finding.Location.MESSAGE, head + ": detected as spam" + said + "; rules that hit: " + rules,
                        "rework what these rules point at (wording, links, images against text, headers) until the score is under "
                                + String.format(Locale.ROOT, "%.2f", threshold), terms);
            }
            return Finding.info(RULE, Finding.Location.MESSAGE, head + ": passes" + said + "; rules that hit: " + rules, terms);
        }
    }

    /** The check did not run: no filter configured, the filter unreachable or too slow, or no sample to score. */
    record NotRun(String why) implements SpamVerdict {
        @Override
        public Finding finding(String sample) {
            return Finding.warning(RULE, Finding.Location.MESSAGE, "the spam-filter check did not run (" + why + "): the campaign's score is unknown",
                    "configure the platform's spam filter (fairsend.spam-filter.url, README: production set-up) or make it reachable, then run the preflight again");
        }
    }
}
