package org.fairsend.contacts;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Contact imports with declared provenance as the account's own pages use them: start one from a
 * spooled file, follow its progress, read the per-line rejection report.
 */
public interface ContactImports {

    /** What the account declares about a file, as typed (checked by {@link #start}); {@code format} csv or jsonl. */
    record Declaration(String format, String provenance, String provenanceDetail, UUID listId) {}

    /** Where an import stands; {@link #code()} on the wire and in the database. */
    enum Status {
        RUNNING, FINISHED, FAILED,
        /** The declared source is refused: nothing from the file was read. */
        REFUSED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromDb(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** The file formats an import reads. */
    enum Format {
        CSV, JSONL;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format fromDb(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The sources an account may declare: its own form, its shop, an event, or another source it
     * describes; and the sources that are refused outright, whatever the file holds.
     */
    enum Provenance {
        OWN_FORM(true), SHOP(true), EVENT(true), OTHER(true),
        PURCHASED(false), BOUGHT(false), RENTED(false), EXCHANGED(false), THIRD_PARTY(false), PARTNER(false),
        HARVESTED(false), SCRAPED(false), DIRECTORY(false);

        private final boolean accepted;

        Provenance(boolean accepted) {
            this.accepted = accepted;
        }

        /** False for the bought, rented, exchanged, third-party and harvested sources. */
        public boolean accepted() {
            return accepted;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The provenance of a normalised code ({@code own_form}), empty when it is none of them. */
        public static Optional<Provenance> find(String code) {
            return Arrays.stream(values()).filter(p -> p.code().equals(code)).findFirst();
        }

        public static Provenance fromDb(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    record ImportStatus(UUID id, UUID listId, Format format, Provenance provenance, String provenanceDetail, Status status,
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
