package org.fairsend.contacts.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fairsend.contacts.internal.ImportStore.ImportView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs imports in the background, one virtual thread each, and deletes each spooled file when its import is
 * done. Stopping the server interrupts them; {@link ImportJobs#failAbandoned} marks them failed at the next start.
 */
@Component
class ImportExecutor {

    private static final Logger log = LoggerFactory.getLogger(ImportExecutor.class);

    private final ImportPipeline pipeline;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("import-", 0).factory());

    ImportExecutor(ImportPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Runs the import in the background; the spooled file is deleted when done. */
    void runInBackground(ImportView v, Path file) {
        executor.submit(() -> {
            try {
                pipeline.run(v, file, p -> {});
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    log.warn("could not delete {}", file, e);
                }
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
