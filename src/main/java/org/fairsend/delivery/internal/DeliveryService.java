package org.fairsend.delivery.internal;

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
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class DeliveryService implements Deliveries {

    private final DeliveryStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PolicyService policies;
    private final Runs runs;
    private final SendLog log;
    private final ApplicationEventPublisher events;
    private final boolean postgres;

    private final Map<Channel, org.fairsend.delivery.ChannelRenderer> renderers = new HashMap<>();

    private final org.fairsend.platform.Pseudonyms pseudonyms;
    private final org.fairsend.consent.ConsentScopes scopes;
    private final org.fairsend.platform.cluster.NodeIdentity node;

    private final org.fairsend.accounts.AccountDirectory accounts;
    private final org.fairsend.contacts.ContactDirectory contacts;
    private final org.fairsend.platform.RecipientLanguages languages;

    DeliveryService(DeliveryStore store, TransactionTemplate tx, Clock clock, PolicyService policies, Runs runs, SendLog log,
            ApplicationEventPublisher events, org.fairsend.platform.Database database,
            List<org.fairsend.delivery.ChannelRenderer> renderers, org.fairsend.platform.Pseudonyms pseudonyms,
            org.fairsend.consent.ConsentScopes scopes, org.fairsend.platform.cluster.NodeIdentity node,
            org.fairsend.accounts.AccountDirectory accounts, org.fairsend.contacts.ContactDirectory contacts,
            org.fairsend.platform.RecipientLanguages languages) {
        this.accounts = accounts;
        this.contacts = contacts;
        this.languages = languages;
        this.node = node;
        this.pseudonyms = pseudonyms;
        this.scopes = scopes;
        renderers.forEach(r -> this.renderers.put(r.channel(), r));
        this.store = store;
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
        String inner = AudienceSql.classified(spec, clock.instant(), p.hygiene(),
                p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
        return store.sampleEligible(inner, params, n);
    }

    @Override
    public long eligibleLacking(AudienceSpec spec, String field) {
        Policy p = policies.current().policy();
        Map<String, Object> params = new HashMap<>();
        String inner = AudienceSql.classified(spec, clock.instant(), p.hygiene(),
                p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
        return store.eligibleLacking(inner, params, field, postgres);
    }

    @Override
    public List<UUID> contactsInClass(AudienceSpec spec, String cls, int limit) {
        Policy p = policies.current().policy();
        Map<String, Object> params = new HashMap<>();
        String inner = AudienceSql.classified(spec, clock.instant(), p.hygiene(),
                p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
        return store.inClass(inner, params, cls, limit);
    }

    @Override
    public AudienceReport preview(AudienceSpec spec) {
        Policy p = policies.current().policy();
        Map<String, Object> params = new HashMap<>();
        String inner = AudienceSql.classified(spec, clock.instant(), p.hygiene(),
                p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
        Map<String, Long> byClass = new LinkedHashMap<>();
        long total = 0;
        long neverEngaged = 0;
        long unknownKept = 0;
        for (DeliveryStore.ClassCount c : store.classes(inner, params)) {
            byClass.put(c.cls(), c.count());
            total += c.count();
            neverEngaged += c.neverEngaged();
            unknownKept += c.unknownKept();
        }
        return new AudienceReport(total, byClass, neverEngaged, unknownKept);
    }

    @Override
    public long start(UUID campaignId, String label, AudienceSpec spec, MessageTemplate template, Integer throttlePerMinute) {
        if (runs.state(campaignId).isPresent()) {
            resume(campaignId);
            return progress(campaignId).total();
        }
        Policy p = policies.current().policy();
        long queued = tx.execute(s -> {
            runs.create(campaignId, spec.accountId(), spec.channel(), spec.marketing(), label, template, throttlePerMinute, spec.topic());
            Map<String, Object> params = new HashMap<>();
            Instant now = clock.instant();
            String inner = AudienceSql.classified(spec, now, p.hygiene(),
                    p.frequency().marketingPerRecipientPer30Days(), p.voice(), postgres, params);
            // one set-based statement: the eligible are queued, the suppressed recorded as blocked
            store.materialise(inner, params, campaignId, now);
            List<SendLog.Entry> entries = new ArrayList<>();
            List<MessageBlocked> blocked = new ArrayList<>();
            for (DeliveryStore.Blocked b : store.blocked(campaignId)) {
                entries.add(new SendLog.Entry(b.id(), spec.accountId(), campaignId, spec.channel().code(),
                        b.recipient(), "blocked", "suppressed", "on the suppression list when the campaign started", 0, now, node.id()));
                blocked.add(new MessageBlocked(b.id(), spec.accountId(), campaignId, spec.channel(),
                        pseudonyms.address(b.recipient()), "suppressed", now));
            }
            log.append(entries);
            long n = store.queued(campaignId);
            runs.setTotal(campaignId, n + entries.size());
            runs.setState(campaignId, RunState.ACTIVE);
            // published with the rows that record them (the publication registry stores them in this transaction)
            blocked.forEach(events::publishEvent);
            return n;
        });
        if (postgres && queued > 10_000) {
            // a large audience changes the queue's shape at once: fresh statistics keep the claim on its index
            store.analyzeQueue();
        }
        return queued;
    }

    @Override
    public org.fairsend.delivery.RenderedContent renderSample(UUID accountId, String senderName, MessageTemplate template,
            Map<String, Object> contact) {
        var renderer = renderers.get(template.channel());
        if (renderer == null) throw new org.fairsend.platform.RuleViolation(422, "channel", "channel", "no renderer for " + template.channel().code());
        String address = template.channel() == Channel.EMAIL ? "preview@example.invalid" : "+33600000000";
        var account = accounts.get(accountId);
        java.util.Locale language = languages.choose(account.language());
        return renderer.compile(template).render(new org.fairsend.delivery.ChannelRenderer.Recipient(0, accountId, senderName, address,
                contact == null ? Map.of() : contact, "(why you receive this)", language, account.legalIdentity()));
    }

    @Override
    public org.fairsend.delivery.RenderedContent renderSampleTo(UUID accountId, String senderName, MessageTemplate template, String address,
            Map<String, Object> contact) {
        var renderer = renderers.get(template.channel());
        if (renderer == null) throw new org.fairsend.platform.RuleViolation(422, "channel", "channel", "no renderer for " + template.channel().code());
        // the footer says how this address was collected, as the last-mile gate will read it from the ledger, in the
        // language the address's contact reads (issue 20), with the account's legal identity
        var account = accounts.get(accountId);
        var person = contacts.findByAddress(accountId, template.channel(), address);
        java.util.Locale language = languages.choose(person.map(org.fairsend.contacts.Contact::language).orElse(null), account.language());
        String why = null;
        if (template.marketing()) {
            var scope = scopes.inForce(accountId, template.channel(), List.of(address)).get(address);
            if (scope != null) why = scope.why().in(languages, language);
        }
        return renderer.compile(template).render(new org.fairsend.delivery.ChannelRenderer.Recipient(0, accountId, senderName, address,
                contact == null ? Map.of() : contact, why == null ? "(why you receive this)" : why, language, account.legalIdentity()));
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
        return SendingWindows.nextOpening(w, hours.closedDates(), at.atZone(hours.zone()));
    }

    @Override
    public void pause(UUID campaignId) {
        runs.haltLocally(campaignId);
        require(campaignId);
        runs.setState(campaignId, RunState.PAUSED);
    }

    @Override
    public void resume(UUID campaignId) {
        RunState state = require(campaignId);
        if (state == RunState.PAUSED || state == RunState.PREPARING) runs.setState(campaignId, RunState.ACTIVE);
    }

    @Override
    public void cancel(UUID campaignId) {
        require(campaignId);
        tx.executeWithoutResult(s -> {
            runs.setState(campaignId, RunState.STOPPED);
            store.cancelWaiting(campaignId, clock.instant());
        });
    }

    private RunState require(UUID campaignId) {
        return runs.state(campaignId).orElseThrow(() -> new NotFound("delivery run"));
    }

    @Override
    public RunProgress progress(UUID campaignId) {
        Map<QueueStatus, Long> counts = store.byStatus(campaignId);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> receipts = store.byReceipt(campaignId);
        return new RunProgress(campaignId, total, counts.getOrDefault(QueueStatus.QUEUED, 0L),
                counts.getOrDefault(QueueStatus.SENDING, 0L), counts.getOrDefault(QueueStatus.SENT, 0L),
                counts.getOrDefault(QueueStatus.BLOCKED, 0L), counts.getOrDefault(QueueStatus.FAILED, 0L),
                counts.getOrDefault(QueueStatus.CANCELLED, 0L), counts.getOrDefault(QueueStatus.HELD, 0L), receipts);
    }

    @Override
    public long sendTransactional(UUID accountId, MessageTemplate template, String to, Map<String, Object> data, String category) {
        if (template.marketing()) throw new IllegalArgumentException("a transactional message has a transactional template");
        String address = Addresses.normalize(template.channel(), to, "to");
        Instant now = clock.instant();
        return store.queueTransactional(accountId, template.channel().code(), address,
                new TransactionalPayload(template, data == null ? Map.of() : data, category).write(), now);
    }
}
