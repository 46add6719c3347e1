package io.onegrid.driver.coap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PSK file: hex digits, whitespace ignored, owner-only permissions. */
class PskKeyFileTest {
    @TempDir
    Path dir;

    private Path file(String content, String permissions) throws IOException {
        Path f = dir.resolve("k" + content.hashCode() + permissions.hashCode());
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    /** GIVEN xxd -p style hex with a line break WHEN read THEN the key is the bytes the hex spells. */
    @Test
    void readsHexKey() throws IOException {
        assertThat(PskKeyFile.read(file("7365637265\n7450534b\n", "rw-------")))
                .isEqualTo("secretPSK".getBytes(StandardCharsets.US_ASCII));
    }

    /** GIVEN a key file others may read, or one that is not hex WHEN read THEN it is refused with the fix, and the key is not in the message. */
    @Test
    void refusesOpenOrMalformedFiles() throws IOException {
        assertThatThrownBy(() -> PskKeyFile.read(file("73656372", "rw-r-----"))).hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> PskKeyFile.read(file("73656372", "rw----r--"))).hasMessageContaining("group or others");
        assertThatThrownBy(() -> PskKeyFile.read(file("secretPSK", "rw-------")))
                .hasMessageContaining("does not hold hex digits").hasMessageNotContaining("secretPSK");
        assertThatThrownBy(() -> PskKeyFile.read(file("abc", "rw-------"))).hasMessageContaining("in pairs");
        assertThatThrownBy(() -> PskKeyFile.read(file(" \n", "rw-------"))).hasMessageContaining("is empty");
        assertThatThrownBy(() -> PskKeyFile.read(dir.resolve("missing"))).hasMessageContaining("does not exist");
        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {(byte) 0xff, 0x10, (byte) 0x80});
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> PskKeyFile.read(binary)).hasMessageContaining("is binary");
    }
}
