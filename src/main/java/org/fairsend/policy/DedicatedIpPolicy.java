package org.fairsend.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairsend.platform.RuleViolation.Violation;

/**
 * Dedicated sending IPs (issue 19): how a newly assigned address is warmed up. Mailbox providers judge a new IP by
 * its first weeks, so while an account's dedicated address warms up, its email goes through it up to a daily cap per
 * provider, and the rest leaves through the platform's shared addresses the same day (it is sent, not delayed).
 *
 * @param providers mailbox providers by name, each with the recipient domains that are its own ({@code gmail} →
 *     gmail.com, googlemail.com); a domain of no provider counts as {@link #OTHER}
 * @param warmup the plan: its steps, each from a day of the plan (1 = the day the warm-up starts) with the daily caps per
 *     provider from that day on; a provider a step does not name, and every provider after {@code days}, has no cap
 * @param days the plan's length: from day {@code days + 1} the address is warm and carries all the account's email
 */
public record DedicatedIpPolicy(Map<String, List<String>> providers, List<WarmupStep> warmup, Integer days) {

    /** The provider of every recipient domain that no other provider names. */
    public static final String OTHER = "other";

    /** From day {@code fromDay} of the plan, at most {@code caps.get(provider)} messages per provider and day through the dedicated address. */
    public record WarmupStep(Integer fromDay, Map<String, Integer> caps) {
        public WarmupStep {
            caps = caps == null ? Map.of() : Map.copyOf(caps);
        }
    }

    public DedicatedIpPolicy {
        if (providers == null) providers = defaultProviders();
        Map<String, List<String>> p = new LinkedHashMap<>();
        providers.forEach((name, domains) -> p.put(name == null ? "" : name.strip().toLowerCase(Locale.ROOT),
                domains == null ? List.of() : domains.stream().map(d -> d == null ? "" : d.strip().toLowerCase(Locale.ROOT)).toList()));
        providers = java.util.Collections.unmodifiableMap(p);
        if (warmup == null) warmup = defaultPlan();
        warmup = List.copyOf(warmup);
        if (days == null) days = 42;
    }

    public static DedicatedIpPolicy defaults() {
        return new DedicatedIpPolicy(null, null, null);
    }

    /** The provider a recipient domain belongs to ({@link #OTHER} when none names it). */
    public String providerOf(String recipientDomain) {
        String d = recipientDomain == null ? "" : recipientDomain.strip().toLowerCase(Locale.ROOT);
        for (var e : providers.entrySet()) if (e.getValue().contains(d)) return e.getKey();
        return OTHER;
    }

    /** Every provider name, {@link #OTHER} last. */
    public List<String> providerNames() {
        List<String> names = new ArrayList<>(providers.keySet());
        names.remove(OTHER);
        names.add(OTHER);
        return names;
    }

    /** The cap of {@code provider} on day {@code day} of the plan (1-based); null: no cap (after the plan, or not named). */
    public Integer capOn(int day, String provider) {
        if (day > days) return null;
        WarmupStep current = null;
        for (WarmupStep s : warmup) if (s.fromDay() != null && s.fromDay() <= day) current = s;
        return current == null ? null : current.caps().get(provider);
    }

    void problems(List<Violation> v) {
        if (days < 1 || days > 366) v.add(new Violation("dedicatedIp.days", "dedicated-ip", "the warm-up lasts 1 to 366 days"));
        Map<String, String> owner = new HashMap<>();
        providers.forEach((name, domains) -> {
            if (!name.matches("[a-z0-9-]{1,40}")) {
                v.add(new Violation("dedicatedIp.providers", "dedicated-ip", "a provider name is 1 to 40 lower-case letters, digits or '-': " + name));
            }
            for (String d : domains) {
                if (!d.matches("[a-z0-9.-]{1,253}") || !d.contains(".")) {
                    v.add(new Violation("dedicatedIp.providers." + name, "dedicated-ip", "not a domain name: " + d));
                } else if (owner.putIfAbsent(d, name) != null && !owner.get(d).equals(name)) {
                    v.add(new Violation("dedicatedIp.providers." + name, "dedicated-ip", d + " is already a domain of " + owner.get(d)));
                }
            }
        });
        int last = 0;
        for (int i = 0; i < warmup.size(); i++) {
            WarmupStep s = warmup.get(i);
            String f = "dedicatedIp.warmup[" + i + "]";
            if (s.fromDay() == null || s.fromDay() <= last) {
                v.add(new Violation(f + ".fromDay", "dedicated-ip", "steps start on day 1 and follow in order of their day"));
                continue;
            }
            if (i == 0 && s.fromDay() != 1) v.add(new Violation(f + ".fromDay", "dedicated-ip", "the first step starts on day 1"));
            last = s.fromDay();
            s.caps().forEach((provider, cap) -> {
                if (!OTHER.equals(provider) && !providers.containsKey(provider)) {
                    v.add(new Violation(f + ".caps." + provider, "dedicated-ip", "no such provider: " + provider));
                }
                if (cap == null || cap < 0) v.add(new Violation(f + ".caps." + provider, "dedicated-ip", "a cap is 0 or more"));
            });
        }
        if (last > days) v.add(new Violation("dedicatedIp.days", "dedicated-ip", "the plan's last step starts after its last day"));
    }

    private static Map<String, List<String>> defaultProviders() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("gmail", List.of("gmail.com", "googlemail.com"));
        p.put("microsoft", List.of("outlook.com", "outlook.fr", "hotmail.com", "hotmail.fr", "live.com", "live.fr", "msn.com"));
        p.put("yahoo", List.of("yahoo.com", "yahoo.fr", "ymail.com", "aol.com", "aol.fr"));
        p.put("orange", List.of("orange.fr", "wanadoo.fr"));
        p.put("free", List.of("free.fr", "aliceadsl.fr"));
        return p;
    }

    /** Six weeks: a few dozen a day per provider at first, doubling over the first week, then growing week by week. */
    private static List<WarmupStep> defaultPlan() {
        int[][] steps = {{1, 50}, {2, 100}, {3, 200}, {4, 400}, {5, 700}, {6, 1000}, {8, 2000}, {15, 5000}, {22, 10000}, {29, 20000},
            {36, 40000}};
        List<WarmupStep> plan = new ArrayList<>();
        for (int[] s : steps) {
            // the French ISPs take a new address more slowly than the big international ones: half their cap
            Map<String, Integer> caps = new LinkedHashMap<>();
            caps.put("gmail", s[1]);
            caps.put("microsoft", s[1]);
            caps.put("yahoo", s[1]);
            caps.put("orange", Math.max(25, s[1] / 2));
            caps.put("free", Math.max(25, s[1] / 2));
            caps.put(OTHER, s[1] * 2);
            plan.add(new WarmupStep(s[0], caps));
        }
        return plan;
    }
}
