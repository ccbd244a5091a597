package org.fairsend.dedicatedip;

import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;

/**
 * Which source address an email of an account leaves from, decided at send time (issue 19). Empty when the account has
 * no dedicated address in use (no request, or its warm-up has not started): the transport then sends as before.
 * Asking counts the message against today's cap of its mailbox provider (in the database, for every node): call it
 * once per message, right before it goes to the relay.
 */
public interface SourceRouting {

    /**
     * @param address the dedicated address to bind to; null: the platform's shared addresses (the day's cap of the
     *     recipient's provider is reached)
     * @param provider the recipient's mailbox provider (policy {@code dedicatedIp.providers})
     */
    record Route(InetAddress address, String provider) {
        public boolean dedicated() {
            return address != null;
        }
    }

    Optional<Route> route(UUID accountId, String recipientDomain);
}
