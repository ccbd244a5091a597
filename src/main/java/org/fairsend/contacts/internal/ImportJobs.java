package org.fairsend.contacts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fairsend.contacts.ContactImports.Status;
import org.fairsend.contacts.internal.ImportStore.ImportView;
import org.fairsend.contacts.internal.ImportStore.Rejection;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Ids;
import org.fairsend.platform.NotFound;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fairsend.platform.cluster.ClusterNodes;
import org.fairsend.platform.cluster.JobLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The life of an import job (table {@code contact_import}): created {@code running} for a checked declaration,
 * or recorded {@code refused} with no rows; ended {@code finished} or {@code failed};
 * read back with its per-line rejections. Each running job names the node that runs it (issue 18); a job
 * whose node is no longer alive (stopped, or silent past {@code fairsend.cluster.node-timeout}) is marked failed, at
 * start-up and every {@code fairsend.contacts.abandoned-import-check} on one node (lock
 * {@value JobLocks#ABANDONED_IMPORTS}). The jobs of live nodes run on.
 */
@Component
class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final ImportStore imports;
    private final Clock clock;
    private final FairsendProperties props;
    private final ClusterNodes nodes;

    ImportJobs(ImportStore imports, Clock clock, FairsendProperties props, ClusterNodes nodes) {
        this.imports = imports;
        this.clock = clock;
        this.props = props;
        this.nodes = nodes;
    }

    /** Creates the import row (status running) for a checked declaration. */
    ImportView create(UUID accountId, ImportDeclarations.Checked d) {
        ImportView v = new ImportView(Ids.newId(), accountId, d.listId(), d.format(), d.provenance(), d.provenanceDetail(),
                Status.RUNNING, 0, 0, 0, null, clock.instant(), null);
        imports.insert(v, props.cli() ? null : nodes.self()); // a one-off command is no node: nobody watches its import
        return v;
    }

    /** Records a refused import: no list, no rows, no personal data, only why. Outside any caller's transaction. */
    void refused(UUID accountId, ImportDeclarations.Checked d, String why) {
        Instant now = clock.instant();
        imports.insert(new ImportView(Ids.newId(), accountId, null, d.format(), d.provenance(), null, Status.REFUSED, 0, 0, 0,
                why, now, now), null);
    }

    /** Ends a job: its status and error. */
    void end(ImportView v, Status status, String error) {
        imports.finish(v.id(), status, error, clock.instant());
    }

    /** The job as it stands (counters included). */
    ImportView current(UUID id) {
        return imports.find(id).orElseThrow();
    }

    ImportView get(UUID accountId, UUID id) {
        return imports.find(accountId, id).orElseThrow(() -> new NotFound("import"));
    }

    List<ImportView> list(UUID accountId) {
        return imports.list(accountId, 100);
    }

    List<Rejection> rejections(UUID accountId, UUID id, long afterLine, int limit) {
        get(accountId, id);
        return imports.rejections(id, afterLine, limit);
    }

    @EventListener(ApplicationReadyEvent.class)
    void failAbandonedAtStart() {
        if (props.mode() != org.fairsend.platform.FairsendProperties.Mode.SERVE) return;
        failAbandoned();
    }

    /** Every minute by default, on one node: the imports of nodes that died meanwhile. */
    @Scheduled(fixedDelayString = "${fairsend.contacts.abandoned-import-check:1m}", initialDelayString = "${fairsend.contacts.abandoned-import-check:1m}")
    @SchedulerLock(name = JobLocks.ABANDONED_IMPORTS, lockAtMostFor = "PT5M", lockAtLeastFor = "PT10S")
    void check() {
        if (props.cli()) return;
        failAbandoned();
    }

    /** Fails the running imports of nodes that are no longer alive; the count. */
    int failAbandoned() {
        int n = imports.failAbandoned(clock.instant(), nodes.aliveSince());
        if (n > 0) log.warn("{} import(s) whose node stopped or fell silent were marked failed", n);
        return n;
    }
}
