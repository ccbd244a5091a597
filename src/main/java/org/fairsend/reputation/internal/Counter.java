package org.fairsend.reputation.internal;

/** The counters behind the indicators, in the order of their columns (see V20__reputation_core.sql). */
enum Counter {
    SENT("sent"), ATTEMPTED("attempted"), BLOCKED("blocked"), HARD("hard_bounces"), SOFT("soft_bounces"),
    COMPLAINTS("complaints"), UNSUBSCRIBES("unsubscribes"), CLICKS("clicks"), OPENS("opens"), SPAMTRAPS("spamtraps"),
    UNJUSTIFIED("unjustified");

    static final Counter[] ALL = values();
    static final int N = ALL.length;

    final String column;

    Counter(String column) {
        this.column = column;
    }

    static String columns() {
        StringBuilder s = new StringBuilder();
        for (Counter c : ALL) s.append(s.isEmpty() ? "" : ", ").append(c.column);
        return s.toString();
    }
}
