package org.fairsend.feedback;

/**
 * An extension point of the inbound SMTP listener: another module takes the mail for addresses it owns (call
 * tracking: one address per advertising medium). The listener asks every handler at RCPT; the first that
 * accepts an address receives the messages for it, which the feedback pipeline then neither stores nor
 * classifies.
 */
public interface InboundMailHandler {

    /** Whether this handler takes mail for the address given at RCPT TO (as the sender wrote it). */
    boolean accepts(String recipient);

    /**
     * Handles one message for one accepted recipient. A runtime exception makes the listener answer 451 (try
     * again later), so the sender keeps the message.
     */
    void receive(String mailFrom, String recipient, String remoteAddress, byte[] raw);
}
