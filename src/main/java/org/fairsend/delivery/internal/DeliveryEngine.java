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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairsend.accounts.Account;
import org.fairsend.accounts.AccountDirectory;
import org.fairsend.consent.WhyYouReceiveThis;
import org.fairsend.platform.RecipientLanguages;
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
import org.fairsend.platform.cluster.ClusterNodes;
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
 * The send pipeline of a node (docs/ARCHITECTURE.md, "The send path"), in three stages joined by bounded queues,
 * so that no stage waits for another's slowest message:
 * <ol>
 * <li><b>feed</b> ({@code fairsend.delivery.workers} loops): claim a batch from the active runs (and each
 * channel's transactional queue) in turn, check it as a whole against the suppression list, the account's channel
 * status and the consent in force (one read each), and put its messages on the ready queue, claiming no more
 * than the senders can take soon (the ready queue holds at most two batches);</li>
 * <li><b>send</b> ({@code fairsend.delivery.parallel-sends} virtual threads, more if a port's windows hold more,
 * {@link ChannelPort#maxInFlight()}): for each message, the sending hours
 * the render (on a pool of platform threads, one per core: rendering and signing are CPU work, and a
 * virtual thread that computes for long would keep the others, which wait on their SMTP or SMPP peer, from being
 * scheduled), the throttles, the last-mile gate right before the wire, the channel's port;</li>
 * <li><b>commit</b> (one thread): the outcomes that arrived meanwhile, queue states, send log and events, in one
 * transaction: a group commit of what was sent while the previous one was written, a few milliseconds' worth
 * (issue 17). A sender takes its next message only once its last outcome is committed (issue 20), so a crash
 * repeats at most one message per sender: the ones on the wire at that instant.</li>
 * </ol>
 * A failed commit is retried with the same outcomes until it succeeds: they are kept in memory, never dropped.
 * On a graceful stop the feed stops, the messages on the wire finish, the ones not yet sent go back to the queue
 * and the last outcomes are committed. Runs only in server mode.
 * <p>
 * Issue 18: the node's claims are leased on its heartbeat ({@link ClusterNodes}): it claims and sends nothing while
 * its lease is not valid, takes back only dead nodes' claims, and its outcome writes are fenced on its own claims.
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
    private final Map<UUID, AtomicInteger> inFlightByRun = new ConcurrentHashMap<>();
    private volatile List<Runs.Run> active = List.of();

    /** Claimed and checked, waiting for a sender. */
    private final BlockingQueue<Job> ready;
    /** Processed, waiting for the group commit. */
    private final BlockingQueue<Pending> done = new LinkedBlockingQueue<>();

    /** An outcome waiting for the group commit; {@code recorded} completes once it is in the database. */
    private record Pending(Result result, CompletableFuture<Void> recorded) {}

    /** Hands an outcome to the commit thread. */
    private CompletableFuture<Void> hand(Result r) {
        var p = new Pending(r, new CompletableFuture<>());
        done.add(p);
        return p.recorded();
    }
    private volatile boolean feeding;
    private volatile boolean sending;
    private ExecutorService feeders;
    private ExecutorService senders;
    private ExecutorService renderPool;
    private Thread committer;

    private final org.fairsend.platform.Pseudonyms pseudonyms;
    private final org.fairsend.consent.ConsentScopes scopes;
    private final ClusterNodes nodes;

    private final RecipientLanguages languages;

    DeliveryEngine(Queue queue, Runs runs, LastMileGate gate, SendLog sendLog, List<ChannelRenderer> renderers, List<ChannelPort> ports,
            SendingWindows windows, PolicyService policies, AccountDirectory accounts, ContactDirectory contacts,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock, DeliveryProperties props, MeterRegistry meters,
            org.fairsend.platform.FairsendProperties platform, @Value("${fairsend.delivery.enabled:true}") boolean enabled, org.fairsend.platform.Pseudonyms pseudonyms,
            org.fairsend.consent.ConsentScopes scopes, ClusterNodes nodes, RecipientLanguages languages) {
        this.languages = languages;
        this.nodes = nodes;
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
        this.ready = new ArrayBlockingQueue<>(Math.max(2 * props.batchSize(), senderCount()));
    }

    /**
     * {@code parallel-sends}, or more when a port can have more on the wire (an SMPP port with several sessions:
     * with one synchronous send per sender, fewer senders than window slots would leave the windows part empty).
     */
    private int senderCount() {
        return Math.max(props.parallelSends(), ports.values().stream().mapToInt(ChannelPort::maxInFlight).max().orElse(0));
    }

    @Override
    public void start() {
        if (!enabled || !running.compareAndSet(false, true)) return;
        // issue 18: a process restarted under the configured id of a dead one (proven dead by the registry at start)
        // takes back what it was sending; a new node (generated id) has nothing under its name
        if (nodes.tookOverDeadProcess()) {
            int mine = queue.reclaimFromDeadPredecessor();
            if (mine > 0) log.info("took back {} messages the previous process of node {} was sending when it died", mine, nodes.self());
        }
        feeding = true;
        sending = true;
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        renderPool = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "fairsend-render-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fairsend-send-", 1).factory());
        for (int i = 0, count = senderCount(); i < count; i++) senders.submit(this::sendLoop);
        committer = Thread.ofPlatform().name("fairsend-commit").daemon().start(this::commitLoop);
        feeders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fairsend-feed-", 1).factory());
        feeders.submit(this::refreshLoop);
        for (int i = 0; i < props.workers(); i++) feeders.submit(this::feedLoop);
    }

    /**
     * Stops claiming, lets the messages on the wire finish (up to 30 s), returns the ones not yet sent to the queue
     * and commits every outcome before returning.
     */
    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) return;
        feeding = false;
        feeders.shutdownNow();
        await(feeders, 10);
        sending = false;
        senders.shutdown();
        if (!await(senders, 30)) senders.shutdownNow();
        List<Job> left = new ArrayList<>();
        ready.drainTo(left);
        for (Job j : left) hand(released(j));
        committer.interrupt();
        try {
            committer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renderPool.shutdownNow();
    }

    private static boolean await(ExecutorService s, int seconds) {
        try {
            return s.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void refreshLoop() {
        long lastStale = 0;
        long reclaimEvery = Math.min(10_000, nodes.heartbeat().toMillis());
        while (feeding) {
            try {
                active = runs.refreshActive();
                Set<UUID> live = new HashSet<>();
                for (Runs.Run r : active) live.add(r.campaignId);
                inFlightByRun.entrySet().removeIf(e -> !live.contains(e.getKey()) && e.getValue().get() == 0);
                if (System.currentTimeMillis() - lastStale > reclaimEvery) {
                    // issue 18: only dead nodes' claims come back, however long a live node's messages wait
                    int back = queue.reclaimFromDeadNodes(nodes.aliveSince());
                    if (back > 0) log.warn("took back {} messages claimed by nodes held dead (no heartbeat for {})", back, nodes.nodeTimeout());
                    lastStale = System.currentTimeMillis();
                }
                Thread.sleep(props.idlePoll().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!feeding) return;
                log.warn("refreshing runs: {}", e.toString());
                sleep(1000);
            }
        }
    }

    private void feedLoop() {
        while (feeding) {
            try {
                // claim only what the senders will take soon: a claimed message waits in memory, not in the queue
                if (ready.size() > props.batchSize()) {
                    Thread.sleep(2);
                    continue;
                }
                if (!feedOnce()) Thread.sleep(props.idlePoll().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!feeding) return;
                log.error("claiming a delivery batch failed; its messages return to the queue after the lease", e);
                sleep(1000);
            }
        }
    }

    /** Claims and checks one batch, then hands its messages to the senders; false when there was nothing to do. */
    boolean feedOnce() throws InterruptedException {
        // issue 18: a node that could not renew its heartbeat claims nothing: the others may soon hold it dead
        if (!nodes.leaseValid()) return false;
        List<Runs.Run> snapshot = active;
        // one slot per active run, then one per channel's transactional queue
        int slots = snapshot.size() + transactionalChannels.size();
        int start = Math.floorMod(cursor.getAndIncrement(), slots);
        for (int k = 0; k < slots; k++) {
            int i = (start + k) % slots;
            Runs.Run run = i >= snapshot.size() ? null : snapshot.get(i);
            if (run != null && !run.active()) continue;
            // issue 18: no claim of a channel this node cannot send now (an SMSC whose binds other nodes hold)
            ChannelPort port = ports.get(run != null ? run.channel : Channel.of(transactionalChannels.get(i - snapshot.size())));
            if (port != null && !port.canSendNow()) continue;
            // a throttled run claims about a second's worth, and only once the previous claim has left: its messages
            // wait for their turn on the run's limiter, and no more than one claim's worth of senders waits with them
            // (the others keep serving the other runs); progress and pauses stay responsive
            boolean throttled = run != null && run.throttlePerMinute != null;
            if (throttled && inFlight(run).get() > 0) continue;
            int size = !throttled ? props.batchSize() : Math.max(1, Math.min(props.batchSize(), run.throttlePerMinute / 60));
            List<Queue.Item> claimed = run == null ? queue.claim(null, transactionalChannels.get(i - snapshot.size()), size)
                    : queue.claim(run.campaignId, null, size);
            if (claimed.isEmpty()) {
                if (run != null) maybeFinish(run);
                continue;
            }
            Batch batch;
            try {
                batch = check(run, claimed);
            } catch (RuntimeException e) {
                // the batch-level reads failed: nothing was sent, the messages go back to the queue at once
                for (Queue.Item it : claimed) hand(new Result(it, null, QueueStatus.RELEASED, null, null, null, null, null, false, null, null));
                throw e;
            }
            if (run != null) inFlight(run).addAndGet(claimed.size());
            for (Queue.Item it : claimed) ready.put(new Job(batch, it));
            return true;
        }
        return false;
    }

    /** Messages of a run claimed by this node and not yet through a sender. */
    private AtomicInteger inFlight(Runs.Run run) {
        return inFlightByRun.computeIfAbsent(run.campaignId, k -> new AtomicInteger());
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

    /** What the batch-level checks found, shared by the batch's messages. */
    private record Batch(Runs.Run run, Account account, AccountDirectory.ChannelStatus channelStatus, Channel channel, boolean marketing,
            SendingHours hours, Set<String> suppressed, Map<String, String> hashes, Map<UUID, Contact> byId, Map<String, WhyYouReceiveThis> why,
            Map<String, String> notCovered, ChannelPort port, RateLimiter accountLimit) {}

    /** One claimed message on its way. */
    private record Job(Batch batch, Queue.Item item) {}

    private record Result(Queue.Item item, String hash, QueueStatus status, DeliveryOutcome outcome, String reason, String detail, String providerRef,
            Instant next, boolean permanent, String code, Instant at, String source) {

        Result(Queue.Item item, String hash, QueueStatus status, DeliveryOutcome outcome, String reason, String detail, String providerRef,
                Instant next, boolean permanent, String code, Instant at) {
            this(item, hash, status, outcome, reason, detail, providerRef, next, permanent, code, at, null);
        }

        /** The same result, stamped with the moment the message passed the gate onto the wire. */
        Result at(Instant wire) {
            return new Result(item, hash, status, outcome, reason, detail, providerRef, next, permanent, code, wire, source);
        }
    }

    private Batch check(Runs.Run run, List<Queue.Item> batch) {
        UUID accountId = batch.getFirst().accountId();
        Channel channel = Channel.of(batch.getFirst().channel());
        boolean marketing = run != null && run.marketing;
        SendingHours hours = policies.current().policy().sendingHours();
        Account account = accounts.get(accountId);
        var channelStatus = accounts.channelStatus(accountId, channel);
        Map<String, String> hashes = new HashMap<>();
        for (Queue.Item it : batch) hashes.put(it.recipient(), pseudonyms.address(it.recipient()));
        Set<String> suppressed = gate.suppressedAmong(accountId, channel, hashes.values(), marketing);
        Map<UUID, Contact> byId = new HashMap<>();
        Map<String, WhyYouReceiveThis> why = Map.of();
        if (run != null) {
            List<UUID> ids = batch.stream().map(Queue.Item::contactId).filter(java.util.Objects::nonNull).toList();
            contacts.findAll(accountId, ids).forEach(c -> byId.put(c.id(), c));
        }
        // the consent in force as the ledger says it now, one read per batch: how each address was collected,
        // and X-8: a recipient whose basis (existing customer, B2B) does not cover the campaign's topic (a voicemail
        // drop rests on its own rule, R-19)
        Map<String, String> notCovered = new HashMap<>();
        if (marketing) {
            Map<String, WhyYouReceiveThis> collected = new HashMap<>();
            scopes.inForce(accountId, channel, hashes.keySet()).forEach((address, scope) -> {
                collected.put(address, scope.why());
                if (channel != Channel.VOICE && !scope.covers(run.topic)) {
                    notCovered.put(address, "X-8: the " + scope.basis().code() + " consent basis covers "
                            + (scope.subject() == null ? "no topic" : "\"" + scope.subject() + "\"") + ", not this campaign's topic "
                            + (run.topic == null ? "(none declared)" : "\"" + run.topic + "\""));
                }
            });
            why = collected;
        }
        RateLimiter accountLimit = props.accountRatePerSecond() > 0
                ? accountLimits.computeIfAbsent(accountId, a -> new RateLimiter(runs.throttles(), "account:" + a,
                        org.fairsend.platform.Throttles.Rate.perSecond(props.accountRatePerSecond()))) : null;
        return new Batch(run, account, channelStatus, channel, marketing, hours, suppressed, hashes, byId, why, notCovered, ports.get(channel),
                accountLimit);
    }

    private void sendLoop() {
        while (sending) {
            Job job;
            try {
                job = ready.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) continue;
            Batch b = job.batch();
            Queue.Item it = job.item();
            String hash = b.hashes().get(it.recipient());
            MDC.put("account", it.accountId().toString());
            MDC.put("campaign", b.run() == null ? "transactional" : b.run().campaignId.toString());
            MDC.put("channel", b.channel().code());
            Result r;
            try {
                r = one(b.run(), it, hash, b.account(), b.channelStatus(), b.suppressed().contains(hash), b.byId().get(it.contactId()),
                        b.why().get(it.recipient()), b.port(), b.accountLimit(), b.marketing(), b.hours(), b.notCovered().get(it.recipient()));
            } catch (RuntimeException e) {
                log.error("delivering message {} failed; it is retried", it.id(), e);
                r = new Result(it, hash, QueueStatus.QUEUED, DeliveryOutcome.DEFERRED, "internal-error", String.valueOf(e), null,
                        clock.instant().plus(props.retryDelays().getFirst()), false, null, null);
            } finally {
                MDC.clear();
                if (b.run() != null) inFlight(b.run()).decrementAndGet();
            }
            // issue 20: the sender takes its next message only once this outcome is committed, so a crash repeats at most
            // one message per sender (the ones on the wire at that instant), and while outcomes cannot be written
            // (the database is down) nothing more leaves: the senders wait instead of piling up unrecorded sends
            awaitRecorded(hand(r));
        }
    }

    private void awaitRecorded(CompletableFuture<Void> recorded) {
        while (sending) {
            try {
                recorded.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                // the commit thread is still writing (or retrying): wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                return; // never completed exceptionally; the outcome stays with the commit thread either way
            }
        }
    }

    private void commitLoop() {
        List<Pending> group = new ArrayList<>();
        boolean stopping = false;
        while (true) {
            try {
                if (group.isEmpty()) {
                    Pending first = done.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping || (!running.get() && Thread.currentThread().isInterrupted())) return;
                        continue;
                    }
                    group.add(first);
                }
                // whatever arrived while the previous group was written goes in this one
                done.drainTo(group, 2_000 - group.size());
                commit(group.stream().map(Pending::result).toList());
                group.forEach(p -> p.recorded().complete(null));
                group.clear();
            } catch (InterruptedException e) {
                // stop(): everything the senders produced is in the queue; commit it, then leave
                stopping = true;
                done.drainTo(group);
                if (group.isEmpty()) return;
            } catch (RuntimeException e) {
                // kept in memory and retried: the messages left, their outcomes must be recorded
                log.error("recording {} delivery outcomes failed; retrying", group.size(), e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    stopping = true;
                }
            }
        }
    }

    private Result one(Runs.Run run, Queue.Item it, String hash, Account account, AccountDirectory.ChannelStatus channelStatus,
            boolean suppressedAtClaim, Contact contact, WhyYouReceiveThis why, ChannelPort port, RateLimiter accountLimit,
            boolean marketing, SendingHours hours, String notCovered) {
        Instant now = clock.instant();
        if (run != null && !run.active()) return released(it, hash);
        if (!channelStatus.canSend()) return blocked(it, hash, "channel-" + channelStatus.status(), channelStatus.reason());
        Result frozen = frozen(it, hash);
        if (frozen != null) return frozen;
        if (suppressedAtClaim) return blocked(it, hash, "suppressed", "on the suppression list");
        if (run != null && it.contactId() != null && contact == null) return blocked(it, hash, "contact-erased", "the contact no longer exists");
        // a voicemail drop may also rest on a contract in progress instead of a consent record
        boolean contract = Channel.of(it.channel()) == Channel.VOICE && contact != null && contact.contractActive() && contact.customerSince() != null;
        if (marketing && why == null && !contract) return blocked(it, hash, "no-consent", "no consent record in force for this address");
        if (marketing && notCovered != null && !contract) return blocked(it, hash, "subject-not-covered", notCovered);
        Channel channel = Channel.of(it.channel());
        if (port == null) {
            return new Result(it, hash, QueueStatus.QUEUED, DeliveryOutcome.DEFERRED, "no-transport", "no " + channel.code() + " transport is configured", null,
                    now.plus(props.retryDelays().getFirst()), false, null, null);
        }
        Result held = marketing ? held(it, hash, hours, channel, now) : null;
        if (held != null) return held;
        RenderedContent content;
        try {
            content = rendered(run, it, account, contact, why);
        } catch (org.fairsend.delivery.TemplateRefused e) {
            // issue 13: the template sandbox refused it (reads the host, calls Java, over its budget): failed with the
            // rule as the reason, never a bounce (not permanent), and the run goes on
            return new Result(it, hash, QueueStatus.FAILED, DeliveryOutcome.FAILED, e.rule().code(), e.field() + ": " + e.getMessage(), null, null, false,
                    MessageFailed.RENDER, null);
        } catch (org.fairsend.delivery.email.EmailRenderer.Unsigned e) {
            // no marketing mail without a published signing key; failed, never a bounce
            return new Result(it, hash, QueueStatus.FAILED, DeliveryOutcome.FAILED, "unsigned", e.getMessage(), null, null, false, MessageFailed.RENDER, null);
        } catch (Exception e) {
            return new Result(it, hash, QueueStatus.FAILED, DeliveryOutcome.FAILED, "render-error", e.getMessage(), null, null, true, MessageFailed.RENDER, null);
        }
        if (run != null && run.throttle() != null && !run.throttle().acquire(run::active)) return released(it, hash);
        if (accountLimit != null) accountLimit.acquire();
        // a throttled message may have waited past the window's close
        held = marketing ? held(it, hash, hours, channel, clock.instant()) : null;
        if (held != null) return held;
        // the last-mile gate: right before the wire, what was recorded since the claim
        if (run != null && !run.active()) return released(it, hash);
        // issue 18: this node's claims are its own only while its heartbeat lives; past that the others may take them
        if (!nodes.leaseValid()) return released(it, hash);
        // issue 18: a message taken back from a node held dead may have left from it (its late outcome, fenced off the
        // queue, is in the send log): recorded sent, not sent again; a first attempt has nothing to look for
        if (it.attempt() > 1) {
            String by = sendLog.sentBy(it.id());
            if (by != null) {
                return new Result(it, hash, QueueStatus.SENT, null, null, "already sent" + (by.isEmpty() ? "" : " by node " + by)
                        + " (send log): not sent again", null, null, false, null, null);
            }
        }
        if (gate.suppressedSince(it.accountId(), channel, hash, marketing)) {
            return blocked(it, hash, "suppressed", "suppressed while the campaign was sending");
        }
        // issue 19: an account frozen since the claim (on this node at once, on another within a poll)
        frozen = frozen(it, hash);
        if (frozen != null) return frozen;
        var passedGate = new java.util.concurrent.atomic.AtomicReference<Instant>();
        OutboundMessage m = new OutboundMessage(it.id(), it.accountId(), it.campaignId(), channel, it.recipient(), it.attempt(),
                content, () -> {
                    if (run != null && !run.active()) return DeliveryResult.Withholding.RELEASED;
                    if (!nodes.leaseValid()) return DeliveryResult.Withholding.RELEASED; // issue 18
                    if (gate.suppressedSince(it.accountId(), channel, hash, marketing)) return DeliveryResult.Withholding.SUPPRESSED;
                    if (gate.frozen(it.accountId()) != null) return DeliveryResult.Withholding.FROZEN; // issue 19
                    passedGate.set(clock.instant());
                    return null;
                });
        DeliveryResult r = timer("transport", it.channel()).record(() -> port.send(m));
        Result result = switch (r) {
            case DeliveryResult.Withheld w -> switch (w.why()) {
                case RELEASED -> released(it, hash);
                case FROZEN -> {
                    Result f = frozen(it, hash);
                    yield f != null ? f : blocked(it, hash, FROZEN, "the account is frozen by the operator");
                }
                case SUPPRESSED -> blocked(it, hash, w.reason(), "suppressed while the campaign was sending");
            };
            case DeliveryResult.Delivered d -> new Result(it, hash, QueueStatus.SENT, DeliveryOutcome.SENT, null, d.reply(), d.providerRef(), null, false, null, null,
                    d.sourceAddress());
            case DeliveryResult.PermanentFailure p -> new Result(it, hash, QueueStatus.FAILED, DeliveryOutcome.FAILED, "permanent", p.reply(), null, null, true, p.code(),
                    null);
            case DeliveryResult.TemporaryFailure t -> {
                if (it.attempt() > props.retryDelays().size()) {
                    yield new Result(it, hash, QueueStatus.FAILED, DeliveryOutcome.EXPIRED, "retries-exhausted", t.reply(), null, null, false, t.code(), null);
                }
                yield new Result(it, hash, QueueStatus.QUEUED, DeliveryOutcome.DEFERRED, "temporary", t.reply(), null,
                        now.plus(props.retryDelays().get(it.attempt() - 1)), false, t.code(), null);
            }
        };
        return passedGate.get() == null ? result : result.at(passedGate.get());
    }

    /** Back to the queue untouched: the run was paused, suspended or stopped before this message left. */
    private static Result released(Queue.Item it, String hash) {
        return new Result(it, hash, QueueStatus.RELEASED, null, null, null, null, null, false, null, null);
    }

    private static Result released(Job j) {
        return released(j.item(), j.batch().hashes().get(j.item().recipient()));
    }

    /** outside its channel's window in the recipient's time zone, a marketing message waits for the opening. */
    private Result held(Queue.Item it, String hash, SendingHours hours, Channel channel, Instant now) {
        Instant until = windows.heldUntil(hours, channel, it.recipient(), now);
        if (until == null) return null;
        return new Result(it, hash, QueueStatus.HELD, DeliveryOutcome.HELD, "sending-hours", "outside the " + channel.code()
                + " sending hours (X-4); held until " + until, null, until, false, null, null);
    }

    /** The send log's reason for a message of a frozen account, as the batch check writes it ({@code channel-} and the state). */
    static final String FROZEN = "channel-" + AccountDirectory.ChannelState.FROZEN;

    /**
     * Issue 19 (seed 002 §1.5): a message of an account the operator froze is blocked, on every channel, transactional ones
     * too, with the operator's reason; null when the account is not frozen.
     */
    private Result frozen(Queue.Item it, String hash) {
        String reason = gate.frozen(it.accountId());
        return reason == null ? null : blocked(it, hash, FROZEN, "the account is frozen by the operator: " + reason);
    }

    private static Result blocked(Queue.Item it, String hash, String reason, String detail) {
        return new Result(it, hash, QueueStatus.BLOCKED, DeliveryOutcome.BLOCKED, reason, detail, null, null, false, null, null);
    }

    /**
     * The render on the render pool (CPU work off the virtual threads that wait on the wire), timed; the renderer's
     * own exceptions come back as they were thrown.
     */
    private RenderedContent rendered(Runs.Run run, Queue.Item it, Account account, Contact contact, WhyYouReceiveThis why) throws Exception {
        Timer t = timer("render", it.channel());
        java.util.concurrent.Future<RenderedContent> f = renderPool.submit(() -> {
            long t0 = System.nanoTime();
            try {
                return render(run, it, account, contact, why);
            } finally {
                t.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            }
        });
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    private RenderedContent render(Runs.Run run, Queue.Item it, Account account, Contact contact, WhyYouReceiveThis why) {
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
        // issue 20: the platform's words in the recipient's language (the contact's, else the account's, else English);
        // the footer names the sending account's legal name and postal address (R-9; a rental's is the partner's account)
        java.util.Locale language = languages.choose(contact == null ? null : contact.language(), account.language());
        return compiled.render(new ChannelRenderer.Recipient(it.id(), account.id(), account.displayName(), it.recipient(), data,
                why == null ? null : why.in(languages, language), language, account.legalIdentity()));
    }

    /** One group commit: queue states, send-log rows and events of the outcomes, in one transaction. */
    private void commit(List<Result> results) {
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
                    r.reason(), r.detail(), it.attempt(), r.at() == null ? now : r.at(), nodes.self(), r.source()));
            Channel channel = Channel.of(it.channel());
            String hash = r.hash();
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
        List<Long> notMine = timer("commit", "all").record(() -> tx.execute(s -> {
                    List<Long> lost = queue.record(outcomes);
                    sendLog.append(entries);
                    published.forEach(events::publishEvent);
                    return lost;
                }));
        if (notMine != null && !notMine.isEmpty()) {
            // issue 18: another node took these back while this one was held dead; their outcomes are in the send log
            // (the evidence of what left), their queue rows keep the other node's newer state
            log.warn("{} outcomes not applied to the queue: the messages were taken back by another node meanwhile (ids {})",
                    notMine.size(), notMine.size() > 20 ? notMine.subList(0, 20) + "..." : notMine);
        }
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
