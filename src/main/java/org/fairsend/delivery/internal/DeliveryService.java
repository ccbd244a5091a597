package org.fairsend.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fairsend.delivery.AudienceReport;
import org.fairsend.delivery.AudienceSpec;
import org.fairsend.delivery.Deliveries;
import org.fairsend.delivery.MessageTemplate;
import org.fairsend.delivery.MessageBlocked;
import org.fairsend.delivery.RunProgress;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.NotFound;
import org.fairsend.policy.Policy;
import org.fairsend.policy.PolicyService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class DeliveryService implements Deliveries {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PolicyService policies;
    private final Runs runs;
    private final SendLog log;
    private final ApplicationEventPublisher events;
    private final boolean postgres;

    private final Map<Channel, org.fairsend.delivery.ChannelRenderer> renderers = new HashMap<>();

    DeliveryService(JdbcClient jdbc, TransactionTemplate tx, Clock clock, PolicyService policies, Runs runs, SendLog log,
            ApplicationEventPublisher events, org.fairsend.platform.Database database,
            List<org.fairsend.delivery.ChannelRenderer> renderers) {
        renderers.forEach(r -> this.renderers.put(r.channel(), r));
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.policies = policies;
        this.runs = runs;
        this.log = log;
        this.events = events;
        this.postgres = database.isPostgres();
    }

    @Override
    public List<UUID> sampleEligible(AudienceSpec spec, int n) {
        Policy p = policies.current().policy();
        Map<String, Object> params = new HashMap<>();
        String inner = AudienceSql.classified(spec, clock.instant(), p.hygiene().inactiveMonths(),
                p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
        params.put("n", n);
        var q = jdbc.sql("select t.contact_id from (" + inner + ") t where t.cls = 'eligible' order by t.contact_id limit :n");
        for (var e : params.entrySet()) q = q.param(e.getKey(), e.getValue());
        return q.query(UUID.class).list();
    }

    @Override
    public AudienceReport preview(AudienceSpec spec) {
        Policy p = policies.current().policy();
        Map<String, Object> params = new HashMap<>();
        String inner = AudienceSql.classified(spec, clock.instant(), p.hygiene().inactiveMonths(),
                p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
        Map<String, Long> byClass = new LinkedHashMap<>();
        long[] total = {0};
        long[] neverEngaged = {0};
        var q = jdbc.sql("select t.cls, count(*), sum(case when t.cls = 'eligible' and t.engaged = 0 then 1 else 0 end)"
                + " from (" + inner + ") t group by t.cls");
        for (var e : params.entrySet()) q = q.param(e.getKey(), e.getValue());
        q.query((rs, n) -> {
            byClass.put(rs.getString(1), rs.getLong(2));
            total[0] += rs.getLong(2);
            neverEngaged[0] += rs.getLong(3);
            return null;
        }).list();
        return new AudienceReport(total[0], byClass, neverEngaged[0]);
    }

    @Override
    public long start(UUID campaignId, String label, AudienceSpec spec, MessageTemplate template, Integer throttlePerMinute) {
        if (runs.state(campaignId).isPresent()) {
            resume(campaignId);
            return progress(campaignId).total();
        }
        Policy p = policies.current().policy();
        List<MessageBlocked> blocked = new ArrayList<>();
        long queued = tx.execute(s -> {
            runs.create(campaignId, spec.accountId(), spec.channel(), spec.marketing(), label, template, throttlePerMinute);
            Map<String, Object> params = new HashMap<>();
            Instant now = clock.instant();
            String inner = AudienceSql.classified(spec, now, p.hygiene().inactiveMonths(),
                    p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
            params.put("campaign", campaignId);
            params.put("now", Timestamp.from(now));
            // one set-based statement: the eligible are queued, the suppressed recorded as blocked
            var insert = jdbc.sql("""
                    insert into outbound_message (account_id, campaign_id, channel, contact_id, recipient, status, attempts,
                        next_attempt_at, last_result, created_at, finished_at)
                    select :account, :campaign, :channel, t.contact_id, t.address,
                           case when t.cls = 'eligible' then 'queued' else 'blocked' end, 0, :now,
                           case when t.cls = 'eligible' then null else 'suppressed' end, :now,
                           case when t.cls = 'eligible' then cast(null as timestamp with time zone) else cast(:now as timestamp with time zone) end
                    from (""" + inner + ") t where t.cls in ('eligible', 'suppressed')");
            for (var e : params.entrySet()) insert = insert.param(e.getKey(), e.getValue());
            insert.update();
            List<SendLog.Entry> entries = new ArrayList<>();
            jdbc.sql("select id, recipient from outbound_message where campaign_id = ? and status = 'blocked'").param(campaignId)
                    .query((rs, n) -> {
                        entries.add(new SendLog.Entry(rs.getLong(1), spec.accountId(), campaignId, spec.channel().code(),
                                rs.getString(2), "blocked", "suppressed", "on the suppression list when the campaign started", 0, now));
                        blocked.add(new MessageBlocked(rs.getLong(1), spec.accountId(), campaignId, spec.channel(),
                                Addresses.hash(rs.getString(2)), "suppressed", now));
                        return null;
                    }).list();
            log.append(entries);
            long n = jdbc.sql("select count(*) from outbound_message where campaign_id = ? and status = 'queued'").param(campaignId)
                    .query(Long.class).single();
            runs.setTotal(campaignId, n + entries.size());
            runs.setState(campaignId, "active");
            // published with the rows that record them (the publication registry stores them in this transaction)
            blocked.forEach(events::publishEvent);
            return n;
        });
        if (postgres && queued > 10_000) {
            // a large audience changes the queue's shape at once: fresh statistics keep the claim on its index
            jdbc.sql("analyze outbound_message").update();
        }
        return queued;
    }

    @Override
    public org.fairsend.delivery.RenderedContent renderSample(UUID accountId, String senderName, MessageTemplate template,
            Map<String, Object> contact) {
        var renderer = renderers.get(template.channel());
        if (renderer == null) throw new org.fairsend.platform.RuleViolation(422, "channel", "channel", "no renderer for " + template.channel().code());
        String address = template.channel() == Channel.EMAIL ? "preview@example.invalid" : "+33600000000";
        return renderer.compile(template).render(new org.fairsend.delivery.ChannelRenderer.Recipient(0, accountId, senderName, address,
                contact == null ? Map.of() : contact, "(why you receive this)"));
    }

    @Override
    public void halt(UUID campaignId) {
        runs.haltLocally(campaignId);
    }

    @Override
    public Instant nextSendingWindow(Channel channel, Instant at) {
        var hours = policies.current().policy().sendingHours();
        var w = hours.window(channel);
        if (w.always()) return null;
        return SendingWindows.nextOpening(w, hours.closedDates(), at.atZone(java.time.ZoneId.of(hours.defaultTimeZone())));
    }

    @Override
    public void pause(UUID campaignId) {
        runs.haltLocally(campaignId);
        require(campaignId);
        runs.setState(campaignId, "paused");
    }

    @Override
    public void resume(UUID campaignId) {
        String state = require(campaignId);
        if (state.equals("paused") || state.equals("preparing")) runs.setState(campaignId, "active");
    }

    @Override
    public void cancel(UUID campaignId) {
        require(campaignId);
        tx.executeWithoutResult(s -> {
            runs.setState(campaignId, "stopped");
            jdbc.sql("update outbound_message set status = 'cancelled', finished_at = ? where campaign_id = ? and status in ('queued', 'held')")
                    .params(Timestamp.from(clock.instant()), campaignId).update();
        });
    }

    private String require(UUID campaignId) {
        return runs.state(campaignId).orElseThrow(() -> new NotFound("delivery run"));
    }

    @Override
    public RunProgress progress(UUID campaignId) {
        String state = runs.state(campaignId).orElse("none");
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select status, count(*) from outbound_message where campaign_id = ? group by status").param(campaignId)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> receipts = new java.util.TreeMap<>();
        jdbc.sql("select receipt_status, count(*) from outbound_message where campaign_id = ? and receipt_status is not null group by receipt_status")
                .param(campaignId).query((rs, n) -> receipts.put(rs.getString(1), rs.getLong(2))).list();
        return new RunProgress(campaignId, state, total, counts.getOrDefault("queued", 0L), counts.getOrDefault("sending", 0L),
                counts.getOrDefault("sent", 0L), counts.getOrDefault("blocked", 0L), counts.getOrDefault("failed", 0L),
                counts.getOrDefault("cancelled", 0L), counts.getOrDefault("held", 0L), receipts);
    }

    @Override
    public long sendTransactional(UUID accountId, MessageTemplate template, String to, Map<String, Object> data, String category) {
        if (template.marketing()) throw new IllegalArgumentException("a transactional message has a transactional template");
        String address = Addresses.normalize(template.channel(), to, "to");
        Instant now = clock.instant();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into outbound_message (account_id, channel, recipient, status, attempts, next_attempt_at, payload, created_at)
                values (?, ?, ?, 'queued', 0, ?, ?, ?)""")
                .params(accountId, template.channel().code(), address, Timestamp.from(now),
                        new TransactionalPayload(template, data == null ? Map.of() : data, category).write(), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }
}
