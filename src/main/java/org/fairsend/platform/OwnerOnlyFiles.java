package org.fairsend.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read or write (POSIX {@code 0600}): the embedded default's platform secret and the
 * operator's first API key. A file is written under a temporary name created with those permissions from the start
 * (never readable by others, not even for a moment), then moved into place, so a crash leaves no half-written key.
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /** Writes {@code content} to {@code path} unless it exists; false (and nothing written) when it does. */
    public static boolean createNew(Path path, String content) throws IOException {
        Path tmp = temporary(path, content);
        try {
            Files.createLink(path, tmp); // atomic, and fails when the name is taken (a rename would replace it)
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException e) {
            try {
                Files.move(tmp, path); // no hard links here: a move that refuses an existing target
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code content} to {@code path}, replacing what it held. */
    public static void replace(Path path, String content) throws IOException {
        Path tmp = temporary(path, content);
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8).strip();
    }

    /** Whether only the owner may read the file (always true where the file system has no POSIX permissions). */
    public static boolean ownerOnly(Path path) throws IOException {
        if (!posix(path)) return true;
        return OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path));
    }

    /** Takes every permission of group and others away; true when something was taken. */
    public static boolean tighten(Path path) throws IOException {
        if (ownerOnly(path)) return false;
        Files.setPosixFilePermissions(path, OWNER_ONLY);
        return true;
    }

    private static Path temporary(Path path, String content) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp;
        if (posix(dir)) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp", attr);
        } else {
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            var f = tmp.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        return tmp;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
