import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.*;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.*;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * The SMSC of bench/sms, on jSMPP's server classes: accepts any number of binds on 127.0.0.1:PORT, answers every
 * submit_sm at once with a message id, sends a DELIVRD receipt for each (RECEIPTS=1) on the session that submitted
 * it, with at most 50 deliver_sm awaiting their response per session (a window, as SMSCs have), prints submit_sm
 * per second, and writes "count first_ms last_ms binds" to STATS each second.
 *
 *   java -cp jsmpp.jar:slf4j-api.jar BenchSmsc.java PORT STATS RECEIPTS
 */
public class BenchSmsc {

    static final AtomicLong count = new AtomicLong();
    static final AtomicLong binds = new AtomicLong();
    static final AtomicLong retries = new AtomicLong();
    static volatile long first, last;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path stats = Path.of(args[1]);
        boolean receipts = args.length < 3 || args[2].equals("1");
        ExecutorService receiptSender = Executors.newVirtualThreadPerTaskExecutor();
        Map<SMPPServerSession, Semaphore> receiptWindows = new ConcurrentHashMap<>();
        ServerConnectionFactory loopback = new ServerConnectionFactory() {
            public ServerConnection listen(int p) throws java.io.IOException { return listen(p, 0, 50); }
            public ServerConnection listen(int p, int t) throws java.io.IOException { return listen(p, t, 50); }
            public ServerConnection listen(int p, int t, int b) throws java.io.IOException {
                ServerSocket s = new ServerSocket(p, b, InetAddress.getLoopbackAddress());
                s.setSoTimeout(t);
                return new ServerSocketConnection(s);
            }
        };
        SMPPServerSessionListener listener = new SMPPServerSessionListener(port, 0, loopback);
        listener.setPduProcessorDegree(8);
        listener.setMessageReceiverListener(new ServerMessageReceiverListener() {
            public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession session) throws ProcessRequestException {
                long n = count.incrementAndGet();
                long now = System.currentTimeMillis();
                if (n == 1) first = now;
                last = now;
                String id = Long.toHexString(0x100000 + n);
                if (receipts && (sm.getRegisteredDelivery() & 0x03) != 0) {
                    Semaphore window = receiptWindows.computeIfAbsent(session, s -> new Semaphore(50));
                    receiptSender.submit(() -> {
                        window.acquireUninterruptibly();
                        try {
                            receipt(session, sm, id);
                        } finally {
                            window.release();
                        }
                    });
                }
                try {
                    return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
                } catch (org.jsmpp.PDUStringException e) {
                    throw new ProcessRequestException("id", 8);
                }
            }
            public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
            public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
            public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
            public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
            public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
            public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
            public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
            public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException { throw new ProcessRequestException("no", 3); }
        });
        Thread.ofPlatform().daemon().start(() -> {
            long previous = 0;
            while (true) {
                try {
                    Thread.sleep(1000);
                    long n = count.get();
                    if (n != previous) System.out.println("smsc: " + (n - previous) + " submit_sm/s (total " + n + ", receipts sent again " + retries.get() + ")");
                    previous = n;
                    Files.writeString(stats, n + " " + first + " " + last + " " + binds.get() + "\n");
                } catch (Exception e) {
                    return;
                }
            }
        });
        System.out.println("smsc: listening on 127.0.0.1:" + port);
        while (true) {
            SMPPServerSession session = listener.accept();
            Thread.ofVirtual().start(() -> {
                try {
                    session.waitForBind(5000).accept("benchsmsc");
                    binds.incrementAndGet();
                } catch (Exception e) {
                    session.close();
                }
            });
        }
    }

    /** Sends the receipt, again after a negative answer or no answer (as SMSCs do), up to 10 times. */
    static void receipt(SMPPServerSession session, SubmitSm sm, String id) {
        for (int attempt = 0; attempt < 10 && session.getSessionState().isBound(); attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (receiptOnce(session, sm, id)) return;
        }
    }

    static boolean receiptOnce(SMPPServerSession session, SubmitSm sm, String id) {
        try {
            DeliveryReceipt r = new DeliveryReceipt(id, 1, 1, new Date(), new Date(), DeliveryReceiptState.DELIVRD, "000", "");
            session.deliverShortMessage("", TypeOfNumber.valueOf(sm.getDestAddrTon()), NumberingPlanIndicator.valueOf(sm.getDestAddrNpi()),
                    sm.getDestAddress(), TypeOfNumber.valueOf(sm.getSourceAddrTon()), NumberingPlanIndicator.valueOf(sm.getSourceAddrNpi()),
                    sm.getSourceAddr(), new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), GeneralDataCoding.DEFAULT, r.toString().getBytes(StandardCharsets.US_ASCII));
            return true;
        } catch (Exception e) {
            return false; // refused, timed out, or the session is gone
        }
    }
}
