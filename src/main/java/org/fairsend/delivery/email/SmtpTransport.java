package org.fairsend.delivery.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.fairsend.accounts.SenderDomains;
import org.fairsend.dedicatedip.SourceRouting;
import org.fairsend.delivery.ChannelPort;
import org.fairsend.delivery.DeliveryResult;
import org.fairsend.delivery.OutboundMessage;
import org.fairsend.delivery.RenderedContent;
import org.fairsend.platform.Channel;
import org.fairsend.platform.Throttles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * SMTP to the configured relays: connections are pooled and reused for many messages, STARTTLS is used
 * when offered, sessions run in parallel up to each relay's connection cap, and deliveries to one
 * recipient domain are capped. An account bound to a pool of source addresses (dedicated IPs) connects
 * from one of them.
 *
 * <p>Issue 18: a recipient domain's rate ({@code fairsend.email.domain-rate.*}) and a relay's rate
 * ({@code relays[n].rate-per-second}) hold for every node together (buckets {@code domain:<domain>} and
 * {@code relay:<host>:<port>} of the platform's {@link Throttles}). A message waits for its domain's token once it
 * holds its domain slot, right before it goes to the relay, on its own (virtual) sender thread: only the messages to
 * the same domain wait behind it. Past {@code domain-rate.max-wait} it is deferred (4.4.5) and retried later.
 *
 * <p>Issue 19: an account holding a dedicated address ({@link SourceRouting}) sends from it within its warm-up plan's
 * daily cap per mailbox provider, decided right before the relay; past the cap from the shared addresses (unbound: the
 * host's own). The local address a delivered message left from is read off its connection and recorded in the send log.
 */
@Component
class SmtpTransport implements ChannelPort, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SmtpTransport.class);

    private final EmailProperties props;
    private final SenderDomains senders;
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> domains = new ConcurrentHashMap<>();

    private final Throttles throttles;
    private final SourceRouting routing;
    private volatile boolean open = true;

    SmtpTransport(EmailProperties props, SenderDomains senders, Throttles throttles, SourceRouting routing) {
        this.props = props;
        this.senders = senders;
        this.throttles = throttles;
        this.routing = routing;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public DeliveryResult send(OutboundMessage message) {
        RenderedContent.Email email = (RenderedContent.Email) message.content();
        Semaphore domainCap = domains.computeIfAbsent(email.recipientDomain(), d -> new Semaphore(props.perDomainConcurrency()));
        try {
            if (!domainCap.tryAcquire(5, TimeUnit.MINUTES)) return new DeliveryResult.TemporaryFailure("4.4.5", "domain busy");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult.TemporaryFailure("4.4.5", "interrupted");
        }
        try {
            int domainRate = props.domainRate().of(email.recipientDomain());
            if (domainRate > 0) {
                long deadline = System.nanoTime() + props.domainRate().maxWait().toNanos();
                if (!throttles.acquire("domain:" + email.recipientDomain().toLowerCase(java.util.Locale.ROOT), Throttles.Rate.perSecond(domainRate),
                        () -> open && System.nanoTime() - deadline < 0)) {
                    return new DeliveryResult.TemporaryFailure("4.4.5", "domain rate: no turn for " + email.recipientDomain() + " within "
                            + props.domainRate().maxWait());
                }
            }
            DeliveryResult last = null;
            InetAddress source;
            var route = routing.route(message.accountId(), email.recipientDomain());
            if (route.isPresent()) {
                source = route.get().address(); // the dedicated address, or null: its warm-up cap is reached, the shared addresses
            } else {
                List<InetAddress> sources = sourceAddresses(message.accountId());
                source = sources.isEmpty() ? null : sources.get(ThreadLocalRandom.current().nextInt(sources.size()));
            }
            for (EmailProperties.Relay relay : props.relays()) {
                last = sendVia(relay, source, message, email);
                if (!(last instanceof DeliveryResult.TemporaryFailure t && t.code().equals("connection"))) return last;
            }
            if (route.isPresent() && source != null) {
                // issue 19: no relay could be reached from the dedicated address (not configured on this host, refused by
                // the relay): the message leaves through the shared addresses rather than wait; the send log shows which
                log.warn("no relay reachable from the dedicated address {} ({}): sending through the shared addresses", source.getHostAddress(),
                        last == null ? "" : last.reply());
                for (EmailProperties.Relay relay : props.relays()) {
                    last = sendVia(relay, null, message, email);
                    if (!(last instanceof DeliveryResult.TemporaryFailure t && t.code().equals("connection"))) return last;
                }
            }
            return last;
        } finally {
            domainCap.release();
        }
    }

    private record Sources(List<InetAddress> addresses, long expiresAt) {}

    private final Map<java.util.UUID, Sources> sources = new ConcurrentHashMap<>();

    /** The account's dedicated source addresses, re-read at most every 30 s (not once per message). */
    private List<InetAddress> sourceAddresses(java.util.UUID accountId) {
        long now = System.nanoTime();
        Sources s = sources.get(accountId);
        if (s == null || now - s.expiresAt() > 0) {
            s = new Sources(senders.sourceAddresses(accountId), now + TimeUnit.SECONDS.toNanos(30));
            sources.put(accountId, s);
        }
        return s.addresses();
    }

    private DeliveryResult sendVia(EmailProperties.Relay relay, InetAddress source, OutboundMessage message, RenderedContent.Email email) {
        // the relay's own rate, shared by every node (issue 18): taken before a connection is borrowed, so none idles meanwhile
        if (relay.ratePerSecond() > 0 && !throttles.acquire("relay:" + relay.host() + ":" + relay.port(), Throttles.Rate.perSecond(relay.ratePerSecond()),
                () -> open)) {
            return new DeliveryResult.TemporaryFailure("4.4.5", "stopping");
        }
        Pool pool = pools.computeIfAbsent(relay.host() + ":" + relay.port() + "/" + (source == null ? "" : source.getHostAddress()),
                k -> new Pool(relay, source));
        for (int attempt = 0; ; attempt++) {
            Conn conn;
            try {
                conn = pool.borrow();
            } catch (MessagingException e) {
                return new DeliveryResult.TemporaryFailure("connection", relay.host() + ":" + relay.port() + ": " + rootMessage(e));
            }
            boolean healthy = true;
            try {
                // the connection is ready: this is the last moment before the wire
                DeliveryResult.Withholding withheld = message.lastCheck() == null ? null : message.lastCheck().blockReason();
                if (withheld != null) return new DeliveryResult.Withheld(withheld);
                RawMessage raw = new RawMessage(pool.session, email.mime());
                raw.setEnvelopeFrom(email.envelopeFrom());
                conn.transport.sendMessage(raw, new InternetAddress[] {new InternetAddress(message.recipient())});
                DeliveryResult r = SmtpReplies.classify(conn.transport.getLastReturnCode(), conn.transport.getLastServerResponse());
                return r instanceof DeliveryResult.Delivered d ? d.from(conn.local) : r;
            } catch (SMTPAddressFailedException e) {
                return SmtpReplies.classify(e.getReturnCode(), e.getMessage());
            } catch (SMTPSendFailedException e) {
                if (e.getNextException() instanceof SMTPAddressFailedException a) return SmtpReplies.classify(a.getReturnCode(), a.getMessage());
                return SmtpReplies.classify(e.getReturnCode(), e.getMessage());
            } catch (jakarta.mail.SendFailedException e) {
                if (e.getNextException() instanceof SMTPAddressFailedException a) return SmtpReplies.classify(a.getReturnCode(), a.getMessage());
                healthy = false;
                // a pooled connection the relay closed meanwhile (broken pipe): its idle siblings are likely
                // dead too; drop them and try once more on a fresh connection
                if (conn.reused && attempt == 0) {
                    pool.close();
                    continue;
                }
                return new DeliveryResult.TemporaryFailure("4.0.0", rootMessage(e));
            } catch (MessagingException e) {
                healthy = false;
                // a pooled connection the server closed meanwhile: drop the idle ones, once more on a fresh one
                if (conn.reused && attempt == 0) {
                    pool.close();
                    continue;
                }
                return new DeliveryResult.TemporaryFailure("connection", rootMessage(e));
            } finally {
                pool.release(conn, healthy);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void destroy() {
        open = false;
        pools.values().forEach(Pool::close);
    }

    /** Connected transports to one relay from one source address, reused across messages. */
    private static final class Pool {
        final Session session;
        final Semaphore slots;
        final LinkedBlockingDeque<Conn> idle = new LinkedBlockingDeque<>();
        final EmailProperties.Relay relay;

        Pool(EmailProperties.Relay relay, InetAddress source) {
            this.relay = relay;
            Properties p = new Properties();
            p.put("mail.smtp.host", relay.host());
            p.put("mail.smtp.port", Integer.toString(relay.port()));
            p.put("mail.smtp.connectiontimeout", Integer.toString(relay.timeoutSeconds() * 1000));
            p.put("mail.smtp.timeout", Integer.toString(relay.timeoutSeconds() * 1000));
            p.put("mail.smtp.writetimeout", Integer.toString(relay.timeoutSeconds() * 1000));
            p.put("mail.smtp.starttls.enable", Boolean.toString(!"false".equalsIgnoreCase(relay.starttls())));
            p.put("mail.smtp.starttls.required", Boolean.toString("required".equalsIgnoreCase(relay.starttls())));
            p.put("mail.smtp.ssl.checkserveridentity", "true");
            p.put("mail.smtp.localhost", "fairsend");
            // each command waits for its reply: Nagle's algorithm would hold the last segment of a message's data
            // back until the previous one is acknowledged (half the time of a message on loopback, issue 17)
            p.put("mail.smtp.socketFactory", NoDelaySockets.INSTANCE);
            if (source != null) p.put("mail.smtp.localaddress", source.getHostAddress());
            if (relay.username() != null && !relay.username().isBlank()) p.put("mail.smtp.auth", "true");
            this.session = Session.getInstance(p);
            this.slots = new Semaphore(relay.maxConnections(), true);
        }

        Conn borrow() throws MessagingException {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted");
            }
            Conn c;
            long now = System.nanoTime();
            while ((c = idle.pollFirst()) != null) {
                // a connection idle for long may have been dropped by the server: check it (NOOP) before reuse
                if (now - c.lastUsed < TimeUnit.SECONDS.toNanos(20) || c.transport.isConnected()) {
                    c.reused = true;
                    return c;
                }
                closeQuietly(c.transport);
            }
            try {
                SMTPTransport t = (SMTPTransport) session.getTransport("smtp");
                NoDelaySockets.LAST.remove();
                t.connect(relay.host(), relay.port(), relay.username(), relay.password());
                java.net.Socket s = NoDelaySockets.LAST.get();
                NoDelaySockets.LAST.remove();
                Conn fresh = new Conn(t);
                fresh.local = s == null || s.getLocalAddress() == null ? null : s.getLocalAddress().getHostAddress();
                return fresh;
            } catch (MessagingException | RuntimeException e) {
                slots.release();
                throw e;
            }
        }

        void release(Conn c, boolean healthy) {
            if (healthy) {
                c.lastUsed = System.nanoTime();
                idle.offerFirst(c);
            } else {
                closeQuietly(c.transport);
            }
            slots.release();
        }

        void close() {
            Conn c;
            while ((c = idle.pollFirst()) != null) closeQuietly(c.transport);
        }

        private static void closeQuietly(SMTPTransport t) {
            try {
                t.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("closing SMTP connection: {}", e.getMessage());
            }
        }
    }

    /** Plain sockets with TCP_NODELAY (STARTTLS layers TLS over them). */
    static final class NoDelaySockets extends javax.net.SocketFactory {
        static final NoDelaySockets INSTANCE = new NoDelaySockets();

        /** The socket this thread made last: the pool reads the connection's local address off it (issue 19). */
        static final ThreadLocal<java.net.Socket> LAST = new ThreadLocal<>();

        @Override
        public java.net.Socket createSocket() throws IOException {
            java.net.Socket s = new java.net.Socket();
            s.setTcpNoDelay(true);
            LAST.set(s);
            return s;
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            return connected(createSocket(), null, new java.net.InetSocketAddress(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return connected(createSocket(), new java.net.InetSocketAddress(local, localPort), new java.net.InetSocketAddress(host, port));
        }

        @Override
        public java.net.Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(createSocket(), null, new java.net.InetSocketAddress(host, port));
        }

        @Override
        public java.net.Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return connected(createSocket(), new java.net.InetSocketAddress(local, localPort), new java.net.InetSocketAddress(host, port));
        }

        private static java.net.Socket connected(java.net.Socket s, java.net.InetSocketAddress local, java.net.InetSocketAddress remote)
                throws IOException {
            if (local != null) s.bind(local);
            s.connect(remote);
            return s;
        }
    }

    private static final class Conn {
        final SMTPTransport transport;
        long lastUsed = System.nanoTime();
        boolean reused;
        /** The local address of the connection (the source IP its messages leave from). */
        String local;

        Conn(SMTPTransport transport) {
            this.transport = transport;
        }
    }

    /** Already-rendered, signed bytes: written as they are, never re-encoded (that would break DKIM). */
    static final class RawMessage extends SMTPMessage {
        private final byte[] bytes;

        RawMessage(Session session, byte[] bytes) {
            super(session);
            this.bytes = bytes;
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            os.write(bytes);
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            os.write(bytes);
        }

        @Override
        public int getSize() {
            return bytes.length;
        }
    }
}
