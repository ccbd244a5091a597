package org.fairsend.delivery;

import org.fairsend.platform.Channel;

/**
 * The door to the wire for one channel (SMTP, SMPP, voice provider). Only the delivery engine calls it,
 * after the last-mile gate.
 */
public interface ChannelPort {

    Channel channel();

    DeliveryResult send(OutboundMessage message);

    /**
     * How many messages this port can usefully have on the wire at once (an SMPP port: its sessions' windows
     * together); the delivery engine runs at least this many senders. 0: no opinion.
     */
    default int maxInFlight() {
        return 0;
    }

    /**
     * Whether this port can put a message on the wire now (issue 18: an SMPP port holds no bind on this node, the
     * cluster's binds being held by other nodes). The delivery engine claims none of this channel's messages while it
     * is false, so they go to the nodes that can send them. Default: always.
     */
    default boolean canSendNow() {
        return true;
    }
}
