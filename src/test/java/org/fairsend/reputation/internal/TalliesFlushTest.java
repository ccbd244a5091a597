package org.fairsend.reputation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.fairsend.platform.Channel;
import org.fairsend.support.Fixtures;
import org.fairsend.support.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reports flush this node's counters before they read (issue 18): a report may run in a read-only transaction (on
 * the read replica when one is configured), so the flush writes outside it; the counters reach their rows and the
 * report's transaction is not aborted by the write it could not make.
 */
@PostgresTest
class TalliesFlushTest {

    @Autowired Tallies tallies;
    @Autowired TallyStore store;
    @Autowired Fixtures fixtures;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void aFlushFromInsideAReadOnlyTransactionWritesTheCountersAndLeavesTheTransactionUsable() {
        var account = fixtures.account().id();
        LocalDate day = tallies.dayOf(java.time.Instant.now());
        tallies.day(account, day, Channel.EMAIL).add(Counter.SENT, 7);
        var readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        long[] seen = readOnly.execute(s -> {
            tallies.flush();
            return store.day(account, day, Channel.EMAIL).orElseThrow(); // the transaction still reads after the flush
        });
        assertThat(seen[Counter.SENT.ordinal()]).isEqualTo(7);
    }
}
