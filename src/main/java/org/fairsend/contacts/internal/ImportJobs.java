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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The life of an import job (table {@code contact_import}): created {@code running} for a checked declaration,
 * or recorded {@code refused} with no rows; ended {@code finished} or {@code failed};
 * read back with its per-line rejections. Jobs left running by a stopped
 * server are marked failed when the next one is ready.
 */
@Component
class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final ImportStore imports;
    private final Clock clock;
    private final FairsendProperties props;

    ImportJobs(ImportStore imports, Clock clock,
            FairsendProperties props) {
        this.imports = imports;
        this.clock = clock;
        this.props = props;
    }

    /** Creates the import row (status running) for a checked declaration. */
    ImportView create(UUID accountId, ImportDeclarations.Checked d) {
        ImportView v = new ImportView(Ids.newId(), accountId, d.listId(), d.format(), d.provenance(), d.provenanceDetail(),
                Status.RUNNING, 0, 0, 0, null, clock.instant(), null);
        imports.insert(v);
        return v;
    }

    /** Records a refused import: no list, no rows, no personal data, only why. Outside any caller's transaction. */
    void refused(UUID accountId, ImportDeclarations.Checked d, String why) {
        Instant now = clock.instant();
        imports.insert(new ImportView(Ids.newId(), accountId, null, d.format(), d.provenance(), null, Status.REFUSED, 0, 0, 0,
                why, now, now));
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
    void failAbandoned() {
        if (props.mode() != org.fairsend.platform.FairsendProperties.Mode.SERVE) return;
        int n = imports.failAbandoned(clock.instant());
        if (n > 0) log.warn("{} import(s) interrupted by the last stop were marked failed", n);
    }
}
