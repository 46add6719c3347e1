package io.onegrid.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A virtual serial cable: Debian's socat joining two ptys, reachable as DIR/a and DIR/b; or socat as a serial device
 * server, copying between a TCP port and a pty (DIR/b), as the boxes at a riser do.
 */
public final class SocatPair implements AutoCloseable {
    /** One end of the cable (the pty the other program opens). */
    public final Path a;
    /** The other end. */
    public final Path b;
    private final Process socat;

    /** A pty pair DIR/a and DIR/b; socat's log goes to DIR/socat.log. */
    public SocatPair(Path dir) throws IOException {
        this(dir, "pty,raw,echo=0,link=" + dir.resolve("a"));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(a));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private SocatPair(Path dir, String other) throws IOException {
        Path program = ThirdPartyPeers.require("socat", "socat");
        a = dir.resolve("a");
        b = dir.resolve("b");
        // the pty first: socat creates it at once, before it waits on the other address
        socat = new ProcessBuilder(program.toString(), "-d", "-d", "pty,raw,echo=0,link=" + b, other)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(b));
        } catch (RuntimeException e) {
            socat.destroy(); // no caller holds it yet
            throw e;
        }
    }

    /** A serial server: TCP 127.0.0.1:{@code port} (one connection) to the pty DIR/b. */
    public static SocatPair serialServer(Path dir, int port) throws IOException {
        return new SocatPair(dir, "tcp-listen:" + port + ",bind=127.0.0.1,reuseaddr");
    }

    @Override
    public void close() {
        socat.destroy();
    }
}
