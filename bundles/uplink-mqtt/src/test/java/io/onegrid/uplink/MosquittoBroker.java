package io.onegrid.uplink;

import io.onegrid.testing.ThirdPartyPeers;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto, started from a test on a free loopback port with its own config and persistence
 * folder. Tests skip (JUnit assumption) where mosquitto is not installed, and fail in CI ({@link #required}).
 */
final class MosquittoBroker implements AutoCloseable {
    /**
     * The mosquitto binary: a developer machine without it skips the test (with the reason); in CI (CI=true),
     * where the project's test set-up installs it, a missing broker fails the test instead of skipping it.
     */
    static Path required() {
        return ThirdPartyPeers.require("mosquitto", "mosquitto");
    }

    private final Path executable;
    private final Path dir;
    private final int port;
    private final List<Integer> tlsPorts = new ArrayList<>();
    private Process process;

    /**
     * A TLS listener's server certificate and key (PEM), and the CA file mosquitto sends the chain from; with
     * {@code requireClientCertificate} it also checks clients against that CA and takes the CN as user name.
     */
    record TlsListener(Path cafile, Path certfile, Path keyfile, boolean requireClientCertificate) {
        TlsListener(Path cafile, Path certfile, Path keyfile) {
            this(cafile, certfile, keyfile, false);
        }
    }

    private MosquittoBroker(Path executable, Path dir, int port) {
        this.executable = executable;
        this.dir = dir;
        this.port = port;
    }

    static MosquittoBroker start(Path executable, Path dir) throws IOException {
        return start(executable, dir, List.of());
    }

    /** The plain listener ({@link #uri()}) plus one TLS listener per entry ({@link #tlsUri(int)}). */
    static MosquittoBroker start(Path executable, Path dir, List<TlsListener> tls) throws IOException {
        MosquittoBroker b = new MosquittoBroker(executable, dir, freePort());
        List<String> listeners = new ArrayList<>();
        for (TlsListener t : tls) {
            int p = freePort();
            b.tlsPorts.add(p);
            listeners.addAll(List.of("listener " + p + " 127.0.0.1", "cafile " + t.cafile().toAbsolutePath(),
                    "certfile " + t.certfile().toAbsolutePath(), "keyfile " + t.keyfile().toAbsolutePath()));
            if (t.requireClientCertificate()) listeners.addAll(List.of("require_certificate true", "use_identity_as_username true"));
        }
        // Started as root, mosquitto would switch to user "mosquitto", which can neither read the TLS keys in our temp
        // dir nor write its persistence there ("Error: Permission denied" at every save): sessions would not survive
        // a restart, and a test that restarts the broker would race its subscriber's reconnect. As any other user
        // this line changes nothing.
        listeners.add("user " + System.getProperty("user.name"));
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + b.port + " 127.0.0.1",
                "allow_anonymous true",
                String.join("\n", listeners),
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
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("mosquitto.log")));
            }
            return accepting();
        });
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The address of the {@code i}th TLS listener. */
    String tlsUri(int i) {
        return "ssl://127.0.0.1:" + tlsPorts.get(i);
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
            // a free port in the ephemeral range can be "reached" by a connection to itself
            return s.getLocalPort() != port;
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
