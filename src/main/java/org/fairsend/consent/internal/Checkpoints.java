package org.fairsend.consent.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.fairsend.platform.FairsendProperties;
import org.fairsend.platform.Hashing;
import org.fairsend.platform.OwnerOnlyFiles;
import org.fairsend.platform.Pseudonyms;
import org.springframework.stereotype.Component;

/**
 * The consent chain's checkpoints: text files outside the database, one line per account with the head's
 * sequence number and chain hash, and a MAC over the whole text under a key derived from the install's pseudonym
 * key (itself sealed by the platform secret). Whoever can write the database but not read the platform secret can
 * neither forge a checkpoint nor recompute the chain; whoever holds both (the platform itself) is still caught by the
 * checkpoint files already written and by the file digests mailed to the operator, which he keeps.
 *
 * <p>A MAC rather than a signature: checking a checkpoint needs the platform ({@code fairsend consent verify
 * --checkpoint FILE}); the mailed digest (SHA-256 of the file) lets the operator check, without it, that a file is
 * the one written that day.
 */
@Component
class Checkpoints {

    static final String PURPOSE = "consent-checkpoint";
    static final String MAGIC = "Fairsend consent checkpoint 1";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Pseudonyms pseudonyms;
    private final Path dir;

    Checkpoints(Pseudonyms pseudonyms, AnchorProperties props, FairsendProperties platform) {
        this.pseudonyms = pseudonyms;
        Path d = props.anchorDir();
        if (d == null || d.toString().isBlank()) {
            Path data = platform.keyFile() == null ? null : platform.keyFile().toAbsolutePath().getParent();
            d = data == null ? Path.of("data", "anchors") : data.resolve("anchors");
        }
        this.dir = d;
    }

    /** One account's head at the time of the checkpoint. */
    record Head(UUID accountId, long seq, String chainHash) {}

    /**
     * A checkpoint read back. {@code problem} is set when the file is not authentic (its MAC does not match, or it is
     * not a checkpoint): then its heads must not be trusted and every chain compared with it is reported.
     */
    record Checkpoint(Path file, Instant writtenAt, Map<UUID, Head> heads, String problem) {
        boolean authentic() {
            return problem == null;
        }
    }

    Path dir() {
        return dir;
    }

    /** Writes a checkpoint of these heads (owner-only) and returns its file. */
    Path write(Instant at, List<Head> heads) {
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        text.append("written ").append(at).append('\n');
        for (Head h : heads) {
            text.append("account ").append(h.accountId()).append(" seq ").append(h.seq()).append(" chain ")
                    .append(h.chainHash()).append('\n');
        }
        String body = text.toString();
        String content = body + "mac " + pseudonyms.mac(PURPOSE, body);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("consent-checkpoint-" + NAME.format(at) + ".txt");
            // two nodes (or a re-run) in the same millisecond write the same heads: the first file stands
            OwnerOnlyFiles.createNew(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the consent checkpoint in " + dir, e);
        }
    }

    /** The newest checkpoint in the directory, if any. */
    Optional<Checkpoint> latest() {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("consent-checkpoint-") && n.endsWith(".txt");
            }).max(java.util.Comparator.comparing(p -> p.getFileName().toString())).map(this::read);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the consent checkpoints in " + dir, e);
        }
    }

    /** Reads a checkpoint and checks its MAC. */
    Checkpoint read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the consent checkpoint " + file, e);
        }
        int macAt = text.lastIndexOf("\nmac ");
        if (!text.startsWith(MAGIC + "\n") || macAt < 0) {
            return new Checkpoint(file, null, Map.of(), "the file " + file.getFileName() + " is not a consent checkpoint");
        }
        String body = text.substring(0, macAt + 1);
        String mac = text.substring(macAt + 5).strip();
        boolean valid = MessageDigest.isEqual(mac.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                pseudonyms.mac(PURPOSE, body).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (!valid) {
            return new Checkpoint(file, null, Map.of(), "the checkpoint " + file.getFileName()
                    + " does not carry this install's MAC: it was altered or not written by this install");
        }
        Instant written = null;
        Map<UUID, Head> heads = new LinkedHashMap<>();
        try {
            for (String line : body.split("\n")) {
                String[] w = line.split(" ");
                if (w.length == 2 && w[0].equals("written")) written = Instant.parse(w[1]);
                if (w.length == 6 && w[0].equals("account")) {
                    UUID id = UUID.fromString(w[1]);
                    heads.put(id, new Head(id, Long.parseLong(w[3]), w[5]));
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Checkpoint(file, null, Map.of(), "the checkpoint " + file.getFileName() + " cannot be read: " + e.getMessage());
        }
        return new Checkpoint(file, written, heads, null);
    }

    /** The SHA-256 of a checkpoint file, as mailed to the operator. */
    static String digest(Path file) {
        try {
            return Hashing.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
