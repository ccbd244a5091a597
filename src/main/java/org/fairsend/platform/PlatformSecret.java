package org.fairsend.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform secret, kept out of the database (issue 13): {@code FAIRSEND_SECRET} when set, which PostgreSQL
 * requires; on the embedded default a secret generated once into {@link FairsendProperties#keyFile()}, a file only
 * its owner may read, beside the data. An older install kept its secret in the database ({@code platform_setting
 * 'token-secret'}): on the embedded default it is moved to the key file once and deleted from the database, so
 * links already mailed and values already sealed still open; elsewhere the server refuses to start until the
 * operator has taken it into {@code FAIRSEND_SECRET} (or {@code FAIRSEND_PREVIOUS_SECRET}, to rotate).
 *
 * <p>The server resolves the secret while it starts, so a missing one stops it before it answers anything; a
 * one-off command ({@code fairsend ...}) only when it needs it, so {@code fairsend secrets legacy} still runs.
 */
@Component
class PlatformSecret {

    static final String LEGACY_SETTING = "token-secret";
    private static final int ADVISED_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(PlatformSecret.class);

    record Keys(byte[] current, List<byte[]> previous) {}

    private final FairsendProperties props;
    private final Database database;
    private final JdbcClient jdbc;
    private volatile Keys keys;

    PlatformSecret(FairsendProperties props, Database database, JdbcClient jdbc) {
        this.props = props;
        this.database = database;
        this.jdbc = jdbc;
        if (!props.cli()) keys();
    }

    byte[] current() {
        return keys().current();
    }

    /** The secrets before the current one, newest first (FAIRSEND_PREVIOUS_SECRET may name several, comma-separated). */
    List<byte[]> previous() {
        return keys().previous();
    }

    Keys keys() {
        Keys k = keys;
        if (k != null) return k;
        synchronized (this) {
            if (keys == null) keys = resolve();
            return keys;
        }
    }

    /** The secret an older install kept in the database, if it is still there (none in a database not yet migrated). */
    Optional<String> legacy() {
        try {
            return jdbc.sql("select setting_value from platform_setting where name = ?").param(LEGACY_SETTING).query(String.class).optional();
        } catch (org.springframework.dao.DataAccessException e) {
            return Optional.empty();
        }
    }

    private Keys resolve() {
        Optional<String> legacy = legacy();
        String secret = props.secret();
        if (secret == null) {
            if (database.isPostgres()) {
                throw new SecretNotConfigured(legacy.isPresent() ? SecretNotConfigured.Reason.LEGACY_IN_DATABASE
                        : SecretNotConfigured.Reason.MISSING_ON_POSTGRES, null);
            }
            secret = fromKeyFile(legacy);
        } else {
            if (legacy.isPresent()) {
                if (!legacy.get().equals(secret) && !previousSecrets().contains(legacy.get())) {
                    throw new SecretNotConfigured(SecretNotConfigured.Reason.LEGACY_CONFLICT, null);
                }
                forgetLegacy();
                log.info("the platform secret an older version kept in the database is now only in the configuration: deleted from the database");
            }
            if (secret.length() < ADVISED_LENGTH) {
                log.warn("FAIRSEND_SECRET is shorter than {} characters: generate a stronger one (openssl rand -base64 32) and rotate "
                        + "to it with FAIRSEND_PREVIOUS_SECRET and `fairsend secrets reseal`", ADVISED_LENGTH);
            }
        }
        String current = secret;
        return new Keys(current.getBytes(StandardCharsets.UTF_8), previousSecrets().stream().filter(p -> !p.equals(current))
                .map(p -> p.getBytes(StandardCharsets.UTF_8)).toList());
    }

    private List<String> previousSecrets() {
        if (props.previousSecret() == null) return List.of();
        return Stream.of(props.previousSecret().split("[,\\s]+")).filter(p -> !p.isEmpty()).toList();
    }

    private String fromKeyFile(Optional<String> legacy) {
        Path file = props.keyFile().toAbsolutePath().normalize();
        try {
            if (!Files.exists(file)) {
                String fresh = legacy.orElseGet(() -> Hashing.randomToken(32));
                if (OwnerOnlyFiles.createNew(file, fresh)) {
                    if (legacy.isPresent()) {
                        forgetLegacy();
                        log.info("the platform secret an older version kept in the database was moved to {} (owner-only) "
                                + "and deleted from the database", file);
                    } else {
                        log.info("generated the platform secret into {} (readable by its owner only): keep it with the data, "
                                + "links already mailed and sealed keys need it", file);
                    }
                    return fresh;
                }
                // another process (a command beside the server) wrote it first: use theirs
            }
            if (OwnerOnlyFiles.tighten(file)) {
                log.warn("{} was readable by other users: its permissions are now owner-only (0600)", file);
            }
            String stored = OwnerOnlyFiles.read(file);
            if (stored.isEmpty()) throw new IllegalStateException("the platform key file " + file + " is empty: restore it from a backup");
            if (legacy.isPresent()) {
                if (legacy.get().equals(stored)) {
                    forgetLegacy();
                } else {
                    log.warn("the database still holds a platform secret of an older version that differs from {}: links signed "
                            + "with it no longer verify. Set FAIRSEND_PREVIOUS_SECRET to it (fairsend secrets legacy prints it) "
                            + "and run `fairsend secrets reseal`", file);
                }
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the platform key file " + file
                    + " (set fairsend.key-file / FAIRSEND_KEY_FILE, or FAIRSEND_SECRET)", e);
        }
    }

    private void forgetLegacy() {
        jdbc.sql("delete from platform_setting where name = ?").param(LEGACY_SETTING).update();
    }

    /** Why the server cannot start with the secret it was given; {@link SecretFailureAnalyzer} explains it. */
    static final class SecretNotConfigured extends IllegalStateException {

        enum Reason { MISSING_ON_POSTGRES, LEGACY_IN_DATABASE, LEGACY_CONFLICT }

        private final Reason reason;

        SecretNotConfigured(Reason reason, Throwable cause) {
            super(description(reason) + " " + action(reason), cause);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }

        static String description(Reason reason) {
            return switch (reason) {
                case MISSING_ON_POSTGRES -> "Fairsend runs on PostgreSQL and FAIRSEND_SECRET is not set. The platform secret signs every "
                        + "link Fairsend mails (confirmation, unsubscribe, tracking) and every webhook URL, and seals the DKIM private "
                        + "keys kept in the database, so it must not live in that database and every node must share it.";
                case LEGACY_IN_DATABASE -> "Fairsend runs on PostgreSQL and FAIRSEND_SECRET is not set; the database still holds the "
                        + "secret an older version generated there, which this version no longer reads from the database (links "
                        + "already mailed and the sealed DKIM keys were made with it).";
                case LEGACY_CONFLICT -> "The database still holds the platform secret an older version generated there, and it is "
                        + "neither FAIRSEND_SECRET nor FAIRSEND_PREVIOUS_SECRET: links already mailed and the DKIM keys sealed with "
                        + "it would stop working.";
            };
        }

        static String action(Reason reason) {
            return switch (reason) {
                case MISSING_ON_POSTGRES -> "Set FAIRSEND_SECRET (the property fairsend.secret) to a random value of at least 32 bytes, "
                        + "the same on every node, kept with your other credentials: generate one with `openssl rand -base64 32` "
                        + "(or `fairsend secrets generate`), then start Fairsend again.";
                case LEGACY_IN_DATABASE -> "Print it with `fairsend secrets legacy` (same database settings), set FAIRSEND_SECRET "
                        + "to that value on every node, and start Fairsend again: it then deletes the copy in the database. To "
                        + "change it at the same time, set FAIRSEND_PREVIOUS_SECRET to it and FAIRSEND_SECRET to a new one "
                        + "(`openssl rand -base64 32`), then run `fairsend secrets reseal`.";
                case LEGACY_CONFLICT -> "Set FAIRSEND_PREVIOUS_SECRET to it (print it with `fairsend secrets legacy`), start again and "
                        + "run `fairsend secrets reseal`; or set FAIRSEND_SECRET to it.";
            };
        }
    }
}
