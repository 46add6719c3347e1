package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileStoreTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final PasswordFileStore store = new PasswordFileStore(warnings::add);

    private GatewayConfig config(String hubPasswordLine) throws ConfigException {
        String yaml = Samples.DEMO.replace("  password: demo-gateway-secret\n", hubPasswordLine);
        return new GatewayConfigParser(dir).parse("gw.yaml", yaml);
    }

    private Path stored() {
        return dir.resolve("run/gateway/secrets/hub-password");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static Object identity(Path p) throws Exception {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }

    /**
     * GIVEN an inline hub.password WHEN prepared THEN the secret (exactly, no newline added) is in
     * storage/secrets/hub-password, the file is rw------- and its folder rwx------, nothing else is left in
     * the folder, and the result names that file.
     */
    @Test
    void storesAnInlinePasswordInAPrivateFile() throws Exception {
        PasswordFile p = store.prepare(config("  password: demo-gateway-secret\n")).orElseThrow();

        assertThat(p.path()).isEqualTo(stored());
        assertThat(Files.readString(stored())).isEqualTo("demo-gateway-secret");
        assertThat(mode(stored())).isEqualTo("rw-------");
        assertThat(mode(stored().getParent())).isEqualTo("rwx------");
        try (var files = Files.list(stored().getParent())) {
            assertThat(files).containsExactly(stored());
        }
        assertThat(p.stamp()).doesNotContain("demo-gateway-secret").contains("19 bytes");
        assertThat(warnings).isEmpty();
    }

    /**
     * GIVEN the secret already stored WHEN prepared again with the same secret THEN the file is not rewritten
     * (same inode, same stamp); WHEN the secret changes THEN the file holds the new one and the stamp differs,
     * even for a secret of the same length.
     */
    @Test
    void rewritesOnlyWhenTheSecretChanges() throws Exception {
        PasswordFile first = store.prepare(config("  password: secret-aaaa\n")).orElseThrow();
        Object inode = identity(stored());

        PasswordFile same = store.prepare(config("  password: secret-aaaa\n")).orElseThrow();
        assertThat(identity(stored())).isEqualTo(inode);
        assertThat(same).isEqualTo(first);

        PasswordFile changed = store.prepare(config("  password: secret-bbbb\n")).orElseThrow();
        assertThat(Files.readString(stored())).isEqualTo("secret-bbbb");
        assertThat(changed.stamp()).isNotEqualTo(first.stamp());
        assertThat(mode(stored())).isEqualTo("rw-------");
    }

    /** A folder or file someone loosened is put back to 0700/0600, with a warning saying so. */
    @Test
    void tightensLoosenedPermissions() throws Exception {
        store.prepare(config("  password: demo-gateway-secret\n"));
        Files.setPosixFilePermissions(stored(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(stored().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));

        store.prepare(config("  password: demo-gateway-secret\n"));

        assertThat(mode(stored())).isEqualTo("rw-------");
        assertThat(mode(stored().getParent())).isEqualTo("rwx------");
        assertThat(warnings).hasSize(2).allMatch(w -> w.contains("had mode rw"));
    }

    /** A temporary copy left by a crash between write and rename holds the secret too: the next write removes it. */
    @Test
    void removesTemporariesLeftByACrash() throws Exception {
        store.prepare(config("  password: secret-aaaa\n"));
        Path leftover = Files.writeString(stored().resolveSibling(".hub-password-123.tmp"), "secret-old");

        store.prepare(config("  password: secret-bbbb\n"));

        assertThat(leftover).doesNotExist();
    }

    /** A symbolic link in place of the secrets folder could send the secret anywhere: refused, naming the path. */
    @Test
    void refusesASymlinkedSecretsFolder() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(dir.resolve("run/gateway"));
        Files.createSymbolicLink(dir.resolve("run/gateway/secrets"), elsewhere);

        assertThatThrownBy(() -> store.prepare(config("  password: demo-gateway-secret\n")))
                .hasMessageContaining(dir.resolve("run/gateway/secrets") + " exists but is not a folder")
                .hasMessageNotContaining("demo-gateway-secret");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    /**
     * GIVEN hub.passwordFile readable by group and others WHEN prepared THEN that file is used where it is
     * (no copy in storage) and a warning names the file and the chmod that fixes it.
     */
    @Test
    void usesTheInstallersFileAndWarnsWhenOthersCanReadIt() throws Exception {
        Path own = Files.writeString(dir.resolve("hub-password"), "s3cret-from-file\n");
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-r--r--"));

        PasswordFile p = store.prepare(config("  passwordFile: hub-password\n")).orElseThrow();

        assertThat(p.path()).isEqualTo(own.toAbsolutePath());
        assertThat(p.stamp()).isEqualTo(PasswordFileStore.stamp(own));
        assertThat(dir.resolve("run/gateway/secrets")).doesNotExist();
        assertThat(warnings).singleElement().asString()
                .contains("hub.passwordFile " + own.toAbsolutePath() + " can be read by other users (mode rw-r--r--)")
                .contains("chmod go-rwx " + own.toAbsolutePath())
                .doesNotContain("s3cret");
    }

    /** A password file only its owner can read raises no warning. */
    @Test
    void staysQuietAboutAPrivatePasswordFile() throws Exception {
        Path own = Files.writeString(dir.resolve("hub-password"), "s3cret-from-file\n");
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-------"));

        store.prepare(config("  passwordFile: hub-password\n"));

        assertThat(warnings).isEmpty();
    }

    /** When the inline password leaves the file (now passwordFile, or none), the stored copy is deleted. */
    @Test
    void deletesTheStoredCopyWhenNoLongerUsed() throws Exception {
        store.prepare(config("  password: demo-gateway-secret\n"));
        assertThat(stored()).exists();

        assertThat(store.prepare(config(""))).isEmpty();

        assertThat(stored()).doesNotExist();
    }
}
