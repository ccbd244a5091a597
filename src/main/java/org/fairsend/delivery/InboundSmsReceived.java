package org.fairsend.delivery;

import java.time.Instant;

/**
 * A mobile-originated SMS arrived on an SMPP session (not a delivery receipt). Published synchronously in the
 * session's receiving thread: the SMSC is acknowledged only after every listener returned, so a listener that
 * fails makes the SMSC deliver it again.
 *
 * @param from the sender's number in E.164 when it parses as one, else as received
 * @param to the number it was sent to (the platform's short code)
 */
public record InboundSmsReceived(String from, String to, String text, String smsc, Instant at) {}
