package io.onegrid.gateway.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the hub password out of Configuration Admin, whose store (under felix-cache) is a plain file: the
 * uplink gets a {@link PasswordFile} instead. An inline hub.password is written to
 * {@code <storage.dir>/secrets/hub-password} (folder 0700, file 0600 from the moment they exist); an
 * installer's hub.passwordFile is used where it is, with a warning when other users can read it.
 */
public final class PasswordFileStore {
    static final String SECRETS_DIR = "secrets";
    static final String HUB_PASSWORD = "hub-password";
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final String TEMP_PREFIX = "." + HUB_PASSWORD + "-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(PasswordFileStore.class);

    private final Consumer<String> warnings;

    /** Warnings go to the log. */
    public PasswordFileStore() {
        this(LOG::warn);
    }

    /** @param warnings receives each warning (a file others can read, a mode put right), one sentence each */
    public PasswordFileStore(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /** The loader's own copy of an inline password, for a configuration whose storage folder is {@code storageDir}. */
    public static Path storedPasswordPath(Path storageDir) {
        return storageDir.resolve(SECRETS_DIR).resolve(HUB_PASSWORD);
    }

    /**
     * Makes the configuration's hub secret available as a file and says which. Without an inline password the
     * loader's copy of an earlier one is deleted: a secret nobody uses any more should not stay on the disk.
     *
     * @return empty when the file gives no password
     * @throws IOException when the secret cannot be stored or the file's attributes cannot be read; the
     *                     message names paths only
     */
    public Optional<PasswordFile> prepare(GatewayConfig config) throws IOException {
        GatewayConfig.Hub hub = config.hub();
        Path stored = storedPasswordPath(config.storage().dir());
        if (hub.password() == null && !stored.equals(hub.passwordFile())) {
            Files.deleteIfExists(stored);
        }
        if (hub.passwordFile() != null) {
            warnIfOthersCanRead(hub.passwordFile());
            return Optional.of(new PasswordFile(hub.passwordFile(), stamp(hub.passwordFile())));
        }
        if (hub.password() != null) {
            store(stored, hub.password().value().getBytes(StandardCharsets.UTF_8));
            return Optional.of(new PasswordFile(stored, stamp(stored)));
        }
        return Optional.empty();
    }

    /** Rewrites the file only when its content differs, so its stamp (and the uplink) changes only then. */
    private void store(Path file, byte[] secret) throws IOException {
        Path dir = file.getParent();
        privateDirectory(dir);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && MessageDigest.isEqual(Files.readAllBytes(file), secret)) {
            tighten(file, FILE_MODE);
            return;
        }
        deleteStaleTemporaries(dir);
        // Created 0600 inside a 0700 folder (umask can only remove bits) and renamed over the old file in one
        // step: no moment where another user could read it, and no half-written secret after a power cut.
        Path tmp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX, PosixFilePermissions.asFileAttribute(FILE_MODE));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(secret);
                while (buffer.hasRemaining()) ch.write(buffer);
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        LOG.info("hub.password stored in {} (mode 0600)", file);
    }

    private void privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } else if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            // A symbolic link could send the secret somewhere others can read: refuse rather than follow it.
            throw new IOException(dir + " exists but is not a folder; remove it so the gateway can keep its secret there");
        }
        tighten(dir, DIR_MODE);
    }

    /** Someone loosened it (or it predates this gateway version): put it back rather than leave the secret open. */
    private void tighten(Path path, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!current.equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
            warnings.accept(path + " had mode " + PosixFilePermissions.toString(current) + "; set to "
                    + PosixFilePermissions.toString(mode));
        }
    }

    /** Left by a crash between creating and renaming: each holds a secret, so they go. */
    private static void deleteStaleTemporaries(Path dir) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path p : stale) Files.deleteIfExists(p);
        }
    }

    /** The installer's file is theirs to fix: say how, but use it (the gateway must still reach the hub). */
    private void warnIfOthersCanRead(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
            warnings.accept("hub.passwordFile " + file + " can be read by other users (mode "
                    + PosixFilePermissions.toString(mode) + "); only the gateway's user should: chmod go-rwx " + file);
        }
    }

    /**
     * Size, modification time and file identity (inode): no hash, so nothing to guess the secret from (the
     * size gives away its length, no more). The identity matters for our own rewrites: the kernel's clock for
     * modification times is coarse (a few ms), but every rename brings a new inode.
     */
    static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        Object key = a.fileKey();
        return a.size() + " bytes, modified " + a.lastModifiedTime() + (key == null ? "" : ", file " + key);
    }
}
