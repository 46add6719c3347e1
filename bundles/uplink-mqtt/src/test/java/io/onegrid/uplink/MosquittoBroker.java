package io.onegrid.uplink;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's mosquitto, started from a test on a free loopback port with its own config and persistence
 * folder. Tests skip (JUnit assumption) where mosquitto is not installed; CI installs it.
 */
final class MosquittoBroker implements AutoCloseable {
    private final Path executable;
    private final Path dir;
    private final int port;
    private Process process;

    private MosquittoBroker(Path executable, Path dir, int port) {
        this.executable = executable;
        this.dir = dir;
        this.port = port;
    }

    static Path find() {
        return Stream.of(System.getenv("PATH").split(":"), new String[] {"/usr/sbin", "/usr/local/sbin"})
                .flatMap(Stream::of).map(p -> Path.of(p, "mosquitto")).filter(Files::isExecutable).findFirst()
                .orElse(null);
    }

    static MosquittoBroker start(Path executable, Path dir) throws IOException {
        MosquittoBroker b = new MosquittoBroker(executable, dir, freePort());
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + b.port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "autosave_interval 1",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                ""));
        b.startProcess();
        return b;
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(executable.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(this::accepting);
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker cleanly (it saves its persistence), as an orderly hub restart would. */
    void stop() throws InterruptedException {
        if (process == null) return;
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        process = null;
    }

    /** Starts again on the same port. */
    void restart() throws IOException {
        startProcess();
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
