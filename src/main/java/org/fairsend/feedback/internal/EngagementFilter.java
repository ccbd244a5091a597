package org.fairsend.feedback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.fairsend.delivery.SentMessage;
import org.fairsend.feedback.EngagementClass;
import org.fairsend.feedback.EngagementType;
import org.fairsend.policy.Policy;
import org.fairsend.policy.PolicyService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells a person's open or click from a machine's, from what the request shows: its method, user agent and
 * client address, matched against the data file {@code feedback/machine-signals.json} (mail privacy proxies,
 * security scanners, HTTP libraries; each entry says whether its fetches are a person's: Gmail's image proxy fetches
 * when the reader opens, Apple Mail Privacy Protection prefetches whether or not the mail is read), and for clicks
 * the timing in the policy's hygiene section (a click within {@code scannerClickSeconds} of the message leaving,
 * several links of one message followed within {@code linkBurstSeconds}). Every event is recorded with its verdict;
 * only a person's counts.
 */
@Component
class EngagementFilter {

    /** The verdict on one event: who it came from and the signal (data-file entry or timing rule) that said so. */
    record Verdict(EngagementClass cls, String signal) {
        boolean human() {
            return cls == EngagementClass.HUMAN;
        }
    }

    /** One entry of the data file. */
    record Agent(String name, String verdict, List<String> events, List<String> userAgentContains, List<String> userAgentExact,
            Boolean emptyUserAgent, List<String> methods, List<String> networks, String note) {}

    record Signals(String about, List<Agent> agents) {}

    record Compiled(Agent agent, EngagementClass cls, List<Cidr> networks) {}

    static final String DATA = "feedback/machine-signals.json";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PolicyService policies;
    private final List<Compiled> agents;

    EngagementFilter(JdbcClient jdbc, Clock clock, PolicyService policies) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.policies = policies;
        this.agents = load();
    }

    static List<Compiled> load() {
        try (InputStream in = EngagementFilter.class.getClassLoader().getResourceAsStream(DATA)) {
            if (in == null) throw new IllegalStateException(DATA + " is missing from the class path");
            Signals s = JsonMapper.builder().build().readValue(in, Signals.class);
            return s.agents().stream().map(a -> new Compiled(a, EngagementClass.of(a.verdict()),
                    a.networks() == null ? List.of() : a.networks().stream().map(Cidr::parse).toList())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data file's verdict, or null when no entry matches. */
    private Verdict agent(EngagementType type, String ip, String userAgent, String method) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT).strip();
        InetAddress address = literal(ip);
        for (Compiled c : agents) {
            Agent a = c.agent();
            if (a.events() != null && !a.events().contains(type.code())) continue;
            boolean match = (Boolean.TRUE.equals(a.emptyUserAgent()) && ua.isEmpty())
                    || (a.methods() != null && method != null && a.methods().stream().anyMatch(method::equalsIgnoreCase))
                    || (!ua.isEmpty() && a.userAgentExact() != null && a.userAgentExact().contains(ua))
                    || (!ua.isEmpty() && a.userAgentContains() != null && a.userAgentContains().stream().anyMatch(ua::contains))
                    || (address != null && c.networks().stream().anyMatch(n -> n.contains(address)));
            if (match) return new Verdict(c.cls(), a.name());
        }
        return null;
    }

    /** Who loaded the open pixel. */
    Verdict open(String ip, String userAgent, String method) {
        Verdict v = agent(EngagementType.OPEN, ip, userAgent, method);
        return v != null ? v : new Verdict(EngagementClass.HUMAN, null);
    }

    /** Who followed a tracked link of the message. */
    Verdict click(SentMessage m, String target, String ip, String userAgent, String method) {
        Verdict v = agent(EngagementType.CLICK, ip, userAgent, method);
        if (v != null && !v.human()) return v;
        Policy.Hygiene h = policies.current().policy().hygiene();
        Instant now = clock.instant();
        if (m.sentAt() != null && now.isBefore(m.sentAt().plusSeconds(h.scannerClickSeconds()))) {
            return new Verdict(EngagementClass.MACHINE, "too-fast");
        }
        if (h.linkBurstSeconds() > 0) {
            long otherLinks = jdbc.sql("""
                    select count(distinct target) from engagement
                    where message_id = ? and event_type = 'click' and occurred_at >= ? and target <> ?""")
                    .params(m.id(), Timestamp.from(now.minusSeconds(h.linkBurstSeconds())), target == null ? "" : target)
                    .query(Long.class).single();
            if (otherLinks >= 1) return new Verdict(EngagementClass.MACHINE, "link-burst");
        }
        return v != null ? v : new Verdict(EngagementClass.HUMAN, null);
    }

    private static final java.util.regex.Pattern V4 = java.util.regex.Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final java.util.regex.Pattern V6 = java.util.regex.Pattern.compile("^[0-9a-fA-F:.]{2,45}$");

    /** The client address when it is an IP literal (never resolved through DNS); IPv4-mapped IPv6 becomes IPv4. */
    private static InetAddress literal(String ip) {
        if (ip == null) return null;
        String t = ip.strip();
        if (!V4.matcher(t).matches() && !(t.contains(":") && V6.matcher(t).matches())) return null;
        try {
            return InetAddress.getByName(t); // a literal: no look-up
        } catch (Exception e) {
            return null;
        }
    }
}
