package org.fairsend.campaigns.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fairsend.platform.Channel;
import org.springframework.stereotype.Component;

/** The campaign strategy of each channel; every {@link Channel} must have exactly one (checked at start-up). */
@Component
class CampaignChannels {

    private final Map<Channel, CampaignChannel> byChannel = new EnumMap<>(Channel.class);

    CampaignChannels(List<CampaignChannel> channels) {
        for (CampaignChannel c : channels) {
            if (byChannel.put(c.channel(), c) != null) throw new IllegalStateException("two campaign strategies for " + c.channel());
        }
        for (Channel c : Channel.values()) {
            if (!byChannel.containsKey(c)) throw new IllegalStateException("no campaign strategy for the channel " + c.code());
        }
    }

    CampaignChannel of(Channel channel) {
        return byChannel.get(channel);
    }
}
