package io.onegrid.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ThirdPartyPeersTest {
    @TempDir
    Path dir;

    /** GIVEN an executable in a PATH folder WHEN it is required THEN its path is returned. */
    @Test
    void findsAnExecutableOnThePath() throws Exception {
        Path tool = Files.createFile(dir.resolve("peer-tool"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(ThirdPartyPeers.require("peer-tool", "peer", Map.of("PATH", dir.toString()))).isEqualTo(tool);
    }

    /** GIVEN a missing peer on a developer machine WHEN required THEN the test is skipped, naming the package. */
    @Test
    void missingPeerSkipsOutsideCi() {
        assertThatThrownBy(() -> ThirdPartyPeers.require("no-such-peer", "the-package", Map.of("PATH", dir.toString())))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("apt-get install the-package");
    }

    /** GIVEN a missing peer with CI=true WHEN required THEN the test fails instead of skipping. */
    @Test
    void missingPeerFailsInCi() {
        assertThatThrownBy(() -> ThirdPartyPeers.require("no-such-peer", "the-package",
                Map.of("PATH", dir.toString(), "CI", "true")))
                .isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("CI=true");
    }
}
