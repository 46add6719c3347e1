package io.onegrid.driver.modbus;

import static org.awaitility.Awaitility.await;

import io.onegrid.testing.ThirdPartyPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A virtual serial cable: Debian's socat joining two ptys, reachable as DIR/a and DIR/b. */
final class SocatPair implements AutoCloseable {
    final Path a;
    final Path b;
    private final Process socat;

    SocatPair(Path dir) throws IOException {
        Path program = ThirdPartyPeers.require("socat", "socat");
        a = dir.resolve("a");
        b = dir.resolve("b");
        socat = new ProcessBuilder(program.toString(), "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(a) && Files.exists(b));
    }

    @Override
    public void close() {
        socat.destroy();
    }
}
