package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    /** GIVEN a folder that does not exist yet WHEN a secret is written THEN it holds exactly the bytes with mode 0600. */
    @Test
    void secretIsWrittenWithModeOwnerOnly() throws IOException {
        Path file = dir.resolve("etc/onegrid/hub-password");
        PrivateFiles.write(file, "s3cret-s3cret-s3cret".getBytes(StandardCharsets.US_ASCII), PrivateFiles.SECRET_MODE);
        assertThat(Files.readString(file)).isEqualTo("s3cret-s3cret-s3cret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    /**
     * GIVEN an existing file and a temporary left by a run killed before its rename WHEN the file is written again
     * THEN the new content replaces the old whole, the stale temporary is gone, and the old file's loose mode is not kept.
     */
    @Test
    void rewriteReplacesWholeAndCleansUpAnInterruptedRun() throws IOException {
        Path file = dir.resolve("hub-password");
        Files.writeString(file, "old-secret-old-secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Path stale = dir.resolve(PrivateFiles.temporaryPrefix(file) + "123" + PrivateFiles.TEMP_SUFFIX);
        Files.writeString(stale, "half-wri");

        PrivateFiles.write(file, "new-secret-new-secret".getBytes(StandardCharsets.US_ASCII), PrivateFiles.SECRET_MODE);

        assertThat(Files.readString(file)).isEqualTo("new-secret-new-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(stale).doesNotExist();
        assertThat(Files.list(dir)).containsExactly(file);
    }

    /** GIVEN the target is a symbolic link to a readable place WHEN a secret is written THEN it is refused and the link's target untouched. */
    @Test
    void symbolicLinkIsNotFollowed() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("public.txt"), "public");
        Path link = Files.createSymbolicLink(dir.resolve("hub-password"), elsewhere);
        assertThatThrownBy(() -> PrivateFiles.write(link, "secret-secret-secret".getBytes(StandardCharsets.US_ASCII),
                PrivateFiles.SECRET_MODE)).isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        assertThat(Files.readString(elsewhere)).isEqualTo("public");
    }
}
