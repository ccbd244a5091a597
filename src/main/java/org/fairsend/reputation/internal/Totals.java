package org.fairsend.reputation.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A snapshot of the counters of a campaign or of an account's day. */
record Totals(long[] values) {

    static final Totals ZERO = new Totals(new long[Counter.N]);

    long get(Counter c) {
        return values[c.ordinal()];
    }

    long sent() { return get(Counter.SENT); }
    long attempted() { return get(Counter.ATTEMPTED); }
    long blocked() { return get(Counter.BLOCKED); }
    long hard() { return get(Counter.HARD); }
    long complaints() { return get(Counter.COMPLAINTS); }
    long unsubscribes() { return get(Counter.UNSUBSCRIBES); }
    long clicks() { return get(Counter.CLICKS); }
    long spamtraps() { return get(Counter.SPAMTRAPS); }
    long unjustified() { return get(Counter.UNJUSTIFIED); }

    Totals plus(Totals o) {
        long[] v = values.clone();
        for (int i = 0; i < v.length; i++) v[i] += o.values[i];
        return new Totals(v);
    }

    Totals minus(Totals o) {
        long[] v = values.clone();
        for (int i = 0; i < v.length; i++) v[i] -= o.values[i];
        return new Totals(v);
    }

    boolean isZero() {
        for (long v : values) if (v != 0) return false;
        return true;
    }

    /** The counters by column name, for the API. */
    Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Counter c : Counter.ALL) m.put(camel(c.column), values[c.ordinal()]);
        return m;
    }

    static String camel(String column) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') up = true;
            else { s.append(up ? Character.toUpperCase(ch) : ch); up = false; }
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Totals t && java.util.Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
