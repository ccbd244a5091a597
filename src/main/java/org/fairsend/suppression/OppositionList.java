package org.fairsend.suppression;

import java.io.Reader;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fairsend.platform.Hashing;

/**
 * The national opposition list to telephone canvassing (Bloctel, X-7), imported by the operator: one number
 * per line (national {@code 0612345678}, {@code +33...}, {@code 33...}, spaces and dots allowed) or one
 * SHA-256 per line (64 hex digits: the hash of the number in E.164, {@code +33612345678}). Only hashes are
 * stored. A failed import leaves the previous list in force.
 */
public interface OppositionList {

    /** How an import changes the list in force. */
    enum Mode {
        /** The new list replaces the one in force. */
        REPLACE,
        /** Its numbers are added to the list in force. */
        ADD;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode fromDb(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** Where an import stands. */
    enum Status {
        RUNNING, FINISHED, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromDb(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** An import and its counts; {@code firstRejections} lists the first refused lines (number: why). */
    record Import(UUID id, String source, Mode mode, Status status, long linesRead, long numbersStored,
            long linesRejected, String firstRejections, String importedBy, Instant startedAt, Instant finishedAt) {}

    /** The hash under which a number in E.164 is kept (and under which hashed lists give it). */
    static String hash(String e164) {
        return Hashing.sha256Hex(e164);
    }

    /**
     * Imports a list. {@code mode} {@code replace} (the default): the new list replaces the one in force;
     * {@code add}: its numbers are added. Lines that are neither a French-region number nor a SHA-256 are counted
     * and the first 20 kept; blank lines and lines starting with {@code #} are skipped.
     */
    Import importList(Reader in, String source, String mode, String actor);

    /** Whether a number in E.164 is on the list in force. */
    boolean isOpposed(String e164);

    /** The numbers (E.164) of the collection that are on the list in force. */
    Set<String> opposedAmong(Collection<String> e164s);

    /** How many numbers the list in force holds. */
    long size();

    Optional<Import> find(UUID id);

    /** The latest imports, newest first. */
    List<Import> imports(int limit);
}
