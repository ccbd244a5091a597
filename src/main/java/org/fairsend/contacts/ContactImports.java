package org.fairsend.contacts;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Contact imports with declared provenance as the account's own pages use them: start one from a
 * spooled file, follow its progress, read the per-line rejection report.
 */
public interface ContactImports {

    /** What the account declares about a file; {@code format} csv or jsonl. */
    record Declaration(String format, String provenance, String provenanceDetail, UUID listId) {}

    /** {@code status}: running, finished, failed or refused. */
    record ImportStatus(UUID id, UUID listId, String format, String provenance, String provenanceDetail, String status,
            long rowsRead, long rowsAccepted, long rowsRejected, String error, Instant startedAt, Instant finishedAt) {}

    record Rejection(long line, String field, String reason) {}

    /**
     * Checks the declaration (a refused source throws a {@code RuleViolation} and stores nothing from the
     * file), then imports {@code file} in the background; the file is deleted when done (or at once when refused).
     */
    ImportStatus start(UUID accountId, Declaration declaration, Path file);

    ImportStatus importStatus(UUID accountId, UUID importId);

    List<ImportStatus> imports(UUID accountId);

    /** Rejected lines after {@code afterLine}, at most {@code limit}, in line order. */
    List<Rejection> rejections(UUID accountId, UUID importId, long afterLine, int limit);
}
