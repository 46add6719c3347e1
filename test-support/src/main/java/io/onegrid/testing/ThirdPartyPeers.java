package io.onegrid.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs we did not write that integration tests talk to (mosquitto, mbpoll, openssl, chromium). On a
 * developer machine without one the test is skipped with the package to install; in CI ({@code CI=true}),
 * where {@code ./onegrid test} installs them, a missing one fails the test, because a test skipped in CI
 * has not been run.
 */
public final class ThirdPartyPeers {
    private ThirdPartyPeers() {
    }

    /** The executable {@code name} on the PATH (or in /usr/sbin, where Debian puts daemons), if any. */
    public static Optional<Path> find(String name) {
        return find(name, System.getenv());
    }

    static Optional<Path> find(String name, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    /**
     * The executable {@code name}; skips the calling test when it is missing, or fails it in CI.
     *
     * @param debianPackage the package that provides it, named in the message
     */
    public static Path require(String name, String debianPackage) {
        return require(name, debianPackage, System.getenv());
    }

    static Path require(String name, String debianPackage, Map<String, String> env) {
        Optional<Path> found = find(name, env);
        if (found.isPresent()) {
            return found.get();
        }
        String why = name + " is not installed (apt-get install " + debianPackage + ")";
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            throw new AssertionError(why + "; CI=true, so a test that needs it fails instead of skipping");
        }
        Assumptions.assumeTrue(false, why);
        throw new AssertionError("unreachable");
    }
}
