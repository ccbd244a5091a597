package org.fairsend.delivery.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.contacts.Contact;
import org.fairsend.contacts.ContactDirectory;
import org.fairsend.delivery.ChannelPort;
import org.fairsend.delivery.ChannelRenderer;
import org.fairsend.delivery.DeliveryOutcome;
import org.fairsend.delivery.DeliveryResult;
import org.fairsend.delivery.DeliveryRunFinished;
import org.fairsend.delivery.MessageBlocked;
import org.fairsend.delivery.MessageFailed;
import org.fairsend.delivery.MessageSent;
import org.fairsend.delivery.OutboundMessage;
import org.fairsend.delivery.RecipientBindings;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.platform.Channel;
import org.fairsend.policy.PolicyService;
import org.fairsend.policy.SendingHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue loop: workers claim batches from the active runs (and each channel's transactional queue), check
 * the batch against the suppression list, then for each message hold it if its channel's sending hours are
 * closed for a marketing message, render it with its channel's renderer, pass the last-mile gate right
 * before the wire, send it through the channel's port, and write every outcome (queue state and send log) in
 * one transaction per batch, which also publishes the batch's events. Runs only in server mode.
 */
@Component
class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private final Queue queue;
    private final Runs runs;
    private final LastMileGate gate;
    private final SendLog sendLog;
    private final Map<Channel, ChannelRenderer> renderers = new HashMap<>();
    private final Map<Channel, ChannelPort> ports = new HashMap<>();
    private final List<String> transactionalChannels;
    private final SendingWindows windows;
    private final PolicyService policies;
    private final AccountDirectory accounts;
    private final ContactDirectory contacts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DeliveryProperties props;
    private final boolean enabled;
    private final MeterRegistry meters;
    private final Map<UUID, RateLimiter> accountLimits = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger cursor = new AtomicInteger();
    private volatile List<Runs.Run> active = List.of();
    private ExecutorService workers;
    private ExecutorService sends;

    private final org.fairsend.platform.Pseudonyms pseudonyms;
    private final org.fairsend.consent.ConsentScopes scopes;

    DeliveryEngine(Queue queue, Runs runs, LastMileGate gate, SendLog sendLog, List<ChannelRenderer> renderers, List<ChannelPort> ports,
            SendingWindows windows, PolicyService policies, AccountDirectory accounts, ContactDirectory contacts,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock, DeliveryProperties props, MeterRegistry meters,
            org.fairsend.platform.FairsendProperties platform, @Value("${fairsend.delivery.enabled:true}") boolean enabled, org.fairsend.platform.Pseudonyms pseudonyms,
            org.fairsend.consent.ConsentScopes scopes) {
        this.pseudonyms = pseudonyms;
        this.scopes = scopes;
        this.queue = queue;
        this.runs = runs;
        this.gate = gate;
        this.sendLog = sendLog;
        renderers.forEach(r -> this.renderers.put(r.channel(), r));
        ports.forEach(p -> this.ports.put(p.channel(), p));
        this.transactionalChannels = this.ports.keySet().stream().filter(this.renderers::containsKey).sorted().map(Channel::code).toList();
        this.windows = windows;
        this.policies = policies;
        this.accounts = accounts;
        this.contacts = contacts;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.props = props;
        this.meters = meters;
        this.enabled = enabled && !platform.cli();
    }

    @Override
    public void start() {
        if (!enabled || !running.compareAndSet(false, true)) return;
        int mine = queue.reclaimMine();
        if (mine > 0) log.info("took back {} messages this node was sending when it stopped", mine);
        sends = Executors.newVirtualThreadPerTaskExecutor();
        workers = Executors.newVirtualThreadPerTaskExecutor();
        workers.submit(this::refreshLoop);
        for (int i = 0; i < props.workers(); i++) workers.submit(this::workLoop);
    }

    @Override
    public void stop() {
        running.set(false);
        if (workers != null) {
            workers.shutdownNow();
            sends.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void refreshLoop() {
        long lastStale = 0;
        while (running.get()) {
            try {
                active = runs.refreshActive();
                if (System.currentTimeMillis() - lastStale > 10_000) {
                    queue.reclaimStale();
                    lastStale = System.currentTimeMillis();
                }
                Thread.sleep(props.idlePoll().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("refreshing runs: {}", e.toString());
                sleep(1000);
            }
        }
    }

    private void workLoop() {
        while (running.get()) {
            try {
                if (!workOnce()) Thread.sleep(props.idlePoll().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("delivery batch failed; its messages return to the queue after the lease", e);
                sleep(1000);
            }
        }
    }

    /** Claims and processes one batch; false when there was nothing to do. */
    boolean workOnce() {
        List<Runs.Run> snapshot = active;
        // one slot per active run, then one per channel's transactional queue
        int slots = snapshot.size() + transactionalChannels.size();
        int start = Math.floorMod(cursor.getAndIncrement(), slots);
        for (int k = 0; k < slots; k++) {
            int i = (start + k) % slots;
            Runs.Run run = i >= snapshot.size() ? null : snapshot.get(i);
            if (run != null && !run.active()) continue;
            // a throttled run claims about a second's worth: progress and pauses stay responsive
            int size = run == null || run.throttlePerMinute == null ? props.batchSize()
                    : Math.max(1, Math.min(props.batchSize(), run.throttlePerMinute / 60));
            List<Queue.Item> batch = run == null ? queue.claim(null, transactionalChannels.get(i - snapshot.size()), size)
                    : queue.claim(run.campaignId, null, size);
            if (batch.isEmpty()) {
                if (run != null) maybeFinish(run);
                continue;
            }
            process(run, batch);
            return true;
        }
        return false;
    }

    private void maybeFinish(Runs.Run run) {
        if (!run.active() || queue.pending(run.campaignId)) return;
        tx.executeWithoutResult(s -> {
            // only one worker (of any node) finishes a run
            if (!runs.finish(run.campaignId)) return;
            Queue.Totals t = queue.totals(run.campaignId);
            events.publishEvent(new DeliveryRunFinished(run.campaignId, run.accountId, t.sent(), t.blocked(), t.failed()));
        });
        // a large run changed most of its rows from queued to sent: the next audience's frequency-cap join is
        // planned from fresh statistics (stale ones made it a nested loop over the whole queue)
        queue.refreshStatisticsAfter(run.campaignId);
    }

    private record Result(Queue.Item item, QueueStatus status, DeliveryOutcome outcome, String reason, String detail, String providerRef,
            Instant next, boolean permanent, String code, Instant at) {

        Result(Queue.Item item, QueueStatus status, DeliveryOutcome outcome, String reason, String detail, String providerRef, Instant next,
                boolean permanent, String code) {
            this(item, status, outcome, reason, detail, providerRef, next, permanent, code, null);
        }

        /** The same result, stamped with the moment the message passed the gate onto the wire. */
        Result at(Instant wire) {
            return new Result(item, status, outcome, reason, detail, providerRef, next, permanent, code, wire);
        }
    }

    private void process(Runs.Run run, List<Queue.Item> batch) {
        UUID accountId = batch.getFirst().accountId();
        Channel channel = Channel.of(batch.getFirst().channel());
        boolean marketing = run != null && run.marketing;
        SendingHours hours = policies.current().policy().sendingHours();
        MDC.put("account", accountId.toString());
        MDC.put("campaign", run == null ? "transactional" : run.campaignId.toString());
        MDC.put("channel", channel.code());
        try {
            Account account = accounts.get(accountId);
            var channelStatus = accounts.channelStatus(accountId, channel);
            Map<String, String> hashes = new HashMap<>();
            for (Queue.Item it : batch) hashes.put(it.recipient(), pseudonyms.address(it.recipient()));
            Set<String> suppressed = gate.suppressedAmong(accountId, channel, hashes.values(), marketing);
            Map<UUID, Contact> byId = new HashMap<>();
            Map<String, String> why = Map.of();
            if (run != null) {
                List<UUID> ids = batch.stream().map(Queue.Item::contactId).filter(java.util.Objects::nonNull).toList();
                contacts.findAll(accountId, ids).forEach(c -> byId.put(c.id(), c));
            }
            // the consent in force as the ledger says it now, one read per batch: how each address was collected,
            // and X-8: a recipient whose basis (existing customer, B2B) does not cover the campaign's topic (a voicemail
            // drop rests on its own rule, R-19)
            Map<String, String> notCovered = new HashMap<>();
            if (marketing) {
                Map<String, String> collected = new HashMap<>();
                scopes.inForce(accountId, channel, hashes.keySet()).forEach((address, scope) -> {
                    collected.put(address, scope.collectedHow());
                    if (channel != Channel.VOICE && !scope.covers(run.topic)) {
                        notCovered.put(address, "X-8: the " + scope.basis().code() + " consent basis covers "
                                + (scope.subject() == null ? "no topic" : "\"" + scope.subject() + "\"") + ", not this campaign's topic "
                                + (run.topic == null ? "(none declared)" : "\"" + run.topic + "\""));
                    }
                });
                why = collected;
            }
            ChannelPort port = ports.get(channel);
            Semaphore parallel = new Semaphore(props.parallelSends());
            List<Future<Result>> futures = new ArrayList<>(batch.size());
            RateLimiter accountLimit = props.accountRatePerSecond() > 0
                    ? accountLimits.computeIfAbsent(accountId, a -> new RateLimiter(props.accountRatePerSecond())) : null;
            Map<String, String> whyFinal = why;
            for (Queue.Item it : batch) {
                parallel.acquireUninterruptibly();
                futures.add(sends.submit(() -> {
                    try {
                        return one(run, it, account, channelStatus, suppressed.contains(hashes.get(it.recipient())),
                                hashes.get(it.recipient()), byId.get(it.contactId()), whyFinal.get(it.recipient()), port, accountLimit,
                                marketing, hours, notCovered.get(it.recipient()));
                    } finally {
                        parallel.release();
                    }
                }));
            }
            List<Result> results = new ArrayList<>(futures.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (Exception e) {
                    Queue.Item it = batch.get(i);
                    results.add(new Result(it, QueueStatus.QUEUED, DeliveryOutcome.DEFERRED, "internal-error", String.valueOf(e.getCause()), null,
                            clock.instant().plus(props.retryDelays().getFirst()), false, null));
                }
            }
            commit(run, channel, results, hashes);
        } finally {
            MDC.clear();
        }
    }

    private Result one(Runs.Run run, Queue.Item it, Account account, AccountDirectory.ChannelStatus channelStatus,
            boolean suppressedAtClaim, String hash, Contact contact, String why, ChannelPort port, RateLimiter accountLimit,
            boolean marketing, SendingHours hours, String notCovered) {
        Instant now = clock.instant();
        if (run != null && !run.active()) return released(it);
        if (!channelStatus.canSend()) return blocked(it, "channel-" + channelStatus.status(), channelStatus.reason());
        if (suppressedAtClaim) return blocked(it, "suppressed", "on the suppression list");
        if (run != null && it.contactId() != null && contact == null) return blocked(it, "contact-erased", "the contact no longer exists");
        // a voicemail drop may also rest on a contract in progress instead of a consent record
        boolean contract = Channel.of(it.channel()) == Channel.VOICE && contact != null && contact.contractActive() && contact.customerSince() != null;
        if (marketing && why == null && !contract) return blocked(it, "no-consent", "no consent record in force for this address");
        if (marketing && notCovered != null && !contract) return blocked(it, "subject-not-covered", notCovered);
        Channel channel = Channel.of(it.channel());
        if (port == null) {
            return new Result(it, QueueStatus.QUEUED, DeliveryOutcome.DEFERRED, "no-transport", "no " + channel.code() + " transport is configured", null,
                    now.plus(props.retryDelays().getFirst()), false, null);
        }
        Result held = marketing ? held(it, hours, channel, now) : null;
        if (held != null) return held;
        RenderedContent content;
        try {
            content = timer("render", it.channel()).recordCallable(() -> render(run, it, account, contact, why));
        } catch (org.fairsend.delivery.TemplateRefused e) {
            // issue 13: the template sandbox refused it (reads the host, calls Java, over its budget): failed with the
            // rule as the reason, never a bounce (not permanent), and the run goes on
            return new Result(it, QueueStatus.FAILED, DeliveryOutcome.FAILED, e.rule().code(), e.field() + ": " + e.getMessage(), null, null, false, MessageFailed.RENDER);
        } catch (org.fairsend.delivery.email.EmailRenderer.Unsigned e) {
            // no marketing mail without a published signing key; failed, never a bounce
            return new Result(it, QueueStatus.FAILED, DeliveryOutcome.FAILED, "unsigned", e.getMessage(), null, null, false, MessageFailed.RENDER);
        } catch (Exception e) {
            return new Result(it, QueueStatus.FAILED, DeliveryOutcome.FAILED, "render-error", e.getMessage(), null, null, true, MessageFailed.RENDER);
        }
        if (run != null && run.throttle() != null && !run.throttle().acquire(run::active)) return released(it);
        if (accountLimit != null) accountLimit.acquire();
        // a throttled message may have waited past the window's close
        held = marketing ? held(it, hours, channel, clock.instant()) : null;
        if (held != null) return held;
        // the last-mile gate: right before the wire, what was recorded since the claim
        if (run != null && !run.active()) return released(it);
        if (gate.suppressedSince(it.accountId(), channel, hash, marketing)) {
            return blocked(it, "suppressed", "suppressed while the campaign was sending");
        }
        var passedGate = new java.util.concurrent.atomic.AtomicReference<Instant>();
        OutboundMessage m = new OutboundMessage(it.id(), it.accountId(), it.campaignId(), channel, it.recipient(), it.attempt(),
                content, () -> {
                    if (run != null && !run.active()) return DeliveryResult.Withholding.RELEASED;
                    if (gate.suppressedSince(it.accountId(), channel, hash, marketing)) return DeliveryResult.Withholding.SUPPRESSED;
                    passedGate.set(clock.instant());
                    return null;
                });
        DeliveryResult r = timer("transport", it.channel()).record(() -> port.send(m));
        Result result = switch (r) {
            case DeliveryResult.Withheld w -> w.why() == DeliveryResult.Withholding.RELEASED ? released(it)
                    : blocked(it, w.reason(), "suppressed while the campaign was sending");
            case DeliveryResult.Delivered d -> new Result(it, QueueStatus.SENT, DeliveryOutcome.SENT, null, d.reply(), d.providerRef(), null, false, null);
            case DeliveryResult.PermanentFailure p -> new Result(it, QueueStatus.FAILED, DeliveryOutcome.FAILED, "permanent", p.reply(), null, null, true, p.code());
            case DeliveryResult.TemporaryFailure t -> {
                if (it.attempt() > props.retryDelays().size()) {
                    yield new Result(it, QueueStatus.FAILED, DeliveryOutcome.EXPIRED, "retries-exhausted", t.reply(), null, null, false, t.code());
                }
                yield new Result(it, QueueStatus.QUEUED, DeliveryOutcome.DEFERRED, "temporary", t.reply(), null,
                        now.plus(props.retryDelays().get(it.attempt() - 1)), false, t.code());
            }
        };
        return passedGate.get() == null ? result : result.at(passedGate.get());
    }

    /** Back to the queue untouched: the run was paused, suspended or stopped before this message left. */
    private Result released(Queue.Item it) {
        return new Result(it, QueueStatus.RELEASED, null, null, null, null, null, false, null);
    }

    /** outside its channel's window in the recipient's time zone, a marketing message waits for the opening. */
    private Result held(Queue.Item it, SendingHours hours, Channel channel, Instant now) {
        Instant until = windows.heldUntil(hours, channel, it.recipient(), now);
        if (until == null) return null;
        return new Result(it, QueueStatus.HELD, DeliveryOutcome.HELD, "sending-hours", "outside the " + channel.code() + " sending hours (X-4); held until "
                + until, null, until, false, null);
    }

    private Result blocked(Queue.Item it, String reason, String detail) {
        return new Result(it, QueueStatus.BLOCKED, DeliveryOutcome.BLOCKED, reason, detail, null, null, false, null);
    }

    private RenderedContent render(Runs.Run run, Queue.Item it, Account account, Contact contact, String why) {
        Channel channel = Channel.of(it.channel());
        ChannelRenderer renderer = renderers.get(channel);
        if (renderer == null) throw new IllegalStateException("no renderer for channel " + channel.code());
        ChannelRenderer.Compiled compiled;
        Map<String, Object> data;
        if (run != null) {
            compiled = run.compiled(renderer::compile);
            data = RecipientBindings.of(contact);
        } else {
            TransactionalPayload p = TransactionalPayload.read(channel, it.payload());
            compiled = renderer.compile(p.template());
            data = p.data();
        }
        return compiled.render(new ChannelRenderer.Recipient(it.id(), account.id(), account.displayName(), it.recipient(), data, why));
    }

    private void commit(Runs.Run run, Channel channel, List<Result> results, Map<String, String> hashes) {
        Instant now = clock.instant();
        List<Queue.Outcome> outcomes = new ArrayList<>(results.size());
        List<SendLog.Entry> entries = new ArrayList<>(results.size());
        List<Object> published = new ArrayList<>();
        for (Result r : results) {
            Queue.Item it = r.item();
            outcomes.add(new Queue.Outcome(it.id(), r.status(), r.next(), r.detail(), r.providerRef()));
            if (r.outcome() == null) continue; // released back to the queue: the run was paused or stopped
            // a message on the wire is logged at the moment it passed the last-mile gate
            entries.add(new SendLog.Entry(it.id(), it.accountId(), it.campaignId(), it.channel(), it.recipient(), r.outcome().code(),
                    r.reason(), r.detail(), it.attempt(), r.at() == null ? now : r.at()));
            String hash = hashes.get(it.recipient());
            switch (r.outcome()) {
                case SENT -> published.add(new MessageSent(it.id(), it.accountId(), it.campaignId(), channel, hash, now));
                case BLOCKED -> published.add(new MessageBlocked(it.id(), it.accountId(), it.campaignId(), channel, hash, r.reason(), now));
                case FAILED, EXPIRED -> published.add(new MessageFailed(it.id(), it.accountId(), it.campaignId(), channel,
                        it.recipient(), hash, r.permanent(), r.code(), r.detail(), now));
                case DEFERRED, HELD, RELEASED -> { }
            }
        }
        // the events are published inside the transaction that records their outcomes: the publication registry
        // stores them with it (for the listeners that need it), and after-commit listeners see committed rows
        timer("commit", channel.code()).record(() -> tx.executeWithoutResult(s -> {
                    queue.record(outcomes);
                    sendLog.append(entries);
                    published.forEach(events::publishEvent);
                }));
    }

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Per-stage timers (render, transport, commit) per channel: {@code fairsend.delivery.stage}. */
    private Timer timer(String stage, String channel) {
        return timers.computeIfAbsent(stage + "/" + channel,
                k -> Timer.builder("fairsend.delivery.stage").tag("stage", stage).tag("channel", channel).register(meters));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
