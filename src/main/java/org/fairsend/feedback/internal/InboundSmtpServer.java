package org.fairsend.feedback.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fairsend.delivery.MessageLinks;
import org.fairsend.feedback.InboundMailHandler;
import org.fairsend.platform.RateLimiter;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The inbound SMTP listener (SubEthaSMTP): bounces to VERP addresses, feedback-loop reports to
 * {@code fbl@<bounce-domain>} and mailto unsubscribes to {@code u-...@<bounce-domain>}. Anything else is
 * refused at RCPT (550 5.1.1), unless an {@link InboundMailHandler} of another module accepts it. Sizes, connections
 * and idle time are bounded so that a flood or a malformed message cannot take it down, and so are the sessions and
 * messages of each source address ({@link InboundLimits}). A recipient given twice in one transaction is one
 * delivery: the message is stored and processed once for it. Runs in {@code serve} and {@code test} modes, never in
 * {@code cli}.
 */
@Component
class InboundSmtpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundSmtpServer.class);

    private final InboundProcessor processor;
    private final MessageLinks links;
    private final FeedbackProperties.Inbound settings;
    private final boolean enabled;
    private final ObjectProvider<InboundMailHandler> handlers;
    private final InboundLimits limits;
    private volatile SMTPServer server;
    private ExecutorService executor;

    InboundSmtpServer(InboundProcessor processor, MessageLinks links, FeedbackProperties props,
            org.fairsend.platform.FairsendProperties platform, ObjectProvider<InboundMailHandler> handlers, RateLimiter limiter) {
        this.processor = processor;
        this.handlers = handlers;
        this.links = links;
        this.settings = props.inbound();
        this.enabled = settings.enabled() && !platform.cli();
        this.limits = new InboundLimits(settings, limiter);
    }

    /** The address feedback-loop reports are sent to. */
    String feedbackLoopAddress() {
        return settings.feedbackLoopLocalPart() + "@" + links.bounceDomain();
    }

    /** The port listened on (the one allocated when the setting is 0); -1 when not running. */
    int port() {
        SMTPServer s = server;
        return s == null ? -1 : s.getPortAllocated();
    }

    @Override
    public synchronized void start() {
        if (!enabled || server != null) return;
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-in-", 0).factory());
        SMTPServer.Builder b = SMTPServer.port(settings.port())
                .hostName(links.bounceDomain())
                .softwareName("Fairsend feedback")
                .maxConnections(settings.maxConnections())
                .connectionTimeout((int) settings.connectionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxMessageSize(settings.maxMessageSize())
                .maxRecipients(settings.maxRecipients())
                .executorService(executor)
                .sessionHandler(limits)
                .messageHandlerFactory(this::handler);
        if (settings.bindAddress() != null) {
            try {
                b.bindAddress(InetAddress.getByName(settings.bindAddress()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("fairsend.feedback.inbound.bind-address: " + e.getMessage(), e);
            }
        }
        SMTPServer s = b.build();
        s.start();
        server = s;
        log.info("inbound SMTP listening on {} for {}", s.getDisplayableLocalSocketAddress(), links.bounceDomain());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (executor != null) executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    private MessageHandler handler(MessageContext ctx) {
        return new Session(ctx);
    }

    private final class Session implements MessageHandler {
        private final MessageContext ctx;
        private String from;
        /** Each distinct recipient once (case and angle brackets aside), in the order given. */
        private final Map<String, String> recipients = new LinkedHashMap<>();
        private final Map<String, InboundMailHandler> handled = new HashMap<>();

        Session(MessageContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void from(String address) throws RejectException {
            if (!limits.takeMessage(peer())) {
                throw new RejectException(450, "4.7.1 too many messages from " + peer().getHostAddress() + " this minute, try again later");
            }
            this.from = address;
        }

        @Override
        public void recipient(String address) throws RejectException {
            String key = InboundProcessor.clean(address);
            if (recipients.containsKey(key)) return; // the same recipient again: one delivery
            for (InboundMailHandler h : handlers.orderedStream().toList()) {
                if (h.accepts(address)) {
                    handled.put(key, h);
                    recipients.put(key, address);
                    return;
                }
            }
            if (!processor.accepts(address, feedbackLoopAddress())) {
                throw new RejectException(550, "5.1.1 <" + address + ">: no such recipient here");
            }
            recipients.put(key, address);
        }

        @Override
        public String data(InputStream data) throws RejectException, TooMuchDataException, IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = data.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
                if (buffer.size() > settings.maxMessageSize()) {
                    // read the rest and discard it, so that the session stays in step and the client gets a 552 reply
                    // (a TooMuchDataException would drop the connection with a 421, and the client would retry)
                    buffer = null;
                    while (data.read(chunk) > 0) {
                        // discarded; the connection timeout bounds a client that never ends its DATA
                    }
                    throw new RejectException(552, "5.3.4 message too large: the limit is " + settings.maxMessageSize() + " bytes");
                }
            }
            byte[] raw = buffer.toByteArray();
            String remote = String.valueOf(ctx.getRemoteAddress());
            for (Map.Entry<String, String> rcpt : recipients.entrySet()) {
                try {
                    InboundMailHandler h = handled.get(rcpt.getKey());
                    if (h != null) h.receive(from, rcpt.getValue(), remote, raw);
                    else processor.receive(from, rcpt.getValue(), peer(), remote, raw);
                } catch (RuntimeException e) {
                    // not even stored (database down): the sender keeps the message and retries
                    log.error("inbound message for {} could not be stored", rcpt.getValue(), e);
                    throw new RejectException(451, "4.3.0 temporary failure, try again later");
                }
            }
            return null;
        }

        /** The SMTP peer's address: what a reporter's source range is matched against. */
        private InetAddress peer() {
            return ((InetSocketAddress) ctx.getRemoteAddress()).getAddress();
        }

        @Override
        public void done() {}
    }
}
