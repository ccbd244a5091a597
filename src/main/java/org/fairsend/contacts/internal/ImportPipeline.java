package org.fairsend.contacts.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.fairsend.contacts.ContactImports.Status;
import org.fairsend.contacts.internal.ImportStore.ImportView;
import org.fairsend.contacts.internal.ImportStore.Rejection;
import org.fairsend.platform.Parallel;
import org.fairsend.platform.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an import from its file to its end: the file is streamed ({@link ImportSource}) in batches of
 * {@code fairsend.import.batch-size} lines; each line is checked ({@link ImportLineValidator}); each batch is
 * merged ({@link ImportMerge}) in one transaction with its rejections, and the job's counters (so that
 * {@code GET /api/imports/{id}} shows progress). A failure ends the job failed
 * after the batches already committed.
 */
@Component
class ImportPipeline {

    private static final Logger log = LoggerFactory.getLogger(ImportPipeline.class);

    private final ImportJobs jobs;
    private final ImportStore imports;
    private final ImportLineValidator validator;
    private final ImportMerge merge;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final int batchSize;

    ImportPipeline(ImportJobs jobs, ImportStore imports, ImportLineValidator validator, ImportMerge merge,
            PlatformTransactionManager txm, JsonMapper json,
            @Value("${fairsend.import.batch-size:5000}") int batchSize) {
        this.jobs = jobs;
        this.imports = imports;
        this.validator = validator;
        this.merge = merge;
        this.tx = new TransactionTemplate(txm);
        this.json = json;
        this.batchSize = Math.max(1, batchSize);
    }

    /**
     * Runs an import to its end; {@code progress} sees the counters after each batch. Two stages overlap: a
     * reader thread parses and validates the next batch (no database needed) while the calling thread writes
     * the previous one in its transaction. At most two batches wait between them, so memory stays flat.
     */
    ImportView run(ImportView v, Path file, Consumer<ImportView> progress) {
        long committed = 0;
        BlockingQueue<Prepared> queue = new ArrayBlockingQueue<>(2);
        Thread reader = Thread.ofVirtual().name("import-read-" + v.id()).start(() -> read(v, file, queue));
        try {
            while (true) {
                Prepared p = queue.take();
                if (p.failure != null) throw p.failure;
                if (p.lines == 0) break; // the end of the file
                write(v, p);
                committed++;
                progress.accept(jobs.current(v.id()));
            }
            jobs.end(v, Status.FINISHED, null);
        } catch (Exception e) {
            reader.interrupt();
            log.warn("import {} failed", v.id(), e);
            String msg = e instanceof RuleViolation rv ? rv.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            jobs.end(v, Status.FAILED, "the import stopped after " + committed + " committed batch(es): " + msg);
        } finally {
            try {
                while (reader.isAlive()) {
                    queue.clear(); // a reader blocked on a full queue gets its place and sees the interruption
                    reader.join(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return jobs.current(v.id());
    }

    /** A batch read and checked, ready to be written; {@code lines == 0} ends the file. */
    private record Prepared(int lines, List<ImportCandidate> candidates, List<Rejection> rejections, Exception failure) {}

    /** The reader stage: batches of lines turned into candidates and rejections, then the end (or a failure). */
    private void read(ImportView v, Path file, BlockingQueue<Prepared> queue) {
        Prepared last = new Prepared(0, List.of(), List.of(), null);
        try (ImportSource source = ImportSource.open(file, v.format(), json)) {
            List<ImportSource.Line> batch = new ArrayList<>(batchSize);
            while (source.hasNext()) {
                batch.add(source.next());
                if (batch.size() == batchSize) {
                    queue.put(prepare(v, batch));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) queue.put(prepare(v, batch));
        } catch (InterruptedException e) {
            return; // the writer failed and stopped reading
        } catch (Exception e) {
            last = new Prepared(0, List.of(), List.of(), e);
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            // the writer is gone
        }
    }

    /**
     * Checks a batch's lines, spread over the cores (each line is checked on its own, without the database);
     * the candidates and the rejections come out in the file's order whichever thread checked them.
     */
    private Prepared prepare(ImportView v, List<ImportSource.Line> lines) {
        List<Object> checked = Parallel.map(lines.size(), i -> {
            ImportSource.Line l = lines.get(i);
            try {
                return validator.candidate(v, l);
            } catch (ImportCandidate.Rejected r) {
                return new Rejection(l.number(), r.field, r.getMessage());
            }
        });
        List<Rejection> rejections = new ArrayList<>();
        List<ImportCandidate> candidates = new ArrayList<>(lines.size());
        for (Object o : checked) {
            if (o instanceof ImportCandidate k) candidates.add(k);
            else rejections.add((Rejection) o);
        }
        return new Prepared(lines.size(), candidates, rejections, null);
    }

    /** The writer stage: one batch in one transaction. */
    private void write(ImportView v, Prepared p) {
        List<Rejection> rejections = new ArrayList<>(p.rejections());
        tx.executeWithoutResult(s -> {
            int accepted = merge.apply(v, p.candidates(), rejections);
            rejections.sort(Comparator.comparingLong(Rejection::line));
            imports.insertRejections(v.id(), rejections);
            imports.progress(v.id(), p.lines(), accepted, rejections.size());
        });
    }
}
