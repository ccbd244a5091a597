package org.fairsend.feedback.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's spamtrap list: platform-wide, kept by hash only (like suppressions), so the list itself
 * reveals no address. Held in memory (refreshed every minute for other nodes' changes) because every sent
 * message is checked against it.
 */
@Repository
class Spamtraps {

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Set<String> hashes;

    private final org.fairsend.platform.Pseudonyms pseudonyms;

    Spamtraps(JdbcClient jdbc, Clock clock, org.fairsend.platform.Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean contains(String hash) {
        Set<String> h = hashes;
        if (h == null) h = reload();
        return h.contains(hash);
    }

    @Scheduled(fixedDelayString = "${fairsend.feedback.spamtrap-refresh:60s}", initialDelayString = "${fairsend.feedback.spamtrap-refresh:60s}")
    Set<String> reload() {
        Set<String> h = ConcurrentHashMap.newKeySet();
        h.addAll(jdbc.sql("select address_hash from spamtrap").query(String.class).list());
        hashes = h;
        return h;
    }

    /** Adds normalised addresses; returns how many were new. */
    @Transactional
    int add(Collection<String> normalizedAddresses, String source) {
        int added = 0;
        for (String a : normalizedAddresses) {
            String hash = pseudonyms.address(a);
            if (jdbc.sql("select count(*) from spamtrap where address_hash = ?").param(hash).query(Long.class).single() > 0) continue;
            jdbc.sql("insert into spamtrap (address_hash, source, added_at) values (?, ?, ?)")
                    .params(hash, FeedbackRecorder.cut(source, 200), Timestamp.from(clock.instant())).update();
            added++;
        }
        reload();
        return added;
    }

    @Transactional
    boolean remove(String normalizedAddress) {
        boolean removed = jdbc.sql("delete from spamtrap where address_hash = ?").param(pseudonyms.address(normalizedAddress)).update() > 0;
        reload();
        return removed;
    }

    long count() {
        return jdbc.sql("select count(*) from spamtrap").query(Long.class).single();
    }
}
