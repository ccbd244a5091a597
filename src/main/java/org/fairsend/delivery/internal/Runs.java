package org.fairsend.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Throttles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The delivery runs (one per started campaign) and their state, kept in the database and mirrored in
 * memory so the gate reads a pause, cancel or suspension without a query. A state change made on this
 * node is visible to its gate at once; other nodes' changes on the next refresh.
 */
@Component
class Runs {

    /** A run as the engine uses it. */
    static final class Run {
        final UUID campaignId;
        final UUID accountId;
        final Channel channel;
        final boolean marketing;
        final String label;
        final MessageTemplate template;
        final Integer throttlePerMinute;
        /** What the campaign is about (a topic key, X-8), or null. */
        final String topic;
        volatile RunState state;
        volatile long version;
        private volatile ChannelRenderer.Compiled compiled;
        private volatile RateLimiter throttle;
        private final Throttles throttles;

        Run(UUID campaignId, UUID accountId, Channel channel, boolean marketing, String label, MessageTemplate template,
                Integer throttlePerMinute, String topic, RunState state, long version, Throttles throttles) {
            this.throttles = throttles;
            this.topic = topic;
            this.campaignId = campaignId;
            this.accountId = accountId;
            this.channel = channel;
            this.marketing = marketing;
            this.label = label;
            this.template = template;
            this.throttlePerMinute = throttlePerMinute;
            this.state = state;
            this.version = version;
        }

        /** The template compiled once for the whole run by its channel's renderer. */
        ChannelRenderer.Compiled compiled(Function<MessageTemplate, ChannelRenderer.Compiled> compiler) {
            ChannelRenderer.Compiled c = compiled;
            if (c == null) compiled = c = compiler.apply(template);
            return c;
        }

        /** The campaign's throttle, shared by every node sending the run (issue 18), or null when it has none. */
        RateLimiter throttle() {
            if (throttlePerMinute == null || throttlePerMinute <= 0) return null;
            RateLimiter t = throttle;
            if (t == null) throttle = t = new RateLimiter(throttles, "run:" + campaignId, Throttles.Rate.perMinute(throttlePerMinute));
            return t;
        }

        boolean active() {
            return state == RunState.ACTIVE;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    private final Throttles throttles;

    Runs(JdbcClient jdbc, Clock clock, Throttles throttles) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.throttles = throttles;
    }

    /** The shared paces (issue 18): the runs' throttles, and the engine's per-account rate. */
    Throttles throttles() {
        return throttles;
    }

    void create(UUID campaignId, UUID accountId, Channel channel, boolean marketing, String label, MessageTemplate template,
            Integer throttlePerMinute, String topic) {
        jdbc.sql("""
                insert into delivery_run (campaign_id, account_id, channel, kind, label, subject, sender, state, template,
                    throttle_per_minute, topic, trackable, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'preparing', ?, ?, ?, ?, ?)""")
                .params(campaignId, accountId, channel.code(), marketing ? "marketing" : "transactional", label,
                        template.summary(), template.senderLabel(), TemplateJson.write(template),
                        throttlePerMinute, topic, trackable(marketing, template), Timestamp.from(clock.instant()))
                .update();
    }

    /** whether the run's messages can show a person's open (marketing HTML email with the open pixel). */
    static boolean trackable(boolean marketing, MessageTemplate template) {
        return marketing && template instanceof org.fairsend.delivery.EmailTemplate e && e.trackOpens() && e.html() != null
                && !e.html().isBlank();
    }

    /**
     * Changes a run's state. This node's gate sees it at once (before the change commits); the version
     * keeps a concurrent refresh, which may still read the previous committed state, from undoing it.
     */
    void setState(UUID campaignId, RunState state) {
        jdbc.sql("update delivery_run set state = ?, state_version = state_version + 1, updated_at = ? where campaign_id = ?")
                .params(state.code(), Timestamp.from(clock.instant()), campaignId).update();
        long version = jdbc.sql("select state_version from delivery_run where campaign_id = ?").param(campaignId)
                .query(Long.class).single();
        Run r = runs.get(campaignId);
        if (r != null) apply(r, state, version);
    }

    /**
     * Stops this node's gate from letting an active run's messages out, at once and in memory (no database round
     * trip); the pause, suspension or cancel that follows records it. The local version is advanced to the one that
     * record will have, so a refresh reading the previous committed state cannot undo the stop meanwhile.
     */
    void haltLocally(UUID campaignId) {
        Run r = runs.get(campaignId);
        if (r == null) return;
        synchronized (r) {
            if (r.active()) {
                r.state = RunState.PAUSED;
                r.version = r.version + 1;
            }
        }
    }

    private static void apply(Run r, RunState state, long version) {
        synchronized (r) {
            if (version >= r.version) {
                r.state = state;
                r.version = version;
            }
        }
    }

    /** Marks an active run done; false when another worker did it first. */
    boolean finish(UUID campaignId) {
        int n = jdbc.sql("update delivery_run set state = 'done', state_version = state_version + 1, updated_at = ? where campaign_id = ? and state = 'active'")
                .params(Timestamp.from(clock.instant()), campaignId).update();
        Run r = runs.get(campaignId);
        if (r != null && n > 0) r.state = RunState.DONE;
        return n > 0;
    }

    void setTotal(UUID campaignId, long total) {
        jdbc.sql("update delivery_run set total = ? where campaign_id = ?").params(total, campaignId).update();
    }

    Optional<Run> get(UUID campaignId) {
        Run r = runs.get(campaignId);
        if (r != null) return Optional.of(r);
        return load(campaignId).map(x -> {
            runs.put(campaignId, x);
            return x;
        });
    }

    Optional<RunState> state(UUID campaignId) {
        return jdbc.sql("select state from delivery_run where campaign_id = ?").param(campaignId).query(String.class).optional()
                .map(RunState::of);
    }

    /** Re-reads the runs' states (other nodes' decisions) and returns the active ones. */
    List<Run> refreshActive() {
        record State(RunState state, long version) {}
        Map<UUID, State> states = new java.util.HashMap<>();
        jdbc.sql("select campaign_id, state, state_version from delivery_run where state in ('active', 'paused', 'preparing')")
                .query((rs, n) -> states.put(rs.getObject(1, UUID.class), new State(RunState.of(rs.getString(2)), rs.getLong(3)))).list();
        runs.forEach((id, r) -> {
            if (!states.containsKey(id)) {
                jdbc.sql("select state, state_version from delivery_run where campaign_id = ?").param(id)
                        .query((rs, n) -> new State(RunState.of(rs.getString(1)), rs.getLong(2))).optional()
                        .ifPresent(s -> apply(r, s.state(), s.version()));
            }
        });
        states.forEach((id, s) -> get(id).ifPresent(r -> apply(r, s.state(), s.version())));
        runs.entrySet().removeIf(e -> e.getValue().state == RunState.DONE || e.getValue().state == RunState.STOPPED);
        return runs.values().stream().filter(Run::active).toList();
    }

    private Optional<Run> load(UUID campaignId) {
        return jdbc.sql("select * from delivery_run where campaign_id = ?").param(campaignId)
                .query((rs, n) -> new Run(campaignId, rs.getObject("account_id", UUID.class),
                        Channel.of(rs.getString("channel")), "marketing".equals(rs.getString("kind")), rs.getString("label"),
                        TemplateJson.read(Channel.of(rs.getString("channel")), rs.getString("template")),
                        (Integer) rs.getObject("throttle_per_minute", Integer.class), rs.getString("topic"), RunState.of(rs.getString("state")),
                        rs.getLong("state_version"), throttles))
                .optional();
    }
}
