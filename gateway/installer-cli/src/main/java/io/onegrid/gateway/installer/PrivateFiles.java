package io.onegrid.gateway.installer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a run interrupted at any point leaves either the old content or the new, never half
 * of it: a temporary file in the same folder, fsync, one atomic rename, then an fsync of the folder so the
 * rename itself survives a power cut. The temporary is created with its final mode, so a secret is never
 * readable by others, not even for a moment (umask can only take bits away).
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> SECRET_MODE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> CONFIG_MODE = PosixFilePermissions.fromString("rw-r-----");
    static final String TEMP_SUFFIX = ".tmp";

    private PrivateFiles() {
    }

    public static void write(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (Files.isSymbolicLink(file)) {
            // a link could send a secret somewhere others can read: refuse rather than follow it
            throw new IOException(file + " is a symbolic link; remove it and run again");
        }
        deleteTemporaries(file);
        Path tmp = Files.createTempFile(dir, temporaryPrefix(file), TEMP_SUFFIX, PosixFilePermissions.asFileAttribute(mode));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) ch.write(buffer);
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    static String temporaryPrefix(Path file) {
        return "." + file.getFileName() + "-";
    }

    /** Left by a run killed between creating and renaming; one may hold a secret, so they go. */
    static void deleteTemporaries(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, temporaryPrefix(file) + "*" + TEMP_SUFFIX)) {
            for (Path p : stale) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(p);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot open a folder for sync; the rename is still atomic there
        }
    }
}
