package org.fairsend.feedback.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.fairsend.consent.AddressScreen;
import org.fairsend.platform.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The consent module's screen against the platform's spamtraps (issue 15): a hosted form never records, nor mails a
 * confirmation to, a known spamtrap, whichever account's form it is posted on. Read from the table, not the cache, so
 * a spamtrap added on another node counts at once.
 */
@Component
class SpamtrapScreen implements AddressScreen {

    private final JdbcClient jdbc;
    private final org.fairsend.platform.Pseudonyms pseudonyms;

    SpamtrapScreen(JdbcClient jdbc, org.fairsend.platform.Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public Set<Obstacle> obstacles(UUID accountId, Channel channel, String normalizedAddress) {
        if (channel != Channel.EMAIL) return EnumSet.noneOf(Obstacle.class);
        boolean trap = jdbc.sql("select count(*) from spamtrap where address_hash = ?").param(pseudonyms.address(normalizedAddress))
                .query(Long.class).single() > 0;
        return trap ? EnumSet.of(Obstacle.SPAMTRAP) : EnumSet.noneOf(Obstacle.class);
    }
}
