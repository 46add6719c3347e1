package io.onegrid.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An empty system root that the real dpkg installs into ({@code dpkg --root}), running the packages' maintainer
 * scripts outside a chroot with DPKG_ROOT set, as Debian does for bootstrapping. deb-systemd-helper is the host's
 * real one (it honours DPKG_ROOT); adduser, deluser, delgroup and getent, which only know the host's user database,
 * are stand-ins from src/test/fake-root-bin that act on this root's /etc/passwd and /etc/group, first on the PATH
 * of dpkg's scripts only.
 */
final class FakeRoot {
    final Path dir;
    private final Path standIns;

    FakeRoot(Path dir, Path standIns) throws IOException {
        this.dir = dir;
        this.standIns = standIns;
        Path admin = dir.resolve("var/lib/dpkg");
        for (String sub : List.of("info", "updates", "triggers")) {
            Files.createDirectories(admin.resolve(sub));
        }
        Files.writeString(admin.resolve("status"), "");
        Files.writeString(admin.resolve("available"), "");
        Files.createDirectories(dir.resolve("etc"));
        // dialout exists on every Debian; gpio on Raspberry Pi OS, so the gateway's user must join both here
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\ndialout:x:20:\ngpio:x:997:\n");
    }

    /** dpkg with this root; the Java runtime and adduser the packages depend on are not in it. */
    Commands.Result dpkg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + dir, "--force-script-chrootless",
                "--force-depends", "--force-not-root", "--log=/dev/null"));
        cmd.addAll(List.of(args));
        return Commands.run(Map.of("PATH", standIns + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")
                + ":/usr/sbin:/sbin"), cmd).expectExit(0);
    }

    /** The real systemctl on this root's unit files (no running systemd needed), as an admin runs it on the system. */
    Commands.Result systemctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("systemctl", "--root=" + dir));
        cmd.addAll(List.of(args));
        return Commands.run(Map.of(), cmd);
    }

    Path path(String absolute) {
        return dir.resolve(absolute.substring(1));
    }

    String read(String absolute) throws IOException {
        return Files.readString(path(absolute));
    }

    /** The maintainer scripts' calls of the stand-ins, one line each. */
    List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
