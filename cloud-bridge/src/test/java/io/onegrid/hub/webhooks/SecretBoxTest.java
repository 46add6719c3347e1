package io.onegrid.hub.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing secrets sealed at rest under the key file. */
class SecretBoxTest {
    @TempDir
    Path dir;

    /**
     * GIVEN no key file WHEN the box is opened THEN a key is made readable by the owner only, a sealed secret does not
     * contain the secret, and the same file opens it again after a restart.
     */
    @Test
    void keyFileIsMadeOnceAndReused() throws Exception {
        Path key = dir.resolve("data/webhook-secrets.key");
        SecretBox box = SecretBox.open(key, new SecureRandom());
        String sealed = box.seal("whsec-a-secret-of-some-length");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(sealed).startsWith("v1:").doesNotContain("whsec");
        assertThat(box.seal("whsec-a-secret-of-some-length")).isNotEqualTo(sealed);
        assertThat(SecretBox.open(key, new SecureRandom()).open(sealed)).isEqualTo("whsec-a-secret-of-some-length");
    }

    /** GIVEN a secret sealed under one key WHEN opened with another key, or altered THEN it is refused, not misread. */
    @Test
    void otherKeyOrAlteredSealFails() {
        String sealed = SecretBox.open(dir.resolve("a.key"), new SecureRandom()).seal("whsec-a-secret-of-some-length");
        SecretBox other = SecretBox.open(dir.resolve("b.key"), new SecureRandom());

        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key file");
        char[] c = sealed.toCharArray();
        c[10] = c[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> SecretBox.open(dir.resolve("a.key"), new SecureRandom()).open(new String(c)))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * GIVEN no key file WHEN the box is opened THEN nothing is made yet (a hub without webhooks needs no writable place),
     * opening a sealed secret fails naming the missing file, and sealing in a folder that cannot be made fails naming it.
     */
    @Test
    void keyFileIsMadeOnFirstSealOnly() throws Exception {
        Path key = dir.resolve("later/webhook-secrets.key");
        SecretBox box = SecretBox.open(key, new SecureRandom());

        assertThat(key).doesNotExist();
        assertThatThrownBy(() -> box.open("v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")).hasMessageContaining("is missing");
        Files.writeString(dir.resolve("a-file"), "x");
        SecretBox blocked = SecretBox.open(dir.resolve("a-file/webhook-secrets.key"), new SecureRandom());
        assertThatThrownBy(() -> blocked.seal("whsec-a-secret-of-some-length")).hasMessageContaining("a-file");
    }

    /** GIVEN a key file that is not a 32-byte key WHEN opened THEN the start fails naming the file. */
    @Test
    void badKeyFileFails() throws Exception {
        Path key = dir.resolve("bad.key");
        Files.writeString(key, "c2hvcnQ=\n");

        assertThatThrownBy(() -> SecretBox.open(key, new SecureRandom())).hasMessageContaining(key.toString());
    }
}
