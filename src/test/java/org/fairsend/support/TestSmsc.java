package org.fairsend.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An SMSC for tests, built on jSMPP's server side ({@link SMPPServerSessionListener}) on 127.0.0.1 and a free
 * port: it authenticates binds, answers submit_sm with message ids (or with the status a test asks for),
 * records what it received, sends delivery receipts (deliver_sm) after each accepted submit, and sends
 * mobile-originated messages on demand.
 */
public final class TestSmsc implements AutoCloseable {

    /** One submit_sm as received; {@code session} is the id of the bind it came on. */
    public record Submitted(String messageId, String source, byte sourceTon, String destination, byte dataCoding, byte esmClass,
            byte[] shortMessage, Instant at, String session) {
        /** The text without its concatenation header, decoded by the data coding. */
        public String text() {
            byte[] b = shortMessage;
            if ((esmClass & 0x40) != 0) b = java.util.Arrays.copyOfRange(b, (b[0] & 0xff) + 1, b.length);
            return dataCoding == 8 ? new String(b, StandardCharsets.UTF_16BE) : org.fairsend.content.SmsText.fromGsmBytes(b);
        }
    }

    public final String systemId;
    public final String password;
    private final SMPPServerSessionListener listener;
    private final int port;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    private final Map<String, String> receiptStates = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger enquireLinks = new AtomicInteger();
    private volatile boolean receipts = true;
    private final List<Runnable> withheld = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    public TestSmsc(String systemId, String password) throws IOException {
        this.systemId = systemId;
        this.password = password;
        int[] bound = new int[1];
        ServerConnectionFactory loopbackOnFreePort = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int port) throws IOException {
                return listen(port, 0, 50);
            }

            @Override
            public ServerConnection listen(int port, int timeout) throws IOException {
                return listen(port, timeout, 50);
            }

            @Override
            public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
                ServerSocket s = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
                s.setSoTimeout(timeout);
                bound[0] = s.getLocalPort();
                return new ServerSocketConnection(s);
            }
        };
        listener = new SMPPServerSessionListener(0, 0, loopbackOnFreePort);
        port = bound[0];
        listener.setMessageReceiverListener(new Receiver());
        Thread.ofPlatform().daemon().name("test-smsc-accept").start(this::acceptLoop);
    }

    public int port() {
        return port;
    }

    /** A server for a test class's static field (system id {@code fairsend}, password {@code s3cret}). */
    public static TestSmsc started() {
        try {
            return new TestSmsc("fairsend", "s3cret");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Points Fairsend's first SMSC ({@code fairsend.sms.smscs[0]}) at this server, from a {@code @DynamicPropertySource}. */
    public void register(org.springframework.test.context.DynamicPropertyRegistry r, String name) {
        r.add("fairsend.sms.smscs[0].name", () -> name);
        r.add("fairsend.sms.smscs[0].host", () -> "127.0.0.1");
        r.add("fairsend.sms.smscs[0].port", this::port);
        r.add("fairsend.sms.smscs[0].system-id", () -> systemId);
        r.add("fairsend.sms.smscs[0].password", () -> password);
    }

    public List<Submitted> submitted() {
        return List.copyOf(submitted);
    }

    public List<Submitted> submittedTo(String e164) {
        String d = e164.startsWith("+") ? e164.substring(1) : e164;
        return submitted.stream().filter(s -> s.destination().equals(d)).toList();
    }

    public int binds() {
        return binds.get();
    }

    /** enquire_link received (the client's keep-alive on an idle session). */
    public int enquireLinks() {
        return enquireLinks.get();
    }

    /** The receipt state for messages to this number (default DELIVRD). */
    public void receiptFor(String e164, DeliveryReceiptState state) {
        receiptStates.put(e164.replace("+", ""), state.name());
    }

    /** Answers submit_sm to this number with this command status (e.g. 0x0B invalid destination). */
    public void refuse(String e164, int status) {
        refusals.put(e164.replace("+", ""), status);
    }

    /** The next {@code n} submit_sm are answered ESME_RTHROTTLED. */
    public void throttleNext(int n) {
        throttleNext.set(n);
    }

    /** Off: receipts are kept back until {@link #sendWithheldReceipts()}. */
    public void sendReceipts(boolean on) {
        receipts = on;
    }

    /** Sends the receipts kept back, as an SMSC does hours later or after its client reconnected. */
    public void sendWithheldReceipts() {
        List<Runnable> all = List.copyOf(withheld);
        withheld.clear();
        all.forEach(Runnable::run);
    }

    /** Sessions bound now. */
    public int boundSessions() {
        return (int) sessions.stream().filter(x -> x.getSessionState().isBound()).count();
    }

    /** The ids of the sessions bound now. */
    public java.util.Set<String> boundSessionIds() {
        return sessions.stream().filter(x -> x.getSessionState().isBound()).map(SMPPServerSession::getSessionId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Drops one bound session (a broken connection); the others stay. Returns its id. */
    public String dropOneSession() {
        SMPPServerSession s = sessions.stream().filter(x -> x.getSessionState().isBound()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bound session"));
        sessions.remove(s);
        s.close();
        return s.getSessionId();
    }

    /** Drops every bound session, as an SMSC restarting would. */
    public void dropSessions() {
        for (SMPPServerSession s : sessions) s.close();
        sessions.clear();
    }

    /** A mobile-originated SMS from {@code from} to {@code to} on the first bound session. */
    public void mo(String from, String to, String text) throws Exception {
        boolean gsm = text.codePoints().allMatch(org.fairsend.content.SmsText::isGsm);
        byte[] body = gsm ? org.fairsend.content.SmsText.gsmBytes(text) : text.getBytes(StandardCharsets.UTF_16BE);
        SMPPServerSession s = sessions.stream().filter(x -> x.getSessionState().isBound()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no bound session"));
        s.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from.replace("+", ""), TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                new GeneralDataCoding(gsm ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2), body);
    }

    private void acceptLoop() {
        while (open) {
            try {
                SMPPServerSession session = listener.accept();
                Thread.ofVirtual().start(() -> bind(session));
            } catch (IOException e) {
                if (!open) return;
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest req = session.waitForBind(5000);
            if (systemId.equals(req.getSystemId()) && password.equals(req.getPassword())) {
                req.accept("testsmsc");
                sessions.add(session);
                binds.incrementAndGet();
            } else {
                req.reject(0x0E); // ESME_RINVPASWD
            }
        } catch (Exception e) {
            session.close();
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) throw new ProcessRequestException("throttled", 0x58);
            Integer refused = refusals.get(sm.getDestAddress());
            if (refused != null) throw new ProcessRequestException("refused", refused);
            String id = Long.toHexString(ids.incrementAndGet());
            Instant now = Instant.now();
            submitted.add(new Submitted(id, sm.getSourceAddr(), sm.getSourceAddrTon(), sm.getDestAddress(), sm.getDataCoding(),
                    sm.getEsmClass(), sm.getShortMessage(), now, source.getSessionId()));
            if ((sm.getRegisteredDelivery() & 0x03) != 0) {
                String state = receiptStates.getOrDefault(sm.getDestAddress(), "DELIVRD");
                // on the session that submitted it while it is bound (as SMSCs do), on another one after it was lost
                Runnable send = () -> receipt(source.getSessionState().isBound() ? source
                        : sessions.stream().filter(x -> x.getSessionState().isBound()).findFirst().orElse(source), sm, id, state);
                if (receipts) later.schedule(send, 30, TimeUnit.MILLISECONDS);
                else withheld.add(send);
            }
            try {
                return new SubmitSmResult(new MessageId(id), new org.jsmpp.bean.OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException("bad id", 0x08);
            }
        }

        private void receipt(SMPPServerSession session, SubmitSm sm, String id, String state) {
            try {
                DeliveryReceiptState st = DeliveryReceiptState.valueOf(state);
                DeliveryReceipt r = new DeliveryReceipt(id, 1, st == DeliveryReceiptState.DELIVRD ? 1 : 0, new Date(), new Date(), st,
                        st == DeliveryReceiptState.DELIVRD ? "000" : "001", "");
                session.deliverShortMessage("", TypeOfNumber.valueOf(sm.getDestAddrTon()), NumberingPlanIndicator.valueOf(sm.getDestAddrNpi()),
                        sm.getDestAddress(), TypeOfNumber.valueOf(sm.getSourceAddrTon()), NumberingPlanIndicator.valueOf(sm.getSourceAddrNpi()),
                        sm.getSourceAddr(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                        (byte) 0, (byte) 0, new RegisteredDelivery(0), GeneralDataCoding.DEFAULT, r.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (Exception e) {
                // the session went away: the receipt is lost, as with a real SMSC restart
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", 0x03);
        }

        @Override
        public void onAcceptEnquireLink(org.jsmpp.bean.EnquireLink enquireLink, Session source) {
            enquireLinks.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        dropSessions();
        listener.close();
        later.shutdownNow();
    }
}
