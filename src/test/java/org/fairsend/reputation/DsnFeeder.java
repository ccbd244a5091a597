package org.fairsend.reputation;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A receiving MTA's dead mailboxes: answers each message GreenMail received for a recipient {@code dead} names with a
 * real RFC 3464 DSN ({@link Dsn}) to its VERP return path, through the inbound SMTP listener, once per mailbox, while
 * {@code ready} says so, until closed.
 */
public final class DsnFeeder implements AutoCloseable {

    final Set<String> bounced = ConcurrentHashMap.newKeySet();
    private final GreenMailOperations mail;
    private final int inboundPort;
    private final Dead dead;
    private final BooleanSupplier ready;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /** Whether the mailbox a message was delivered to is dead (the message and its recipient). */
    @FunctionalInterface
    public interface Dead {
        boolean test(MimeMessage message, String recipient) throws Exception;
    }

    /** {@code already}: mailboxes an earlier feeder bounced. */
    public DsnFeeder(GreenMailOperations mail, int inboundPort, Dead dead, BooleanSupplier ready, Set<String> already) {
        this.mail = mail;
        this.inboundPort = inboundPort;
        this.dead = dead;
        this.ready = ready;
        bounced.addAll(already);
        thread = Thread.ofVirtual().start(this::run);
    }

    private void run() {
        try (Dsn dsn = new Dsn(inboundPort)) {
            while (!stop.get()) {
                if (ready.getAsBoolean()) {
                    for (StoredMessage s : mail.getManagers().getImapHostManager().getAllMessages()) {
                        MimeMessage m = s.getMimeMessage();
                        String to = m.getAllRecipients()[0].toString();
                        if (!dead.test(m, to) || !bounced.add(to)) continue;
                        dsn.hardBounce(m.getHeader("Return-Path")[0].replaceAll("[<>]", "").trim(), to, m);
                    }
                }
                Thread.sleep(20);
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        thread.join(30_000);
        if (failure.get() != null) throw new AssertionError("the bounce feeder failed", failure.get());
    }
}
