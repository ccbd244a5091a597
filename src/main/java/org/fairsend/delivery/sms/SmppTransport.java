package org.fairsend.delivery.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fairsend.content.SmsText;
import org.fairsend.delivery.ChannelPort;
import org.fairsend.delivery.DeliveryResult;
import org.fairsend.delivery.InboundSmsReceived;
import org.fairsend.delivery.OutboundMessage;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.delivery.internal.RateLimiter;
import org.fairsend.delivery.internal.SmsReceipts;
import org.fairsend.platform.Addresses;
import org.fairsend.platform.Channel;
import org.fairsend.platform.cluster.ClusterNodes;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SMS over SMPP 3.4 (jSMPP) to the configured SMSCs, each bound as {@code sessions} transceivers (issue 17: one
 * session's window caps what is in flight, several binds multiply it). Each message goes to the bound session
 * with the most free window slots (round robin among equals); on each session at most {@code windowSize}
 * submit_sm await their response at once (many sending threads share a session, jSMPP matches responses by
 * sequence number), and at most {@code throughputPerSecond} leave per second for the SMSC as a whole (one token
 * bucket shared by its sessions and, issue 18, by every node). The last-mile gate is asked once the message holds its window slot and its
 * token, right before its first submit_sm. Each session is supervised on its own: a lost one is re-bound with
 * exponential backoff while the others keep sending; enquire_link keeps idle ones alive.
 * Throttling answers are retried here after a short pause, then handed back as temporary failures; statuses
 * are classified by {@link SmppStatuses}. Receipts and mobile-originated messages arrive on the same
 * sessions: receipts go to {@link SmsReceipts}, MO messages are published as {@link InboundSmsReceived}.
 * <p>
 * Issue 18: with several nodes on one database, each bind first takes a slot of the SMSC's {@code cluster-sessions}
 * in {@code smpp_bind_lease} ({@link SmppBindLeases}), held on this node's heartbeat and given back on unbind; a session
 * whose slot is lost (this node's heartbeat lapsed, or another node took the slot of a node it held dead) unbinds. A
 * node holding no bind answers {@link #canSendNow()} false, and the delivery engine leaves the SMS to the others.
 */
@Component
class SmppTransport implements ChannelPort, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmppTransport.class);
    private static final int THROTTLE_RETRIES = 3;

    private final SmsProperties props;
    private final SmsReceipts receipts;
    private final ApplicationEventPublisher events;
    private final boolean enabled;
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ClusterNodes nodes;
    private final SmppBindLeases leases;
    private volatile boolean running;

    SmppTransport(SmsProperties props, SmsReceipts receipts, ApplicationEventPublisher events,
            org.fairsend.platform.FairsendProperties platform, org.fairsend.platform.Throttles throttles, ClusterNodes nodes,
            JdbcClient jdbc) {
        this.nodes = nodes;
        this.leases = new SmppBindLeases(jdbc, nodes);
        this.props = props;
        this.receipts = receipts;
        this.events = events;
        this.enabled = !platform.cli();
        for (SmsProperties.Smsc s : props.smscs()) {
            // one throughput cap per SMSC, whatever the number of binds and of nodes (issue 18: the bucket is shared)
            RateLimiter throughput = s.throughputPerSecond() > 0
                    ? new RateLimiter(throttles, "smsc:" + s.name(), org.fairsend.platform.Throttles.Rate.perSecond(s.throughputPerSecond()))
                    : null;
            for (int i = 1; i <= s.sessions(); i++) connections.add(new Connection(s, i, throughput));
        }
    }

    /** Every session's window together: how many messages the delivery engine should have on this port at once. */
    @Override
    public int maxInFlight() {
        return props.smscs().stream().mapToInt(s -> s.sessions() * s.windowSize()).sum();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void start() {
        if (!enabled || running) return;
        running = true;
        for (Connection c : connections) Thread.ofVirtual().name("smpp-" + c.label).start(c::supervise);
    }

    @Override
    public void stop() {
        running = false;
        for (Connection c : connections) {
            c.close();
            c.releaseSlot();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the delivery engine and stops after it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /**
     * Issue 18: this node can send SMS only while it holds a bind; the delivery engine claims no SMS otherwise, so they
     * go to the nodes that hold the cluster's binds.
     */
    @Override
    public boolean canSendNow() {
        return bound();
    }

    /** Whether at least one session is bound (for tests and health). */
    boolean bound() {
        return connections.stream().anyMatch(Connection::isBound);
    }

    /** Sessions bound now (for tests and health). */
    int boundSessions() {
        return (int) connections.stream().filter(Connection::isBound).count();
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        RenderedContent.Sms sms = (RenderedContent.Sms) message.content();
        Connection c = pick();
        if (c == null) return new DeliveryResult.TemporaryFailure("connection", "no SMSC session is bound");
        try {
            if (!c.window.tryAcquire(props.windowWait().toMillis(), TimeUnit.MILLISECONDS)) {
                return new DeliveryResult.TemporaryFailure("window", "no free window slot on " + c.label);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.TemporaryFailure("interrupted", "interrupted");
        }
        try {
            if (c.throughput != null) c.throughput.acquire();
            DeliveryResult.Withholding blocked = message.lastCheck().blockReason();
            if (blocked != null) return new DeliveryResult.Withheld(blocked);
            return submit(c, message, sms);
        } finally {
            c.window.release();
        }
    }

    private DeliveryResult submit(Connection c, OutboundMessage m, RenderedContent.Sms sms) {
        SMPPSession session = c.session;
        if (session == null || !session.getSessionState().isBound()) {
            return new DeliveryResult.TemporaryFailure("connection", "the session to " + c.label + " was lost");
        }
        List<String> parts = SmsText.analyse(sms.text()).parts();
        if (parts.isEmpty()) return new DeliveryResult.PermanentFailure("empty", "the SMS is empty");
        int ref = ThreadLocalRandom.current().nextInt(256);
        DataCoding coding = new GeneralDataCoding(sms.ucs2() ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT);
        TypeOfNumber sourceTon = sms.alphanumericSender() ? TypeOfNumber.ALPHANUMERIC : TypeOfNumber.UNKNOWN;
        NumberingPlanIndicator sourceNpi = sms.alphanumericSender() ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN;
        String destination = m.recipient().startsWith("+") ? m.recipient().substring(1) : m.recipient();
        String first = null;
        for (int i = 0; i < parts.size(); i++) {
            byte[] body = sms.ucs2() ? parts.get(i).getBytes(StandardCharsets.UTF_16BE) : SmsText.gsmBytes(parts.get(i));
            ESMClass esm = new ESMClass();
            if (parts.size() > 1) {
                // concatenation header (3GPP TS 23.040): IEI 00, reference, total, sequence
                byte[] udh = {0x05, 0x00, 0x03, (byte) ref, (byte) parts.size(), (byte) (i + 1)};
                byte[] withUdh = new byte[udh.length + body.length];
                System.arraycopy(udh, 0, withUdh, 0, udh.length);
                System.arraycopy(body, 0, withUdh, udh.length, body.length);
                body = withUdh;
                esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI);
            }
            String id = null;
            for (int attempt = 0; ; attempt++) {
                try {
                    id = session.submitShortMessage("", sourceTon, sourceNpi, sms.sender(), TypeOfNumber.INTERNATIONAL,
                            NumberingPlanIndicator.ISDN, destination, esm, (byte) 0, (byte) 1, null, validity(),
                            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, coding, (byte) 0, body).getMessageId();
                    break;
                } catch (NegativeResponseException e) {
                    int status = e.getCommandStatus();
                    if (SmppStatuses.throttling(status) && attempt < THROTTLE_RETRIES) {
                        pause(200L << attempt);
                        continue;
                    }
                    return SmppStatuses.classify(status, null);
                } catch (ResponseTimeoutException e) {
                    return new DeliveryResult.TemporaryFailure("timeout", "no submit_sm_resp within " + props.submitTimeout());
                } catch (IOException e) {
                    c.lost(e);
                    return new DeliveryResult.TemporaryFailure("connection", "SMPP I/O error: " + e.getMessage());
                } catch (Exception e) {
                    return new DeliveryResult.TemporaryFailure("smpp", e.toString());
                }
            }
            receipts.mapped(c.smsc.name(), id, m.id(), i + 1, parts.size());
            if (first == null) first = id;
        }
        return new DeliveryResult.Delivered(first, "ESME_ROK " + first + " via " + c.label + " (" + parts.size() + " segment"
                + (parts.size() > 1 ? "s" : "") + ", " + (sms.ucs2() ? "UCS-2" : "GSM-7") + ")");
    }

    private String validity() {
        Duration v = props.validity();
        if (v == null) return null;
        // relative time format YYMMDDhhmmss000R
        long s = v.toSeconds();
        return String.format("0000%02d%02d%02d%02d000R", s / 86400, (s % 86400) / 3600, (s % 3600) / 60, s % 60);
    }

    /**
     * The bound session with the most free window slots, round robin among equals (a session that is slow to answer
     * or waits for its SMSC's throughput cap gets fewer); waits a little for a first bind after start.
     */
    private Connection pick() {
        long deadline = System.nanoTime() + props.windowWait().toNanos();
        while (true) {
            int n = connections.size();
            if (n == 0) return null;
            int start = Math.floorMod(next.getAndIncrement(), n);
            Connection best = null;
            int free = Integer.MIN_VALUE;
            for (int k = 0; k < n; k++) {
                Connection c = connections.get((start + k) % n);
                if (!c.isBound()) continue;
                int f = c.window.availablePermits();
                if (f > free) {
                    best = c;
                    free = f;
                }
            }
            if (best != null) return best;
            if (!running || System.nanoTime() > deadline) return null;
            pause(100);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One session (bind) to an SMSC: its window, the SMSC's throughput cap (shared with the SMSC's other sessions),
     * and the supervisor that binds and re-binds it.
     */
    private final class Connection implements MessageReceiverListener {

        final SmsProperties.Smsc smsc;
        /** The SMSC's name, with the session's number when it has several. */
        final String label;
        final Semaphore window;
        final RateLimiter throughput;
        volatile SMPPSession session;
        private final Object changed = new Object();
        /** The cluster-wide bind slot this session holds (issue 18), or null. */
        private volatile Integer slot;
        private boolean waitingLogged;

        Connection(SmsProperties.Smsc smsc, int number, RateLimiter throughput) {
            this.smsc = smsc;
            this.label = smsc.sessions() > 1 ? smsc.name() + "#" + number : smsc.name();
            this.window = new Semaphore(smsc.windowSize());
            this.throughput = throughput;
        }

        boolean isBound() {
            SMPPSession s = session;
            return s != null && s.getSessionState().isBound();
        }

        void supervise() {
            long backoff = props.reconnectInitial().toMillis();
            long leaseChecked = System.nanoTime();
            while (running) {
                if (isBound()) {
                    synchronized (changed) {
                        try {
                            changed.wait(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (slot != null && System.nanoTime() - leaseChecked > nodes.heartbeat().toNanos()) {
                        leaseChecked = System.nanoTime();
                        if (!leaseHeld()) unbindForTheCluster();
                    } else if (slot != null && !nodes.leaseValid()) {
                        unbindForTheCluster();
                    }
                    continue;
                }
                // a lost or failed bind gives its slot back: a node that can reach the SMSC may take it
                releaseSlot();
                if (smsc.clusterCapped() && !acquireSlot()) {
                    pause(nodes.heartbeat().toMillis());
                    continue;
                }
                try {
                    bind();
                    backoff = props.reconnectInitial().toMillis();
                    log.info("SMPP session bound to {} as {} (transceiver{})", label, smsc.systemId(),
                            slot == null ? "" : ", cluster bind " + slot + " of " + smsc.clusterSessions() + " held by node " + nodes.self());
                    if (!running) close();
                } catch (IOException | RuntimeException e) {
                    releaseSlot();
                    log.warn("SMPP bind to {} failed: {}; retrying in {} ms", label, e.getMessage(), backoff);
                    pause(backoff);
                    backoff = Math.min(props.reconnectMax().toMillis(), backoff * 2);
                }
            }
            releaseSlot();
        }

        /** Issue 18: a free cluster-wide bind slot of this SMSC taken before binding; false when all are held by live nodes. */
        private boolean acquireSlot() {
            if (!nodes.leaseValid()) return false; // held dead soon: its slot would be taken from under it
            Integer s;
            try {
                s = leases.acquire(smsc.name(), smsc.clusterSessions());
            } catch (RuntimeException e) {
                log.warn("SMPP {}: could not take a cluster bind slot: {}", label, e.toString());
                return false;
            }
            if (s == null) {
                if (!waitingLogged) {
                    log.info("SMPP {}: the cluster's {} binds to this SMSC are held by other nodes; this node waits for a free one"
                            + " and sends no SMS meanwhile", label, smsc.clusterSessions());
                    waitingLogged = true;
                }
                return false;
            }
            waitingLogged = false;
            slot = s;
            if (!running) {
                releaseSlot();
                return false;
            }
            return true;
        }

        /** Whether this node still holds its bind slot: its own heartbeat is renewed and no other node took the slot. */
        private boolean leaseHeld() {
            if (!nodes.leaseValid()) return false;
            try {
                return leases.holds(smsc.name(), slot);
            } catch (RuntimeException e) {
                return true; // the database is out of reach: leaseValid() decides, in time, without it
            }
        }

        /** Issue 18: the bind lease lapsed (this node was, or may soon be, held dead): unbind before another node binds. */
        private void unbindForTheCluster() {
            log.warn("SMPP session to {} unbound: this node ({}) no longer holds its cluster bind slot {} (heartbeat not renewed for {})",
                    label, nodes.self(), slot, nodes.sinceRenewed());
            close();
            releaseSlot();
        }

        void releaseSlot() {
            Integer s = slot;
            if (s == null) return;
            slot = null;
            try {
                leases.release(smsc.name(), s);
            } catch (RuntimeException e) {
                // held on this node's heartbeat: free to the others once this node is held dead or stopped
                log.warn("SMPP {}: could not release cluster bind slot {}: {}", label, s, e.toString());
            }
        }

        private void bind() throws IOException {
            SMPPSession s = new SMPPSession();
            // receipts are acknowledged once stored (record, then ack: a crash between the two makes the SMSC send
            // the receipt again, which applies as a no-op; ack first would lose it): a receipt holds its thread for
            // its group commit, so one thread per window slot for the submit_sm_resp, as many for the receipts
            s.setPduProcessorDegree(Math.max(16, Math.min(200, 2 * smsc.windowSize())));
            // jSMPP answers a PDU that finds its processing queue full with a negative response (a receipt nacked,
            // a submit_sm_resp dropped and its message retried later): room for every window slot and more
            s.setQueueCapacity(Math.max(1000, 20 * smsc.windowSize()));
            s.setTransactionTimer(props.submitTimeout().toMillis());
            s.setEnquireLinkTimer((int) props.enquireLinkInterval().toMillis());
            s.setMessageReceiverListener(this);
            s.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED || newState == SessionState.UNBOUND) {
                    if (running) log.warn("SMPP session to {} is {}", label, newState);
                    synchronized (changed) {
                        changed.notifyAll();
                    }
                }
            });
            s.connectAndBind(smsc.host(), smsc.port(), new BindParameter(BindType.BIND_TRX, smsc.systemId(), smsc.password(),
                    smsc.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 10_000);
            SMPPSession old = session;
            session = s;
            if (old != null) old.close();
        }

        void lost(IOException e) {
            SMPPSession s = session;
            log.warn("SMPP session to {} failed: {}", label, e.toString());
            if (s != null) s.close();
            synchronized (changed) {
                changed.notifyAll();
            }
        }

        void close() {
            SMPPSession s = session;
            if (s != null) s.unbindAndClose();
            synchronized (changed) {
                changed.notifyAll();
            }
        }

        @Override
        public void onAcceptDeliverSm(DeliverSm d) throws ProcessRequestException {
            try {
                if (MessageType.SMSC_DEL_RECEIPT.containedIn(d.getEsmClass())) {
                    DeliveryReceipt r = d.getShortMessageAsDeliveryReceipt();
                    receipts.received(smsc.name(), r.getId(), String.valueOf(r.getFinalStatus()), r.getError(),
                            r.getDoneDate() == null ? null : r.getDoneDate().toInstant());
                    return;
                }
                String text = decode(d);
                String from = number(d.getSourceAddr(), d.getSourceAddrTon());
                events.publishEvent(new InboundSmsReceived(from, d.getDestAddress(), text, smsc.name(), Instant.now()));
            } catch (Exception e) {
                log.warn("deliver_sm from {} not processed, the SMSC will retry: {}", label, e.toString());
                throw new ProcessRequestException("not processed: " + e.getMessage(), 0x08);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // not used
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", 0x03);
        }
    }

    static String number(String raw, byte ton) {
        if (raw == null) return null;
        String digits = raw.strip();
        if (ton == TypeOfNumber.INTERNATIONAL.value() && !digits.startsWith("+")) digits = "+" + digits;
        return Addresses.phoneOrEmpty(digits, "FR").map(Addresses.Phone::e164).orElse(raw.strip());
    }

    /** The text of an MO message: UCS-2, Latin-1 or GSM 03.38 by its data coding, without a concatenation header. */
    static String decode(DeliverSm d) {
        byte[] b = d.getShortMessage() == null ? new byte[0] : d.getShortMessage();
        if ((d.getEsmClass() & 0x40) != 0 && b.length > 0) {
            int udhl = b[0] & 0xff;
            if (udhl + 1 <= b.length) b = java.util.Arrays.copyOfRange(b, udhl + 1, b.length);
        }
        int dc = d.getDataCoding() & 0xff;
        if (dc == 0x08 || (dc & 0x0c) == 0x08 && (dc & 0xf0) == 0xf0) return new String(b, StandardCharsets.UTF_16BE);
        if (dc == 0x03) return new String(b, StandardCharsets.ISO_8859_1);
        if (dc == 0x04) return new String(b, StandardCharsets.ISO_8859_1);
        return SmsText.fromGsmBytes(b);
    }
}
