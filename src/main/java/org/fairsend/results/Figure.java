package org.fairsend.results;

/**
 * One figure of a campaign's results, with its rate and the denominator that rate is over, named.
 *
 * @param key stable code (API, CSV): recipients, sent, delivered, blocked, failed, pending, bounced_hard, bounced_soft,
 *     complaints, unsubscribes, opened_people, opened_machines, clicked_people, clicked_machines, undelivered,
 *     awaiting_receipt, no_voicemail, call_failed, opted_out, awaiting_outcome
 * @param label what a person reads
 * @param rate value / denominator, a fraction between 0 and 1 rounded to 4 decimals; null when there is no
 *     denominator (the figure is itself the base) or it is zero
 * @param denominator the key of the figure the rate is over (null for none)
 * @param denominatorValue that figure's value
 * @param meaning what is counted, and what is not
 * (null rate and denominator are written as null, never left out: a client sees there is none)
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record Figure(String key, String label, long value, Double rate, String denominator, Long denominatorValue, String meaning) {

    /** A figure with its rate over {@code of} (a figure already computed). */
    public static Figure over(String key, String label, long value, Figure of, String meaning) {
        return new Figure(key, label, value, rate(value, of.value()), of.key(), of.value(), meaning);
    }

    /** A base figure (no rate). */
    public static Figure base(String key, String label, long value, String meaning) {
        return new Figure(key, label, value, null, null, null, meaning);
    }

    /** {@code value / of}, 4 decimals; null when {@code of} is 0. */
    public static Double rate(long value, long of) {
        return of <= 0 ? null : Math.round(value * 10_000.0 / of) / 10_000.0;
    }
}
