package org.fairsend.delivery;

import org.fairsend.platform.Channel;

/**
 * The door to the wire for one channel (SMTP, SMPP, voice provider). Only the delivery engine calls it,
 * after the last-mile gate.
 */
public interface ChannelPort {

    Channel channel();

    DeliveryResult send(OutboundMessage message);
}
